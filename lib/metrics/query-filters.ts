import "server-only";
import { Prisma } from "../db";
import type { Filters } from "./schemas";
import type { Period } from "../time";

/**
 * WHERE fragments for the rollup tables. Every fragment starts with the organisation: tenant
 * isolation is in the signature. Dimension filters are equality on the rollup key columns
 * ('' means "not given" there, e.g. events without a tier).
 */
type Dim = "feature" | "team" | "tier" | "model" | "environment";

export function dimWhere(f: Filters, alias: string, dims: readonly Dim[]): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  for (const d of dims) {
    const v = f[d];
    if (v !== undefined) parts.push(Prisma.sql`${Prisma.raw(`${alias}."${d}"`)} = ${v}`);
  }
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export const ALL_DIMS: readonly Dim[] = ["feature", "team", "tier", "model", "environment"];

/** DailyRollup rows of an organisation in [from, to) matching the filters. */
export function dailyWhere(organizationId: string, p: { from: string; to: string }, f: Filters, alias = "d"): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(alias)}."organizationId" = ${organizationId}
    AND ${Prisma.raw(alias)}.day >= ${p.from}::date AND ${Prisma.raw(alias)}.day < ${p.to}::date${dimWhere(f, alias, ALL_DIMS)}`;
}

/** InteractionRollup rows whose first event falls in [from, to) (dimensions of the first event). */
export function interactionWhere(organizationId: string, p: { from: string; to: string }, f: Filters, alias = "i"): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(alias)}."organizationId" = ${organizationId}
    AND ${Prisma.raw(alias)}.day >= ${p.from}::date AND ${Prisma.raw(alias)}.day < ${p.to}::date${dimWhere(f, alias, ALL_DIMS)}`;
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
export function statsWhere(organizationId: string, p: { from: string; to: string }, f: Filters, alias = "s"): Prisma.Sql {
  const dims = (["team", "tier", "model", "environment"] as const).filter((d) => f[d] !== undefined);
  const grain = dims.length === 0 ? 5 : 0;
  const a = Prisma.raw(alias);
  return Prisma.sql`${a}."organizationId" = ${organizationId} AND ${a}.grain = ${grain}
    AND ${a}.day >= ${p.from}::date AND ${a}.day < ${p.to}::date${dimWhere(f, alias, ALL_DIMS)}`;
}
