import "server-only";
import Papa from "papaparse";
import type { Actor } from "../audit/actor";
import { AppError, type Issue } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db, dbRead } from "../db";
import { monthRange, utcMonth } from "../time";
import { endpointWindowInput, type EndpointWindowInput } from "./schemas";
import { hoursText } from "./chargeback-wire";
import { endpointName } from "./endpoint-time";

/**
 * Running windows of time-priced endpoints (decision 057): what a price-book `time` rule is
 * charged for. Recorded through the API (a JSON list) or a CSV file; ADMIN and FINANCE write
 * (costs.manage), every write is audited. A window never overlaps another of the same endpoint
 * (the time would be charged twice), and no window is added to or removed from a closed month:
 * its chargeback is frozen (decision 037), so the change would show nowhere; reopen it first.
 */
export type EndpointWindow = {
  id: string;
  provider: string | null;
  model: string;
  startedAt: Date;
  endedAt: Date;
  team: string | null;
  note: string | null;
  source: "api" | "csv";
  createdAt: Date;
};

export function endpointWindowToWire(w: EndpointWindow) {
  return {
    id: w.id,
    provider: w.provider,
    model: w.model,
    started_at: w.startedAt.toISOString(),
    ended_at: w.endedAt.toISOString(),
    hours: hoursText(BigInt(w.endedAt.getTime() - w.startedAt.getTime())),
    team: w.team,
    note: w.note,
    source: w.source,
    created_at: w.createdAt.toISOString(),
  };
}

const typed = (w: Omit<EndpointWindow, "source"> & { source: string }): EndpointWindow => ({
  ...w,
  source: w.source === "csv" ? "csv" : "api",
});

/** The organisation's windows, oldest first; with a month, those overlapping it. */
export async function listEndpointWindows(organizationId: string, month?: string): Promise<EndpointWindow[]> {
  const range = month ? monthRange(month) : null;
  const rows = await dbRead().endpointWindow.findMany({
    where: { organizationId, ...(range ? { startedAt: { lt: range.to }, endedAt: { gt: range.from } } : {}) },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: 5000,
  });
  return rows.map(typed);
}

/** The UTC months [from, to) touches. */
function monthsOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let m = utcMonth(from); monthRange(m).from < to; m = utcMonth(monthRange(m).to)) out.push(m);
  return out;
}

const same = (a: { provider: string | null; model: string }, b: { provider: string | null; model: string }) =>
  a.provider === b.provider && a.model === b.model;

/** Why each window cannot be stored (by index): unknown team, a closed month, an overlap. */
async function problemsOf(organizationId: string, inputs: EndpointWindowInput[]): Promise<Map<number, string[]>> {
  const problems = new Map<number, string[]>();
  const add = (i: number, m: string) => problems.set(i, [...(problems.get(i) ?? []), m]);
  if (inputs.length === 0) return problems;
  const from = new Date(Math.min(...inputs.map((w) => w.started_at.getTime())));
  const to = new Date(Math.max(...inputs.map((w) => w.ended_at.getTime())));
  const [teams, closed, existing] = await Promise.all([
    db().team.findMany({ where: { organizationId }, select: { name: true } }),
    db().chargebackPeriod.findMany({
      where: { organizationId, status: "closed", month: { in: monthsOf(from, to) } },
      select: { month: true },
    }),
    db().endpointWindow.findMany({ where: { organizationId, startedAt: { lt: to }, endedAt: { gt: from } } }),
  ]);
  const teamNames = new Set(teams.map((t) => t.name));
  const closedMonths = new Set(closed.map((c) => c.month));
  inputs.forEach((w, i) => {
    if (w.team && !teamNames.has(w.team)) add(i, `team: no team named "${w.team}" (add it under Settings → Teams, or leave team empty)`);
    for (const m of monthsOf(w.started_at, w.ended_at))
      if (closedMonths.has(m)) add(i, `${m} is closed: its chargeback is frozen; reopen it before recording running time in it`);
    const clash = existing.find((e) => same(e, w) && e.startedAt < w.ended_at && e.endedAt > w.started_at);
    if (clash)
      add(
        i,
        `overlaps window ${clash.id} of ${endpointName(w.provider, w.model)} (${clash.startedAt.toISOString()} – ${clash.endedAt.toISOString()}): its time would be charged twice`,
      );
    // against earlier items that are stored themselves (one refused for its own reason takes no time)
    const j = inputs.findIndex((o, k) => k < i && !problems.has(k) && same(o, w) && o.started_at < w.ended_at && o.ended_at > w.started_at);
    if (j >= 0) add(i, `overlaps item ${j} of ${endpointName(w.provider, w.model)} in the same request: its time would be charged twice`);
  });
  return problems;
}

