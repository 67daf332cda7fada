import { defineEndpoint as e } from "../route-contract";
import * as pricing from "../../pricing/schemas";
import { id } from "./params";
import { formatUsd6 } from "../../money";
import type { Margins } from "../../pricing/margins";
import * as chargeback from "../../chargeback/schemas";
import { deletedResponse } from "../../core/wire";

/** GET /api/v1/price-book/margins on the wire: money as 6-decimal strings. */
export function marginsToWire(m: Margins) {
  return {
    month: m.month,
    provider_cost_usd: formatUsd6(m.providerCostPico),
    margin_usd: formatUsd6(m.marginPico),
    rows: m.rows.map((r) => ({
      team: r.team,
      feature: r.feature,
      events: r.events,
      provider_cost_usd: formatUsd6(r.providerCostPico),
      margin_usd: formatUsd6(r.marginPico),
    })),
  };
}

/** Price book: part of the API contract (lib/api/endpoints.ts). */
export const pricingEndpoints = {
  "GET /api/v1/price-book/catalog": e({
    method: "GET",
    path: "/api/v1/price-book/catalog",
    summary: "Search the bundled model price catalog",
    capability: "pricebook.read",
    query: pricing.catalogQuerySchema,
    response: pricing.catalogResponse,
  }),
  "GET /api/v1/price-book/overrides": e({
    method: "GET",
    path: "/api/v1/price-book/overrides",
    summary: "Price overrides of the organisation",
    capability: "pricebook.read",
    response: pricing.overridesResponse,
  }),
  "POST /api/v1/price-book/overrides": e({
    method: "POST",
    path: "/api/v1/price-book/overrides",
    summary: "Add a price override (one starting in the past starts a restatement job)",
    capability: "pricebook.edit",
    body: pricing.overrideInputSchema,
    response: pricing.overrideChangeResponse,
  }),
  "PUT /api/v1/price-book/overrides/{id}": e({
    method: "PUT",
    path: "/api/v1/price-book/overrides/{id}",
    summary: "Change a price override",
    capability: "pricebook.edit",
    params: id,
    body: pricing.overrideInputSchema,
    response: pricing.overrideChangeResponse,
  }),
  "DELETE /api/v1/price-book/overrides/{id}": e({
    method: "DELETE",
    path: "/api/v1/price-book/overrides/{id}",
    summary: "Delete a price override",
    capability: "pricebook.edit",
    params: id,
    response: pricing.overrideDeletedResponse,
  }),
  "GET /api/v1/price-book/history": e({
    method: "GET",
    path: "/api/v1/price-book/history",
    summary: "Audit history of price overrides",
    capability: "pricebook.read",
    response: pricing.overrideHistoryResponse,
  }),
  "GET /api/v1/price-book/margins": e({
    method: "GET",
    path: "/api/v1/price-book/margins",
    summary: "Internal chargeback margins of a month beside the provider cost they are charged on",
    capability: "pricebook.read",
    query: pricing.marginsQuerySchema,
    response: pricing.marginsResponse,
  }),
  "GET /api/v1/price-book/endpoint-windows": e({
    method: "GET",
    path: "/api/v1/price-book/endpoint-windows",
    summary: "Running windows of time-priced endpoints (all, or those overlapping a month)",
    capability: "pricebook.read",
    query: chargeback.endpointWindowsQuery,
    response: chargeback.endpointWindowsResponse,
  }),
  "POST /api/v1/price-book/endpoint-windows": e({
    method: "POST",
    path: "/api/v1/price-book/endpoint-windows",
    summary: "Record running windows of time-priced endpoints (charged by their price-book time rule in the chargeback)",
    description:
      "All stored or none: a window overlapping another of the same endpoint, naming an unknown team or touching a closed month is refused (409) with each item's reason.",
    capability: "costs.manage",
    body: chargeback.endpointWindowsBody,
    response: chargeback.endpointWindowsResponse,
  }),
  "POST /api/v1/price-book/endpoint-windows/import": e({
    method: "POST",
    path: "/api/v1/price-book/endpoint-windows/import",
    summary: "Import running windows from a CSV: provider,model,started_at,ended_at,team,note",
    description: "The body is the file. Every valid line is stored; the others are listed with their line number and why.",
    capability: "costs.manage",
    rawBody: { "text/csv": { description: "provider,model,started_at,ended_at[,team][,note]; times ISO 8601 with offset" } },
    bodyLimit: 2 * 1024 * 1024,
    response: chargeback.endpointWindowsImportResponse,
  }),
  "DELETE /api/v1/price-book/endpoint-windows/{id}": e({
    method: "DELETE",
    path: "/api/v1/price-book/endpoint-windows/{id}",
    summary: "Delete a running window (refused while it touches a closed month)",
    capability: "costs.manage",
    params: id,
    response: deletedResponse,
  }),
  "GET /api/v1/jobs/{id}": e({
    method: "GET",
    path: "/api/v1/jobs/{id}",
    summary: "Progress of a background job (restatement)",
    capability: "pricebook.read",
    params: id,
    response: pricing.jobResponse,
  }),
};
