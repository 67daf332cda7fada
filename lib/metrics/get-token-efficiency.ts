import "server-only";
import { dbRead } from "../db";
import { sqlIdent } from "../db/ident";
import { formatUsd6, parseUsd, type Pico } from "../money";
import { leaderboard } from "./leaderboard";
import { appliedFilters, dailyWhere, dimWhere, periodOut } from "./query-filters";
import { correctRate, costPerCorrectOutput, costPerResolvedTaskFromTotals, successRate, tokenEfficiencyRatio } from "./rates";
import type { Filters } from "./schemas";
import { addDays, resolvePeriod } from "../time";

/**
 * GET /api/v1/metrics/token-efficiency?group_by=feature|team: per group input/output tokens,
 * TER, success and correct rates (this period and the previous period of the same length),
 * the leaderboard rank, cost per correct output and cost per resolved task.
 * Tasks (TaskStats, per day of first event × feature × team) belong to the period of their first event and carry feature and team
 * only: the tier/model/environment filters do not narrow them (the answer says so).
 * Bounded: the 100 costliest groups.
 */
const MAX_GROUPS = 100;

type Agg = { key: string; events: number; input: bigint; output: bigint; cost: string; successes: number; ct: number; cs: number };

type Q = Filters & { group_by?: "feature" | "team" };

