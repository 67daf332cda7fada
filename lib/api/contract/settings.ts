import { defineEndpoint as e } from "../route-contract";
import * as settings from "../../settings/schemas";

/** Settings: part of the API contract (lib/api/endpoints.ts). */
export const settingsEndpoints = {
  "GET /api/v1/settings/features": e({
    method: "GET",
    path: "/api/v1/settings/features",
    summary: "Feature settings",
    capability: "dashboards.read",
    response: settings.featuresResponse,
  }),
  "PUT /api/v1/settings/features/{feature}": e({
    method: "PUT",
    path: "/api/v1/settings/features/{feature}",
    summary: "Change a feature's settings (owner, review threshold, unit and value, design estimate)",
    capability: "features.edit",
    params: { feature: "the feature name" },
    body: settings.featureSettingsBody,
    response: settings.featureSettingSchema,
  }),
  "GET /api/v1/settings/tiers": e({
    method: "GET",
    path: "/api/v1/settings/tiers",
    summary: "Customer tiers (predicted LTV, monthly price)",
    capability: "dashboards.read",
    response: settings.tiersResponse,
  }),
  "PUT /api/v1/settings/tiers/{tier}": e({
    method: "PUT",
    path: "/api/v1/settings/tiers/{tier}",
    summary: "Set a tier's predicted LTV and monthly price",
    capability: "settings.edit",
    params: { tier: "the tier name (letters, digits, _ . -)" },
    body: settings.tierSettingsBody,
    response: settings.tierSettingSchema,
  }),
};
