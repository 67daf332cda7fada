import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { parseUsd, toDecimalString } from "../money";
import { importListItem, keyedImportAnswer, periodOfDays, runKeyedImport } from "../imports/keyed-import";

const lastDayOfMonth = (day: string) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7), 0)).toISOString().slice(0, 10);
import { diffAgentLines, type AgentDiff } from "./diff-agent-lines";
import { AgentParseError, parseAgentFile, type AgentLine, type AgentSource, type AgentTool, type ParseOptions } from "./parse-agent-file";

export type AgentImportResult = {
  import_id: string;
  account: string;
  source: AgentSource;
  period_start: string;
  period_end: string;
  lines: number;
  cost_usd: string;
  unchanged: boolean;
  /** people in the file with no team (listed, never dropped: their cost goes to `unallocated`) */
  unmapped_people: string[];
  diff: AgentDiff;
};

type Row = Prisma.AgentUsageLineGetPayload<object>;
export function lineOfRow(r: Row): AgentLine {
  return {
    day: r.day.toISOString().slice(0, 10),
    tool: r.tool as AgentTool,
    person: r.person,
    model: r.model,
    kind: r.kind as AgentLine["kind"],
    costPico: parseUsd(r.costUsd.toString()),
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cacheReadTokens: r.cacheReadTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    requests: r.requests,
    sessions: r.sessions,
    linesAccepted: r.linesAccepted,
    lastActiveAt: r.lastActiveAt?.toISOString() ?? null,
  };
}

/** Team of each person: the mapping table first, then a member with that email and a team. */
export async function teamsOfPeople(organizationId: string, people: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(people.filter(Boolean))];
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  const [mapped, members] = await Promise.all([
    db().agentPersonTeam.findMany({ where: { organizationId, person: { in: wanted } } }),
    db().membership.findMany({
      where: { organizationId, teamName: { not: null }, user: { email: { in: wanted, mode: "insensitive" } } },
      select: { teamName: true, user: { select: { email: true } } },
    }),
  ]);
  for (const m of members) out.set(m.user.email.toLowerCase(), m.teamName!);
  for (const m of mapped) out.set(m.person, m.team);
  return out;
}

/**
 * Imports one file for (account, source). Idempotent per (account, source, period): the period
 * is the file's UTC days [first, last] (a seat file: its month); the stored lines of those days
 * are replaced by the file's in one transaction; the import is recorded with its diff and audited.
 */
export async function importAgentFile(
  organizationId: string,
  input: { account: string; source: AgentSource; text: string; via: "upload" | "api" | "connector"; options?: ParseOptions },
  actor: Actor,
): Promise<AgentImportResult> {
  let lines: AgentLine[];
  try {
    lines = parseAgentFile(input.source, input.text, input.options);
  } catch (e) {
    if (e instanceof AgentParseError) throw new AppError("validation_failed", `Cannot read the ${input.source} file: ${e.message}`);
    throw e;
  }
  if (!lines.length) throw new AppError("validation_failed", `The ${input.source} file has no usage or seats: nothing to import.`);
  // a seat file covers its whole month
  const days = lines.map((l) => l.day);
  const period = periodOfDays(days, lines.every((l) => l.kind === "seat") ? lastDayOfMonth(periodOfDays(days).first) : undefined);
  const costPico = lines.reduce((s, l) => s + l.costPico, 0n);
  const teams = await teamsOfPeople(
    organizationId,
    lines.map((l) => l.person),
  );
  const unmapped = [...new Set(lines.map((l) => l.person))].filter((p) => !teams.has(p)).sort();

  const outcome = await runKeyedImport({
    organizationId,
    actor,
    account: input.account,
    source: input.source,
    period,
    diff: async (tx, where) => diffAgentLines((await tx.agentUsageLine.findMany({ where })).map(lineOfRow), lines),
    via: input.via,
    lines: lines.length,
    record: (tx, row) => tx.agentImport.create({ data: { ...row, costUsd: toDecimalString(costPico) } }),
    replace: async (tx, where, shared) => {
      await tx.agentUsageLine.deleteMany({ where });
      await tx.agentUsageLine.createMany({
        data: lines.map((l) => ({
          ...shared,
          tool: l.tool,
          day: new Date(`${l.day}T00:00:00Z`),
          person: l.person,
          model: l.model,
          kind: l.kind,
          costUsd: toDecimalString(l.costPico),
          inputTokens: l.inputTokens,
          outputTokens: l.outputTokens,
          cacheReadTokens: l.cacheReadTokens,
          cacheWriteTokens: l.cacheWriteTokens,
          requests: l.requests,
          sessions: l.sessions,
          linesAccepted: l.linesAccepted,
          lastActiveAt: l.lastActiveAt ? new Date(l.lastActiveAt) : null,
        })),
      });
    },
    audit: {
      action: "coding_agents.import",
      targetType: "agent_account",
      extra: { via: input.via },
      diff: (d: AgentDiff) => ({ ...d, items: d.items.slice(0, 20) }),
    },
  });
  const file = { account: input.account, source: input.source, period, lines: lines.length };
  return keyedImportAnswer(file, outcome, { cost_usd: toDecimalString(costPico) }, { unmapped_people: unmapped });
}

export async function listAgentImports(organizationId: string, limit = 50) {
  const rows = await db().agentImport.findMany({ where: { organizationId }, orderBy: { importedAt: "desc" }, take: limit });
  return rows.map((r) => importListItem(r, r.account, r.costUsd.toFixed(6), r.diff as unknown as AgentDiff));
}
