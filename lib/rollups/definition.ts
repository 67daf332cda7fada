/**
 * EVERYTHING that defines a rollup, in one place (decision 044, "rollups in one room"): the
 * tables, their keys, how each value is aggregated from events and how two aggregates merge,
 * the state ingestion captures before a merge (so second-level rollups can subtract it), the
 * InteractionStats grains, and the advisory lock that orders ingestion against rebuilds.
 * The SQL is generated from this (rollup-sql.ts, read-rollups-sql.ts); ingestion calls those
 * generators and never spells a rollup itself. Pure data: no database, no Prisma.
 */
import { FREE_TIER } from "../settings/default-tiers";

/** Advisory-lock namespace, per organisation: ingest batches take it shared; rebuild, repair and restatement exclusive. */
export const ROLLUP_LOCK_NS = 7301;

// ---------------------------------------------------------------- event rollups (from raw events)

export type RollupTable =
  "DailyRollup" | "FeatureModelDailyRollup" | "InteractionRollup" | "TenantDailyRollup" | "TaskRollup" | "MinuteRollup";

export const ROLLUP_TABLES: RollupTable[] = [
  "DailyRollup",
  "FeatureModelDailyRollup",
  "InteractionRollup",
  "TenantDailyRollup",
  "TaskRollup",
  "MinuteRollup",
];

/**
 * sum: added; greatest/least; first/last: the value of the aggregate with the earlier firstAt /
 * later-or-equal lastAt; sketch: the DDSketch bucket arrays merged (spendline_sketch_merge).
 */
export type Merge = "sum" | "greatest" | "least" | "first" | "last" | "sketch";

/**
 * keys: [column, expression over event columns]; values: [column, aggregate, merge rule];
 * filter: which events count. Expressions name event columns unqualified: they read the same
 * over `"CostEvent" e` (rebuild, verify) and over a batch's inserted rows (ingestion).
 */
export type RollupDef = { keys: [string, string][]; values: [string, string, Exclude<Merge, "sketch">][]; filter?: string };

const FIRST = (x: string) => "(array_agg(" + x + ' ORDER BY "timestamp", "eventId"))[1]';

