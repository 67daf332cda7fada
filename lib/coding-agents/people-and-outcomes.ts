import "server-only";
import Papa from "papaparse";
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { parseUsd, toDecimalString } from "../money";

const csvRows = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim().toLowerCase(),
  });

/**
 * The person → team mapping (CSV: person (email or login), team). Replaces the mapping of the
 * people named; others keep theirs. Audited with what changed.
 */
export async function importPeopleMapping(organizationId: string, text: string, actor: Actor) {
  const parsed = csvRows(text);
  const f = parsed.meta.fields ?? [];
  const personCol = ["person", "email", "login"].find((c) => f.includes(c));
  if (!personCol || !f.includes("team"))
    throw new AppError("validation_failed", "The mapping CSV needs a person (or email / login) column and a team column.");
  const rows = parsed.data.map((r, i) => {
    const person = (r[personCol] ?? "").trim().toLowerCase();
    const team = (r.team ?? "").trim();
    if (!person || !team) throw new AppError("validation_failed", `Row ${i + 2}: both ${personCol} and team are needed.`);
    if (team.length > 100 || person.length > 320) throw new AppError("validation_failed", `Row ${i + 2}: value too long.`);
    return { person, team };
  });
  if (!rows.length) throw new AppError("validation_failed", "The mapping CSV has no rows.");
  const before = await db().agentPersonTeam.findMany({ where: { organizationId, person: { in: rows.map((r) => r.person) } } });
  const old = new Map(before.map((b) => [b.person, b.team]));
  const changed = rows.filter((r) => old.get(r.person) !== r.team);
  await db().$transaction(async (tx) => {
    for (const r of changed)
      await tx.agentPersonTeam.upsert({
        where: { organizationId_person: { organizationId, person: r.person } },
        create: { organizationId, ...r },
        update: { team: r.team },
      });
    if (changed.length)
      await writeAudit(
        {
          organizationId,
          actor,
          action: "coding_agents.people.map",
          targetType: "agent_people",
          before: Object.fromEntries(changed.filter((r) => old.has(r.person)).map((r) => [r.person, old.get(r.person)])),
          after: Object.fromEntries(changed.slice(0, 200).map((r) => [r.person, r.team])),
        },
        tx,
      );
  });
  return { rows: rows.length, changed: changed.length, unchanged: rows.length - changed.length };
}

const outcomeSchema = z.strictObject({
  id: z.string().trim().min(1, "every run or PR needs its id").max(200),
  kind: z.enum(["pr", "ci_run"], "kind is pr or ci_run"),
  repo: z.string().trim().min(1).max(300),
  pr: z.string().trim().max(100).default(""),
  author: z.string().trim().min(1).max(320),
  actor: z.enum(["agent", "human"], "actor is agent or human"),
  agent: z.string().trim().max(100).default(""),
  minutes: z
    .string()
    .regex(/^\d+(\.\d{1,4})?$/, "minutes as a decimal")
    .default("0"),
  cost_usd: z
    .string()
    .regex(/^\d+(\.\d{1,12})?$/, 'cost_usd as a decimal, e.g. "0.84"')
    .default("0"),
  merged: z
    .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no", ""]).transform((v) => v === "true" || v === "1" || v === "yes")])
    .default(false),
  at: z.iso.datetime({ offset: true, message: "at is an ISO timestamp, e.g. 2026-11-03T10:00:00Z" }),
  paying_team: z.string().trim().max(100).default(""),
});
export type OutcomeInput = z.input<typeof outcomeSchema>;

/**
 * Generic intake for CI runs and pull requests (a CSV with these columns or a JSON array of
 * objects, as a CI webhook would post): idempotent per (kind, id) — a re-post replaces the row.
 */
export async function ingestOutcomes(organizationId: string, text: string, contentType: string, actor: Actor) {
  let raw: unknown[];
  if (contentType.includes("json")) {
    let j: unknown;
    try {
      j = JSON.parse(text);
    } catch {
      throw new AppError("validation_failed", "The body is not JSON: post an array of runs/PRs (or send text/csv).");
    }
    raw = Array.isArray(j) ? j : [j];
  } else {
    raw = csvRows(text).data.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== "")));
  }
  if (!raw.length) throw new AppError("validation_failed", "No runs or pull requests in the body.");
  if (raw.length > 10_000) throw new AppError("validation_failed", "At most 10,000 rows per request; split the file.");
  const rows = raw.map((r, i) => {
    const p = outcomeSchema.safeParse(r);
    if (!p.success) {
      const is = p.error.issues[0];
      throw new AppError("validation_failed", `Row ${i + 1}${is.path.length ? ` (${is.path.join(".")})` : ""}: ${is.message}`);
    }
    return p.data;
  });
  let written = 0;
  await db().$transaction(async (tx) => {
    for (const r of rows) {
      const data = {
        repo: r.repo,
        pr: r.pr,
        author: r.author.toLowerCase(),
        actor: r.actor,
        agent: r.agent,
        minutes: r.minutes,
        costUsd: toDecimalString(parseUsd(r.cost_usd)),
        merged: r.merged,
        at: new Date(r.at),
        payingTeam: r.paying_team,
      };
      await tx.agentOutcome.upsert({
        where: { organizationId_kind_externalId: { organizationId, kind: r.kind, externalId: r.id } },
        create: { organizationId, kind: r.kind, externalId: r.id, ...data },
        update: data,
      });
      written++;
    }
    await writeAudit(
      { organizationId, actor, action: "coding_agents.outcomes.ingest", targetType: "agent_outcomes", after: { rows: written } },
      tx,
    );
  });
  return { rows: written };
}