/** The token efficiency, typed (picodollars): what the route and the board report compose. */
export async function readTokenEfficiency(organizationId: string, q: Q, now = new Date()) {
  const p = resolvePeriod(q, now);
  const groupBy = q.group_by ?? "feature";
  const col = sqlIdent(groupBy === "team" ? "team" : "feature", "d");
  const prev = { from: addDays(p.from, -p.days), to: p.from };
  const agg = (period: { from: string; to: string }) => dbRead().$queryRaw<Agg[]>`
    SELECT ${col} AS key, sum(d.events)::int AS events, sum(d."inputTokens")::bigint AS input, sum(d."outputTokens")::bigint AS output,
      sum(d."costUsd")::text AS cost, sum(d.successes)::int AS successes, sum(d."correctTrue")::int AS ct, sum(d."correctSet")::int AS cs
    FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, period, q)}
    GROUP BY 1 ORDER BY sum(d."costUsd") DESC, 1 LIMIT ${MAX_GROUPS}`;
  const [cur, before] = await Promise.all([agg(p), agg(prev)]);
  const tcol = sqlIdent(groupBy === "team" ? "team" : "feature", "t");
  const tasks = await dbRead().$queryRaw<{ key: string; tasks: number; resolved: number; cost: string }[]>`
    SELECT ${tcol} AS key, sum(t.tasks)::int AS tasks, sum(t.resolved)::int AS resolved, sum(t."costUsd")::text AS cost
    FROM "TaskStats" t
    WHERE t."organizationId" = ${organizationId} AND t.day >= ${p.from}::date AND t.day < ${p.to}::date
      ${dimWhere(q, "t", ["feature", "team"])}
    GROUP BY 1 HAVING sum(t.tasks) > 0`;
  const prevBy = new Map(before.map((r) => [r.key, r]));
  const tasksBy = new Map(tasks.map((r) => [r.key, r]));
  const board = new Map(
    leaderboard(
      cur.map((r) => ({
        key: r.key,
        inputTokens: BigInt(r.input),
        outputTokens: BigInt(r.output),
        correctTrue: r.ct,
        correctSet: r.cs,
        prevCorrectTrue: prevBy.get(r.key)?.ct ?? 0,
        prevCorrectSet: prevBy.get(r.key)?.cs ?? 0,
      })),
    ).map((e) => [e.key, e]),
  );
  const groups = cur.map((r): TokenEfficiencyGroup => {
    const pr = prevBy.get(r.key);
    const t = tasksBy.get(r.key);
    const cost = parseUsd(r.cost);
    const taskCost = t ? { tasks: t.tasks, resolved: t.resolved, total: parseUsd(t.cost) } : null;
    const e = board.get(r.key)!;
    return {
      key: r.key,
      events: r.events,
      inputTokens: Number(r.input),
      outputTokens: Number(r.output),
      ter: tokenEfficiencyRatio(BigInt(r.output), BigInt(r.input)),
      successRate: successRate(r.successes, r.events),
      correctRate: correctRate(r.ct, r.cs),
      previousTer: pr ? tokenEfficiencyRatio(BigInt(pr.output), BigInt(pr.input)) : null,
      previousCorrectRate: pr ? correctRate(pr.ct, pr.cs) : null,
      rank: e.rank,
      rankNote: e.reason,
      totalCost: cost,
      correctOutputs: r.ct,
      costPerCorrectOutput: costPerCorrectOutput(cost, r.ct),
      tasks: taskCost?.tasks ?? 0,
      resolvedTasks: taskCost?.resolved ?? 0,
      taskCost: taskCost?.total ?? 0n,
      costPerResolvedTask: taskCost ? costPerResolvedTaskFromTotals(taskCost.total, taskCost.resolved) : null,
    };
  });
  const ranked = [...board.values()].filter((e) => e.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return {
    period: periodOut(p),
    previousPeriod: prev,
    filters: appliedFilters(q),
    groupBy,
    groups,
    leaderboard: ranked.slice(0, 10).map((e) => ({ key: e.key, rank: e.rank, ter: e.ter })),
    notes: [
      "Leaderboard: highest TER among groups whose correct rate did not fall versus the previous period.",
      ...(q.tier || q.model || q.environment
        ? ["Task figures ignore the tier, model and environment filters (tasks carry feature and team only)."]
        : []),
    ],
  };
}

/** One group (a feature or a team, by `groupBy`) of the token efficiency. */
export type TokenEfficiencyGroup = {
  key: string;
  events: number;
  inputTokens: number;
  outputTokens: number;
  ter: number | null;
  successRate: number | null;
  correctRate: number | null;
  previousTer: number | null;
  previousCorrectRate: number | null;
  rank: number | null;
  rankNote: string;
  totalCost: Pico;
  correctOutputs: number;
  costPerCorrectOutput: Pico | null;
  tasks: number;
  resolvedTasks: number;
  taskCost: Pico;
  costPerResolvedTask: Pico | null;
};

export type TokenEfficiency = Awaited<ReturnType<typeof readTokenEfficiency>>;

const usd = (x: Pico | null) => (x === null ? null : formatUsd6(x));

/**
 * GET /api/v1/metrics/token-efficiency's form (snake_case, 6-decimal money; the group's key
 * under its dimension's name), beside the reader (docs/decisions/052-to-wire-beside-the-reader.md).
 */
export function tokenEfficiencyToWire(t: TokenEfficiency) {
  const dim = t.groupBy;
  return {
    period: t.period,
    previous_period: t.previousPeriod,
    filters: t.filters,
    group_by: dim,
    groups: t.groups.map((g) => ({
      [dim]: g.key,
      events: g.events,
      input_tokens: g.inputTokens,
      output_tokens: g.outputTokens,
      ter: g.ter,
      success_rate: g.successRate,
      correct_rate: g.correctRate,
      previous_ter: g.previousTer,
      previous_correct_rate: g.previousCorrectRate,
      rank: g.rank,
      rank_note: g.rankNote,
      total_cost_usd: formatUsd6(g.totalCost),
      correct_outputs: g.correctOutputs,
      cost_per_correct_output_usd: usd(g.costPerCorrectOutput),
      tasks: g.tasks,
      resolved_tasks: g.resolvedTasks,
      task_cost_usd: formatUsd6(g.taskCost),
      cost_per_resolved_task_usd: usd(g.costPerResolvedTask),
    })),
    leaderboard: t.leaderboard.map((e) => ({ [dim]: e.key, rank: e.rank, ter: e.ter })),
    notes: t.notes,
  };
}

/** The route's reader: the typed value on the wire. */
export async function getTokenEfficiency(organizationId: string, q: Q, now = new Date()) {
  return tokenEfficiencyToWire(await readTokenEfficiency(organizationId, q, now));
}

export type TokenEfficiencyResponse = Awaited<ReturnType<typeof getTokenEfficiency>>;
