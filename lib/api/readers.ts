import "server-only";
import type { z } from "zod";
import type { Principal } from "../auth/principal";
import { can, scopeAllows, type Capability } from "../auth/roles";
import { agentScope } from "../coding-agents/scope";
import { listDimensions } from "../metrics/dimensions";
import { getAntiPatterns } from "../metrics/get-anti-patterns";
import { getCostPerInteraction } from "../metrics/get-cost-per-interaction";
import { getFreemiumTrap } from "../metrics/get-freemium-trap";
import { getOverview } from "../metrics/get-overview";
import { getTokenEfficiency } from "../metrics/get-token-efficiency";
import { getUnitEconomics } from "../metrics/get-unit-economics";
import { resolvePeriod } from "../time";
import { loadUnpriced } from "../metrics/unpriced";
import { listFeatureSettings, listTierSettings } from "../settings/update-settings";
import { endpoints } from "./endpoints";
import { nulIssues } from "./nul";

/**
 * The read endpoints a dashboard's first paint needs, one reader each: the route handler of
 * `GET <path>` calls it (app/api/v1/...), and so does the page on the server (answerAsApi), so
 * the data a page renders first is the API's answer, by the same code.
 */
type Ep = typeof endpoints;
type QueryOf<K extends keyof Ep> = Ep[K] extends { query?: infer Q } ? (Q extends z.ZodType ? z.infer<Q> : undefined) : undefined;
type Reader<K extends keyof Ep> = (ctx: { principal: Principal; query: QueryOf<K> }) => Promise<unknown>;

export const readers = {
  "GET /api/v1/metrics/overview": ({ principal, query }) => getOverview(principal.organizationId, query),
  "GET /api/v1/metrics/unpriced": async ({ principal, query }) => {
    const p = resolvePeriod(query);
    return { period: { from: p.from, to: p.to }, features: await loadUnpriced(principal.organizationId, p, query) };
  },
  "GET /api/v1/metrics/dimensions": ({ principal }) => listDimensions(principal.organizationId),
  "GET /api/v1/metrics/cost-per-interaction": ({ principal, query }) => getCostPerInteraction(principal.organizationId, query),
  "GET /api/v1/metrics/token-efficiency": ({ principal, query }) => getTokenEfficiency(principal.organizationId, query),
  "GET /api/v1/metrics/freemium-trap": ({ principal, query }) => getFreemiumTrap(principal.organizationId, query),
  "GET /api/v1/metrics/unit-economics": ({ principal, query }) => getUnitEconomics(principal.organizationId, query),
  // the coding-agent shift findings only for a caller who may read coding agents, in their scope
  // (an engineering lead: their own team's lines); a viewer or a read-only key gets the six others
  "GET /api/v1/metrics/anti-patterns": ({ principal, query }) =>
    getAntiPatterns(
      principal.organizationId,
      query,
      new Date(),
      (principal.apiKeyId ? scopeAllows(principal.scopes ?? [], "agents.read") : can(principal.role!, "agents.read"))
        ? agentScope(principal)
        : null,
    ),
  "GET /api/v1/settings/features": async ({ principal }) => ({ features: await listFeatureSettings(principal.organizationId) }),
  "GET /api/v1/settings/tiers": async ({ principal }) => ({ tiers: await listTierSettings(principal.organizationId) }),
} satisfies { [K in keyof Ep]?: Reader<K> };

export type ReadEndpoint = keyof typeof readers;

/**
 * What `GET <path>?<params>` answers a signed-in member, as the browser receives it (the route
 * answers `JSON.stringify` of the reader's value), or null when the route would not answer 200
 * (no reader for the path, a capability the role lacks, a query the route refuses, a reader
 * error): the client then asks the API itself and shows its error as before.
 */
export async function answerAsApi(path: string, principal: Principal, params: Record<string, string>): Promise<unknown | null> {
  const key = `GET ${path}`;
  if (!Object.hasOwn(readers, key)) return null;
  const ep = endpoints[key as ReadEndpoint] as { capability: string; query?: z.ZodType };
  if (ep.capability === "events.ingest" || !principal.role || !can(principal.role, ep.capability as Capability)) return null;
  let query: unknown = undefined;
  if (ep.query) {
    if (nulIssues(params).length) return null;
    const parsed = ep.query.safeParse(params);
    if (!parsed.success) return null;
    query = parsed.data;
  }
  try {
    const read = readers[key as ReadEndpoint] as (ctx: { principal: Principal; query: unknown }) => Promise<unknown>;
    return JSON.parse(JSON.stringify(await read({ principal, query }))) as unknown;
  } catch {
    return null;
  }
}