export const ROLLUPS: Record<RollupTable, RollupDef> = {
  DailyRollup: {
    keys: [
      ["day", `"timestamp"::date`],
      ["feature", "feature"],
      ["team", "team"],
      ["tier", `COALESCE("tenantTier", '')`],
      ["model", "model"],
      ["environment", "environment"],
    ],
    values: [
      ["provider", `max(COALESCE(provider, ''))`, "greatest"],
      ["events", `count(*)::int`, "sum"],
      ["inputTokens", `sum("inputTokens")::bigint`, "sum"],
      ["outputTokens", `sum("outputTokens")::bigint`, "sum"],
      ["cachedInputTokens", `sum("cachedInputTokens")::bigint`, "sum"],
      ["cacheWriteTokens", `sum("cacheWriteTokens")::bigint`, "sum"],
      ["reasoningTokens", `sum("reasoningTokens")::bigint`, "sum"],
      ["groundingTokens", `sum("groundingTokens")::bigint`, "sum"],
      ["wastedTokens", `sum("wastedTokens")::bigint`, "sum"],
      ["deliveredOutputTokens", `COALESCE(sum("deliveredOutputTokens"), 0)::bigint`, "sum"],
      ["streamedOutputTokens", `COALESCE(sum("outputTokens") FILTER (WHERE "deliveredOutputTokens" IS NOT NULL), 0)::bigint`, "sum"],
      ["abortedEvents", `(count(*) FILTER (WHERE aborted))::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
      ["catalogCostUsd", `COALESCE(sum("catalogCostUsd"), 0)`, "sum"],
      ["successes", `(count(*) FILTER (WHERE outcome = 'success'))::int`, "sum"],
      ["failures", `(count(*) FILTER (WHERE outcome = 'failure'))::int`, "sum"],
      ["correctTrue", `(count(*) FILTER (WHERE correct))::int`, "sum"],
      ["correctSet", `(count(*) FILTER (WHERE correct IS NOT NULL))::int`, "sum"],
      ["unpricedEvents", `(count(*) FILTER (WHERE unpriced))::int`, "sum"],
      ["latencyMsSum", `COALESCE(sum("latencyMs"), 0)::bigint`, "sum"],
      ["latencyCount", `count("latencyMs")::int`, "sum"],
      ["delayMsSum", `sum(round(extract(epoch FROM ("receivedAt" - "timestamp")) * 1000))::bigint`, "sum"],
    ],
  },
  // DailyRollup without team, tier and environment (decision 054): what the anti-pattern
  // detectors read per (feature, day, model) when none of those three filters is set — about
  // teams × tiers × environments times fewer rows. Same expressions as DailyRollup's.
  FeatureModelDailyRollup: {
    keys: [
      ["day", `"timestamp"::date`],
      ["feature", "feature"],
      ["model", "model"],
    ],
    values: [
      ["events", `count(*)::int`, "sum"],
      ["inputTokens", `sum("inputTokens")::bigint`, "sum"],
      ["outputTokens", `sum("outputTokens")::bigint`, "sum"],
      ["cachedInputTokens", `sum("cachedInputTokens")::bigint`, "sum"],
      ["deliveredOutputTokens", `COALESCE(sum("deliveredOutputTokens"), 0)::bigint`, "sum"],
      ["streamedOutputTokens", `COALESCE(sum("outputTokens") FILTER (WHERE "deliveredOutputTokens" IS NOT NULL), 0)::bigint`, "sum"],
      ["abortedEvents", `(count(*) FILTER (WHERE aborted))::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
      ["successes", `(count(*) FILTER (WHERE outcome = 'success'))::int`, "sum"],
    ],
  },
  InteractionRollup: {
    keys: [
      ["feature", "feature"],
      ["interactionKey", `COALESCE("sessionId", 'event:' || "eventId")`],
    ],
    values: [
      ["team", FIRST("team"), "first"],
      ["tier", FIRST(`COALESCE("tenantTier", '')`), "first"],
      ["environment", FIRST("environment"), "first"],
      ["model", FIRST("model"), "first"],
      ["tenantId", FIRST(`"tenantId"`), "first"],
      ["userId", FIRST(`"userId"`), "first"],
      ["firstAt", `min("timestamp")`, "least"],
      ["lastAt", `max("timestamp")`, "greatest"],
      ["day", `min("timestamp")::date`, "first"],
      ["events", `count(*)::int`, "sum"],
      ["inputTokens", `sum("inputTokens")::bigint`, "sum"],
      ["outputTokens", `sum("outputTokens")::bigint`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
  },
  TenantDailyRollup: {
    keys: [
      ["tenantId", `"tenantId"`],
      ["day", `"timestamp"::date`],
      ["model", "model"],
      ["feature", "feature"],
    ],
    values: [
      ["tier", `max(COALESCE("tenantTier", ''))`, "greatest"],
      ["events", `count(*)::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
    filter: `"tenantId" IS NOT NULL`,
  },
  TaskRollup: {
    keys: [["taskId", `"taskId"`]],
    values: [
      ["feature", FIRST("feature"), "first"],
      ["team", FIRST("team"), "first"],
      ["firstAt", `min("timestamp")`, "least"],
      ["lastAt", `max("timestamp")`, "greatest"],
      ["lastOutcome", `(array_agg(outcome ORDER BY "timestamp" DESC, "eventId" DESC))[1]`, "last"],
      ["events", `count(*)::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
    filter: `"taskId" IS NOT NULL`,
  },
  MinuteRollup: {
    keys: [
      ["feature", "feature"],
      ["minute", `date_trunc('minute', "timestamp")`],
    ],
    values: [
      ["events", `count(*)::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
  },
};

export const KEYS = Object.fromEntries(ROLLUP_TABLES.map((t) => [t, ["organizationId", ...ROLLUPS[t].keys.map(([k]) => k)]])) as Record<
  RollupTable,
  string[]
>;
export const VALUES = Object.fromEntries(ROLLUP_TABLES.map((t) => [t, ROLLUPS[t].values.map(([v]) => v)])) as Record<RollupTable, string[]>;

/** Which column dates a rollup row, for checks limited to raw events complete from a date. */
export const SINCE_COLUMN = {
  DailyRollup: "day",
  FeatureModelDailyRollup: "day",
  TenantDailyRollup: "day",
  MinuteRollup: "minute",
  InteractionRollup: "firstAt",
  TaskRollup: "firstAt",
} as const satisfies Record<RollupTable, string>;

// ---------------------------------------------------------------- second-level rollups

/**
 * InteractionStats grains: 0 keeps every dimension, 5 none (day × feature), storing '' in the
 * dimensions it drops. (Single-dimension grains 1–4 cost too much ingest time for what they
 * save on filtered reads: decision 014.)
 */
export const STATS_DIMS = ["team", "tier", "model", "environment"] as const;
export type StatsDim = (typeof STATS_DIMS)[number];
export const GRAIN_DIMS = { 0: STATS_DIMS, 5: [] } as const satisfies Record<number, readonly StatsDim[]>;
export type Grain = keyof typeof GRAIN_DIMS;
export const GRAINS = Object.keys(GRAIN_DIMS).map(Number) as Grain[];

/** The grains that keep `dim` (the others store ''). */
export function grainsKeeping(dim: StatsDim): Grain[] {
  return GRAINS.filter((g) => (GRAIN_DIMS[g] as readonly StatsDim[]).includes(dim));
}

/** One source row as the InteractionStats row of `grain` sees it: the dimensions it drops are ''. */
export function atGrain<R extends Record<StatsDim, string>>(grain: Grain, row: R): R {
  const out = { ...row };
  for (const d of STATS_DIMS) if (!(GRAIN_DIMS[grain] as readonly StatsDim[]).includes(d)) out[d] = "" as R[StatsDim];
  return out;
}

/** The coarsest grain that can answer equality filters on `dims` (fewest dimensions kept). */
export function grainFor(dims: readonly StatsDim[]): Grain {
  const fits = GRAINS.filter((g) => dims.every((d) => (GRAIN_DIMS[g] as readonly StatsDim[]).includes(d)));
  return fits.sort((a, b) => GRAIN_DIMS[a].length - GRAIN_DIMS[b].length)[0];
}

export type StatsTable = "InteractionStats" | "TaskStats";

/** Keys and merged values of the second-level rollups ([column, merge rule]). */
export const STATS: Record<StatsTable, { keys: string[]; values: [string, Merge][] }> = {
  InteractionStats: {
    keys: ["organizationId", "grain", "day", "feature", ...STATS_DIMS],
    values: [
      ["interactions", "sum"],
      ["costUsd", "sum"],
      ["costSq", "sum"],
      ["costMax", "greatest"],
      ["zeros", "sum"],
      ["lo", "least"],
      ["counts", "sketch"],
    ],
  },
  TaskStats: {
    keys: ["organizationId", "day", "feature", "team"],
    values: [
      ["tasks", "sum"],
      ["resolved", "sum"],
      ["costUsd", "sum"],
    ],
  },
};

/**
 * What ingestion captures of a row's state before merging into it ("prev<Column>" columns of
 * the rollup, null on insert), and returns with the new state, so that a second-level rollup
 * adds the new state (+1) and subtracts the previous one (−1). `keys` are returned as they
 * are (they never change); `present` is the column whose previous value is null only on insert.
 */
export const PREVIOUS = {
  InteractionRollup: { keys: ["feature"], state: ["day", "team", "tier", "model", "environment", "costUsd"], present: "day" },
  TaskRollup: { keys: [], state: ["firstAt", "feature", "team", "lastOutcome", "costUsd"], present: "feature" },
} as const satisfies Partial<Record<RollupTable, { keys: readonly string[]; state: readonly string[]; present: string }>>;
export type CapturingTable = keyof typeof PREVIOUS;

/** "prevCostUsd" for "costUsd". */
export function previousColumn(col: string): string {
  return "prev" + col[0].toUpperCase() + col.slice(1);
}

/**
 * The stats source row (sign, day, …, cost) of one rollup row, as [output column, expression
 * of a column]: `c` reads a column of the rollup row (new state, previous state, or stored).
 */
export const STATS_SOURCE: Record<StatsTable, { from: CapturingTable; columns: (c: (col: string) => string) => [string, string][] }> = {
  InteractionStats: {
    from: "InteractionRollup",
    columns: (c) => [
      ["day", c("day")],
      ["feature", c("feature")],
      ...STATS_DIMS.map((d): [string, string] => [d, c(d)]),
      ["cost", c("costUsd")],
    ],
  },
  TaskStats: {
    from: "TaskRollup",
    columns: (c) => [
      ["day", c("firstAt") + "::date"],
      ["feature", c("feature")],
      ["team", c("team")],
      ["resolved", c("lastOutcome") + " = 'success'"],
      ["cost", c("costUsd")],
    ],
  },
};

// ---------------------------------------------------------------- tenant cohort (from Tenant rows)

/**
 * TenantCohortDay (decision 054): each Tenant row counts once on the day of its first event
 * (tenants, window events and cost) and once on the day of its last event (lastTenants), under
 * its latest tier ('' = none). Its two contributions, as [column, expression over the row's
 * columns named by `c`]; ingestion adds the new state's and subtracts the previous state's
 * (Tenant "prev…" columns), the window repair subtracts then adds, rebuild and verify group them.
 */
export const TENANT_COHORT = {
  keys: ["organizationId", "tier", "day"],
  values: ["tenants", "windowEvents", "windowCostUsd", "lastTenants"],
  contributions: (c: (col: string) => string): Record<"first" | "last", [string, string][]> => ({
    first: [
      ["tier", `COALESCE(${c("tier")}, '')`],
      ["day", `${c("firstEventAt")}::date`],
      ["tenants", "1"],
      ["windowEvents", c("windowEvents")],
      ["windowCostUsd", c("windowCostUsd")],
      ["lastTenants", "0"],
    ],
    last: [
      ["tier", `COALESCE(${c("tier")}, '')`],
      ["day", `${c("lastEventAt")}::date`],
      ["tenants", "0"],
      ["windowEvents", "0"],
      ["windowCostUsd", "0"],
      ["lastTenants", "1"],
    ],
  }),
  /** The Tenant columns whose previous state ingestion keeps ("prev…", null on insert). */
  state: ["tier", "firstEventAt", "lastEventAt", "windowEvents", "windowCostUsd"],
} as const;

// ---------------------------------------------------------------- window parts (from TenantWindow rows)

/**
 * TenantCohortPart (decision 054): Σ events and cost of TenantWindow parts per (tier, feature,
 * first-event day, model), for the tenants of `tiers` only (the freemium trap reads the free
 * tier; the others would only cost ingest work): each part counts under its tenant's latest
 * tier — on the stored side, under Tenant.windowTier, which ingestion moves with the tier (or
 * the repair right after the commit does) — and on the day of the part's `firstAt`. Ingestion
 * adds the batch's part deltas; a tenant whose parts change tier moves them (subtract at the old,
 * add at the new); the window repair subtracts the repaired tenants' parts and adds them back;
 * rebuild and verify group TenantWindow ⋈ Tenant.
 */
export const TENANT_PART = {
  keys: ["organizationId", "tier", "feature", "day", "model"],
  values: ["events", "costUsd"],
  tiers: [FREE_TIER] as string[],
} as const;

/**
 * TenantWindowRank (decision 054): for the tenants of TENANT_PART.tiers (the same window tier),
 * each one's window cost per (feature, model), per feature (model = ALL) and per model (feature
 * = ALL) — Σ of its TenantWindow parts — so that the freemium list under a filter walks tenants
 * from the costliest filtered window down. Event features and models are never empty, so ''
 * stands for "every one". A tenant whose tier leaves those tiers keeps its rows, at 0.
 */
export const TENANT_RANK = {
  keys: ["organizationId", "tenantId", "feature", "model"],
  values: ["costUsd"],
  all: "",
} as const;
