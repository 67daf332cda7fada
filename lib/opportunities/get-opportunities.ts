import "server-only";
import { formatUsd6, roundToMicro } from "../money";
import { type Candidate, MIN_SAVING, opportunityContext, type OpportunityContext } from "./context";
import { DETECTORS } from "./kinds";
import { OPPORTUNITY_KINDS, type Opportunity, type OpportunityKind } from "./types";

export { WINDOW_DAYS } from "./context";

/**
 * GET /api/v1/opportunities: savings priced from the organisation's own last 30 full days
 * (docs/decisions/024). Figures are 30-day amounts ("monthly"); different opportunities on
 * the same feature overlap and must not be added up. Each kind is one detector in ./kinds.
 */
export const OVERLAP_NOTE = "Figures on the same feature overlap: do not add them up.";

/** Largest saving first (at the API's precision), then by id: the order of the list and the report. */
const bySaving = (a: Candidate, b: Candidate) => Number(roundToMicro(b.saving) - roundToMicro(a.saving)) || a.id.localeCompare(b.id);

async function detectAll(ctx: OpportunityContext, kinds: readonly OpportunityKind[]): Promise<Candidate[]> {
  const found = await Promise.all(kinds.map((k) => DETECTORS[k].detect(ctx)));
  return found.flat().filter((c) => c.saving >= MIN_SAVING);
}

/** Every current opportunity, typed (picodollars), largest saving first. */
export async function findOpportunities(organizationId: string, now = new Date()) {
  const ctx = opportunityContext(organizationId, now);
  const list = (await detectAll(ctx, OPPORTUNITY_KINDS)).sort(bySaving);
  return { window: ctx.window, opportunities: list };
}

/**
 * One opportunity by its key (`kind:feature[:model]`, or `unused_seats:team`): only its kind's
 * detector runs, and only over the features the key can name; null when it is not current.
 */
export async function findOpportunity(organizationId: string, id: string, now = new Date()) {
  const kind = OPPORTUNITY_KINDS.find((k) => id.startsWith(`${k}:`));
  const ctx = opportunityContext(organizationId, now, (f) => id === `${kind}:${f}` || id.startsWith(`${kind}:${f}:`));
  const opportunity = kind ? ((await detectAll(ctx, [kind])).find((c) => c.id === id) ?? null) : null;
  return { window: ctx.window, opportunity };
}

/** The API form of one opportunity (snake_case, money as 6-decimal strings). */
export function opportunityToWire(c: Candidate): Opportunity {
  // the key order of the answers before the detectors were split (the golden file compares bytes)
  return {
    id: c.id,
    kind: c.kind,
    feature: c.feature,
    owner_team: c.owner_team,
    title: c.title,
    basis: c.basis,
    evidence: c.evidence,
    proposal: c.proposal,
    monthly_saving_usd: formatUsd6(c.saving),
    current_monthly_cost_usd: formatUsd6(c.cost),
  };
}

export async function getOpportunities(organizationId: string, now = new Date()) {
  const { window, opportunities } = await findOpportunities(organizationId, now);
  return { window, note: OVERLAP_NOTE, opportunities: opportunities.map(opportunityToWire) };
}

export type OpportunitiesResponse = Awaited<ReturnType<typeof getOpportunities>>;
