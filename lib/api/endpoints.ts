import { eventsEndpoints } from "./contract/events";
import { metricsEndpoints } from "./contract/metrics";
import { settingsEndpoints } from "./contract/settings";
import { fxEndpoints } from "./contract/fx";
import { alertsEndpoints } from "./contract/alerts";
import { guardrailsEndpoints } from "./contract/guardrails";
import { reportsEndpoints } from "./contract/reports";
import { billingEndpoints } from "./contract/billing";
import { opportunitiesEndpoints } from "./contract/opportunities";
import { pricingEndpoints } from "./contract/pricing";
import { assessmentEndpoints } from "./contract/assessment";
import { adminEndpoints } from "./contract/admin";
import { codingAgentsEndpoints } from "./contract/coding-agents";

/**
 * The API contract: every /api/v1 endpoint, keyed "METHOD path", with its authentication,
 * capability, query/body schemas and response schema. Route files pass their entry to
 * `apiRoute(...)`; the OpenAPI document (/api/v1/openapi.json) and the reference page (/docs/api)
 * are generated from this list, and tests/api/openapi.test.ts fails when a route file under
 * app/api/v1 has no entry here. Adding a route = its schemas in lib/<domain>/schemas.ts + one
 * entry in the domain's file under lib/api/contract/ (in the order of the reference).
 */
export const endpoints = {
  ...eventsEndpoints,
  ...metricsEndpoints,
  ...settingsEndpoints,
  ...fxEndpoints,
  ...alertsEndpoints,
  ...guardrailsEndpoints,
  ...reportsEndpoints,
  ...billingEndpoints,
  ...opportunitiesEndpoints,
  ...pricingEndpoints,
  ...assessmentEndpoints,
  ...adminEndpoints,
  ...codingAgentsEndpoints,
};

export type EndpointKey = keyof typeof endpoints;
