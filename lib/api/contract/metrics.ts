import { defineEndpoint as e } from "../route-contract";
import * as metrics from "../../metrics/schemas";

/** Metrics (read API): part of the API contract (lib/api/endpoints.ts). */
export const metricsEndpoints = {
  "GET /api/v1/metrics/overview": e({
    method: "GET",
    path: "/api/v1/metrics/overview",
    summary: "Overview: totals, cost by day, top features and models, month to date",
    capability: "dashboards.read",
    query: metrics.overviewQuery,
    response: metrics.overviewResponse,
  }),
  "GET /api/v1/metrics/unpriced": e({
    method: "GET",
    path: "/api/v1/metrics/unpriced",
    summary: "Events and unpriced events per feature in the period (marks costs that are not costs)",
    capability: "dashboards.read",
    query: metrics.filtersQuery,
    response: metrics.unpricedResponse,
  }),
  "GET /api/v1/metrics/dimensions": e({
    method: "GET",
    path: "/api/v1/metrics/dimensions",
    summary: "The teams and models the dashboard filters offer",
    capability: "dashboards.read",
    response: metrics.dimensionsResponse,
  }),
  "GET /api/v1/metrics/cost-per-interaction": e({
    method: "GET",
    path: "/api/v1/metrics/cost-per-interaction",
    summary: "Cost per interaction: distribution per feature, review list, daily percentiles, histograms",
    capability: "dashboards.read",
    query: metrics.cpiQuery,
    response: metrics.costPerInteractionResponse,
  }),
  "GET /api/v1/metrics/token-efficiency": e({
    method: "GET",
    path: "/api/v1/metrics/token-efficiency",
    summary: "Token efficiency beside quality, per feature or team",
    capability: "dashboards.read",
    query: metrics.efficiencyQuery,
    response: metrics.tokenEfficiencyResponse,
  }),
  "GET /api/v1/metrics/freemium-trap": e({
    method: "GET",
    path: "/api/v1/metrics/freemium-trap",
    summary: "Freemium trap: free tenants whose first-30-day cost exceeds the tier's predicted LTV",
    capability: "dashboards.read",
    query: metrics.freemiumQuery,
    response: metrics.freemiumTrapResponse,
  }),
  "GET /api/v1/metrics/unit-economics": e({
    method: "GET",
    path: "/api/v1/metrics/unit-economics",
    summary: "Unit economics per feature: cost per unit of value, margin, ROI, payback",
    capability: "dashboards.read",
    query: metrics.filtersQuery,
    response: metrics.unitEconomicsResponse,
  }),
  "GET /api/v1/metrics/anti-patterns": e({
    method: "GET",
    path: "/api/v1/metrics/anti-patterns",
    summary: "Anti-pattern detectors with evidence",
    capability: "dashboards.read",
    query: metrics.filtersQuery,
    response: metrics.antiPatternsResponse,
  }),
};
