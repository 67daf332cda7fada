import { defineEndpoint as e } from "../route-contract";
import * as opportunities from "../../opportunities/schemas";
import { id } from "./params";

/** Savings opportunities and policy drafts: part of the API contract (lib/api/endpoints.ts). */
export const opportunitiesEndpoints = {
  "GET /api/v1/opportunities": e({
    method: "GET",
    path: "/api/v1/opportunities",
    summary: "Savings opportunities priced from the last 30 days",
    capability: "dashboards.read",
    query: opportunities.opportunitiesQuery,
    response: opportunities.opportunitiesResponse,
    otherResponses: { "text/csv": "one row per opportunity (format=csv)" },
  }),
  "GET /api/v1/policy-drafts": e({
    method: "GET",
    path: "/api/v1/policy-drafts",
    summary: "Policy drafts (newest first, at most 200), with realised vs estimated saving",
    capability: "dashboards.read",
    query: opportunities.draftsQuery,
    response: opportunities.draftsResponse,
  }),
  "POST /api/v1/policy-drafts": e({
    method: "POST",
    path: "/api/v1/policy-drafts",
    summary: "Turn an opportunity into a draft (nothing changes until a person approves it)",
    capability: "drafts.create",
    body: opportunities.createDraftBody,
    response: opportunities.draftSchema,
  }),
  "POST /api/v1/policy-drafts/{id}": e({
    method: "POST",
    path: "/api/v1/policy-drafts/{id}",
    summary: "Approve (applies the change), reject, or withdraw an applied model route",
    description: "People only, never an API key: an admin, or an engineering lead of the team that owns the feature.",
    auth: "session",
    capability: "drafts.decide",
    params: id,
    body: opportunities.decideDraftBody,
    response: opportunities.draftSchema,
  }),
};
