import "server-only";
import { getAntiPatterns } from "../metrics/get-anti-patterns";
import { readFreemiumTrap } from "../metrics/get-freemium-trap";
import { addDays } from "../time";
import { parseUsd, type Pico } from "../money";
import { loadOverrides } from "../pricing/load-overrides";
import { readFeatureSettings } from "../settings/read-settings";
import { loadGroups, loadModelQuality, loadSamples, SAMPLED_FEATURES, type FeatureSample, type GroupRow } from "./load-inputs";
import type { RollupTokens } from "./reprice";
import type { OpportunityKind, Proposal } from "./types";

/**
 * What the opportunity detectors read (docs/decisions/024, 044): the organisation's last 30 full
 * days. Every input is loaded on first use and shared, so a detector reads only what it needs
 * (a draft for a model switch never runs the anti-pattern or freemium readers).
 */
export const WINDOW_DAYS = 30;
/** Under $1 a month is noise, not an opportunity. */
export const MIN_SAVING = parseUsd("1");

/** One opportunity as the detectors find it: typed money; the wire strings are made at the edge. */
export type Candidate = {
  /** stable for the same change: kind:feature[:model] */
  id: string;
  kind: OpportunityKind;
  feature: string;
  owner_team: string | null;
  title: string;
  /** the 30-day saving */
  saving: Pico;
  /** the feature's (or the group's) cost over the 30-day window */
  cost: Pico;
  basis: string[];
  evidence: Record<string, unknown>;
  proposal: Proposal;
};

/** One feature of the window: its rollup groups, cost, owner and (for the costliest) its sample. */
export type FeatureView = {
  feature: string;
  rows: GroupRow[];
  cost: Pico;
  owner: string | null;
  sample: FeatureSample | undefined;
  /** the feature's two costliest models */
  ranked: { model: string; rows: GroupRow[]; cost: Pico }[];
};

const once = <T>(load: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
};

const big = (s: string) => BigInt(s);
export const tokensOf = (r: GroupRow): RollupTokens => ({
  day: r.day,
  inputTokens: big(r.input),
  outputTokens: big(r.output),
  cachedInputTokens: big(r.cached),
  cacheWriteTokens: big(r.write),
});
export const sumTokens = (rows: readonly GroupRow[]) =>
  rows.reduce(
    (a, r) => ({
      inputTokens: a.inputTokens + big(r.input),
      outputTokens: a.outputTokens + big(r.output),
      cachedInputTokens: a.cachedInputTokens + big(r.cached),
      cacheWriteTokens: a.cacheWriteTokens + big(r.write),
    }),
    { inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n },
  );
export const costSum = (rows: readonly GroupRow[]) => rows.reduce((a, r) => a + parseUsd(r.cost), 0n);
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const byCostDesc = (a: { cost: Pico }, b: { cost: Pico }) => (b.cost > a.cost ? 1 : b.cost < a.cost ? -1 : 0);

export function opportunityContext(
  organizationId: string,
  now: Date,
  /** only these features (a draft's lookup by key); the sampled set is still chosen among all of them */
  only: (feature: string) => boolean = () => true,
) {
  const to = now.toISOString().slice(0, 10); // today is partial: the window is the 30 full days before it
  const from = addDays(to, -WINDOW_DAYS);
  const groups = once(() => loadGroups(organizationId, from, to));
  const settings = once(() => readFeatureSettings(organizationId));
  const byFeature = once(async () => {
    const m = new Map<string, GroupRow[]>();
    for (const g of await groups()) m.set(g.feature, [...(m.get(g.feature) ?? []), g]);
    return m;
  });
  const ownerOf = async (feature: string) =>
    (await settings()).get(feature)?.ownerTeam ?? (await byFeature()).get(feature)?.[0]?.team ?? null;
  const features = once(async (): Promise<FeatureView[]> => {
    const all = [...(await byFeature()).entries()].map(([f, rows]) => ({ feature: f, rows, cost: costSum(rows) })).sort(byCostDesc);
    const [samples, s] = await Promise.all([
      loadSamples(
        organizationId,
        all
          .slice(0, SAMPLED_FEATURES)
          .map((f) => f.feature)
          .filter(only),
        from,
        to,
      ),
      settings(),
    ]);
    return all
      .filter((f) => only(f.feature))
      .map(({ feature, rows, cost }) => {
        const models = new Map<string, GroupRow[]>();
        for (const r of rows) models.set(r.model, [...(models.get(r.model) ?? []), r]);
        const ranked = [...models.entries()]
          .map(([m, mr]) => ({ model: m, rows: mr, cost: costSum(mr) }))
          .sort((a, b) => (b.cost > a.cost ? 1 : -1))
          .slice(0, 2);
        const owner = s.get(feature)?.ownerTeam ?? rows[0]?.team ?? null;
        return { feature, rows, cost, owner, sample: samples.get(feature), ranked };
      });
  });
  return {
    organizationId,
    now,
    window: { from, to, days: WINDOW_DAYS },
    features,
    ownerOf,
    settings,
    quality: once(() => loadModelQuality(organizationId, from, to)),
    overrides: once(() => loadOverrides(organizationId)),
    antiPatterns: once(() => getAntiPatterns(organizationId, { from, to }, now)),
    freemiumTrap: once(() => readFreemiumTrap(organizationId, { from, to, as_of: addDays(to, -1) }, now)),
  };
}

export type OpportunityContext = ReturnType<typeof opportunityContext>;

/** One kind of opportunity: one file in lib/opportunities/kinds, shaped like the anti-pattern detectors. */
export type OpportunityDetector = { kind: OpportunityKind; detect: (ctx: OpportunityContext) => Promise<Candidate[]> };
