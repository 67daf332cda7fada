import "server-only";
import { Prisma } from "../db";
import { sqlIdent } from "../db/ident";
import { grainFor, STATS_DIMS as STATS_FILTER_DIMS } from "../rollups/definition";
import type { Filters } from "./schemas";
import type { Period } from "../time";

/**
 * WHERE fragments for the rollup tables. Every fragment starts with the organisation: tenant
 * isolation is in the signature. Dimension filters are equality on the rollup key columns
 * ('' means "not given" there, e.g. events without a tier).
 */
type Dim = "feature" | "team" | "tier" | "model" | "environment";

/** The table aliases the metric readers give rollup tables (identifiers, never input). */
export type RollupAlias = "d" | "i" | "s" | "t" | "r" | "w";

export function dimWhere(f: Filters, alias: RollupAlias, dims: readonly Dim[]): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  for (const d of dims) {
    const v = f[d];
    if (v !== undefined) parts.push(Prisma.sql`${sqlIdent(d, alias)} = ${v}`);
  }
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export const ALL_DIMS: readonly Dim[] = ["feature", "team", "tier", "model", "environment"];

/** DailyRollup rows of an organisation in [from, to) matching the filters. */
export function dailyWhere(organizationId: string, p: { from: string; to: string }, f: Filters, alias: RollupAlias = "d"): Prisma.Sql {
  return Prisma.sql`${sqlIdent("organizationId", alias)} = ${organizationId}
    AND ${sqlIdent("day", alias)} >= ${p.from}::date AND ${sqlIdent("day", alias)} < ${p.to}::date${dimWhere(f, alias, ALL_DIMS)}`;
}

/**
 * The rollup that holds (day, feature, model) figures for these filters, as `<table> d`:
 * FeatureModelDailyRollup (DailyRollup summed over team, tier and environment: several times
 * fewer rows, decision 054) unless one of those three filters is set; its rows are then
 * selected by `dailyWhere(…, "d")` like DailyRollup's.
 */
export function featureModelDaily(f: Filters): Prisma.Sql {
  return needsDailyRollup(f) ? Prisma.sql`"DailyRollup" d` : Prisma.sql`"FeatureModelDailyRollup" d`;
}

/** Whether a (day, feature, model) read must come from DailyRollup: a team, tier or environment filter. */
export function needsDailyRollup(f: Filters): boolean {
  return f.team !== undefined || f.tier !== undefined || f.environment !== undefined;
}

/** InteractionRollup rows whose first event falls in [from, to) (dimensions of the first event). */
export function interactionWhere(
  organizationId: string,
  p: { from: string; to: string },
  f: Filters,
  alias: RollupAlias = "i",
): Prisma.Sql {
  return Prisma.sql`${sqlIdent("organizationId", alias)} = ${organizationId}
    AND ${sqlIdent("day", alias)} >= ${p.from}::date AND ${sqlIdent("day", alias)} < ${p.to}::date${dimWhere(f, alias, ALL_DIMS)}`;
}

export function appliedFilters(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of ALL_DIMS) if (f[d] !== undefined) out[d] = f[d]!;
  return out;
}

export function periodOut(p: Period) {
  return { from: p.from, to: p.to, days: p.days };
}

/**
 * InteractionStats rows of an organisation whose interactions started in [from, to), at the
 * coarsest grain that can answer the filters: no dimension → grain 5 (day × feature), any of
 * team/tier/model/environment → grain 0 (every dimension, equality on the filtered ones).
 */
export function statsWhere(organizationId: string, p: { from: string; to: string }, f: Filters, alias: RollupAlias = "s"): Prisma.Sql {
  const grain = grainFor(STATS_FILTER_DIMS.filter((d) => f[d] !== undefined));
  const col = (c: string) => sqlIdent(c, alias);
  return Prisma.sql`${col("organizationId")} = ${organizationId} AND ${col("grain")} = ${grain}
    AND ${col("day")} >= ${p.from}::date AND ${col("day")} < ${p.to}::date${dimWhere(f, alias, ALL_DIMS)}`;
}