async function store(
  organizationId: string,
  inputs: EndpointWindowInput[],
  actor: Actor,
  source: "api" | "csv",
): Promise<EndpointWindow[]> {
  const rows = await db().$transaction(
    inputs.map((w) =>
      db().endpointWindow.create({
        data: {
          organizationId,
          provider: w.provider,
          model: w.model,
          startedAt: w.started_at,
          endedAt: w.ended_at,
          team: w.team,
          note: w.note,
          source,
          createdById: actor.userId ?? null,
        },
      }),
    ),
  );
  const windows = rows.map(typed);
  await writeAudit({
    organizationId,
    actor,
    action: source === "csv" ? "endpoint_window.import" : "endpoint_window.create",
    targetType: "EndpointWindow",
    targetId: windows.length === 1 ? windows[0].id : undefined,
    after: { windows: windows.map(endpointWindowToWire) },
  });
  return windows;
}

/** POST /api/v1/price-book/endpoint-windows: all the windows are stored, or none (409 naming each item's problem). */
export async function createEndpointWindows(
  organizationId: string,
  inputs: EndpointWindowInput[],
  actor: Actor,
): Promise<EndpointWindow[]> {
  const problems = await problemsOf(organizationId, inputs);
  if (problems.size > 0) {
    const issues: Issue[] = [...problems].flatMap(([i, ms]) => ms.map((message) => ({ path: `windows.${i}`, message })));
    throw new AppError("conflict", `${problems.size} of ${inputs.length} windows cannot be recorded; nothing was stored`, issues);
  }
  return store(organizationId, inputs, actor, "api");
}

export const WINDOW_CSV_COLUMNS = ["provider", "model", "started_at", "ended_at", "team", "note"] as const;

/**
 * A CSV of windows (header: provider, model, started_at, ended_at[, team][, note]): every valid
 * line is stored, every other line is reported with its number (1 = the header) and why.
 */
export async function importEndpointWindows(
  organizationId: string,
  text: string,
  actor: Actor,
): Promise<{ created: number; windows: EndpointWindow[]; rejected: { line: number; errors: string[] }[] }> {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const header = parsed.meta.fields ?? [];
  const missing = ["model", "started_at", "ended_at"].filter((c) => !header.includes(c));
  if (missing.length)
    throw new AppError("bad_request", `the CSV needs the columns ${missing.join(", ")} (header: ${WINDOW_CSV_COLUMNS.join(",")})`);
  const unknown = header.filter((h) => !(WINDOW_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    throw new AppError("bad_request", `unknown CSV columns: ${unknown.join(", ")} (expected ${WINDOW_CSV_COLUMNS.join(",")})`);
  if (parsed.data.length > 5000) throw new AppError("payload_too_large", "at most 5,000 windows per file");

  const rejected: { line: number; errors: string[] }[] = [];
  const valid: { line: number; input: EndpointWindowInput }[] = [];
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const r = endpointWindowInput.safeParse(Object.fromEntries(Object.entries(row).filter(([k]) => k !== "__parsed_extra")));
    if (r.success) valid.push({ line, input: r.data });
    else rejected.push({ line, errors: r.error.issues.map((x) => (x.path.length ? `${x.path.join(".")}: ${x.message}` : x.message)) });
  });
  const problems = await problemsOf(
    organizationId,
    valid.map((v) => v.input),
  );
  const ok = valid.filter((_, i) => !problems.has(i));
  valid.forEach((v, i) => problems.has(i) && rejected.push({ line: v.line, errors: problems.get(i)! }));
  rejected.sort((a, b) => a.line - b.line);
  const windows = ok.length
    ? await store(
        organizationId,
        ok.map((v) => v.input),
        actor,
        "csv",
      )
    : [];
  return { created: windows.length, windows, rejected };
}

/** Deletes a window (audited with what it was); refused when it touches a closed month. */
export async function deleteEndpointWindow(organizationId: string, id: string, actor: Actor): Promise<{ id: string; deleted: boolean }> {
  const w = await db().endpointWindow.findFirst({ where: { id, organizationId } });
  if (!w) throw new AppError("not_found", `no running window ${id}`);
  const closed = await db().chargebackPeriod.findFirst({
    where: { organizationId, status: "closed", month: { in: monthsOf(w.startedAt, w.endedAt) } },
    select: { month: true },
  });
  if (closed)
    throw new AppError("conflict", `${closed.month} is closed: its chargeback is frozen; reopen it before removing running time from it`);
  await db().endpointWindow.delete({ where: { organizationId_id: { organizationId, id } } });
  await writeAudit({
    organizationId,
    actor,
    action: "endpoint_window.delete",
    targetType: "EndpointWindow",
    targetId: id,
    before: endpointWindowToWire(typed(w)),
  });
  return { id, deleted: true };
}
