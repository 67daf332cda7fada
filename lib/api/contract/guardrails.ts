import { z } from "zod";
import { defineEndpoint as e } from "../route-contract";
import * as guardrails from "../../guardrails/schemas";
import * as guardrailAnswers from "../../guardrails/response-schemas";

/** Guardrails: part of the API contract (lib/api/endpoints.ts). */
export const guardrailsEndpoints = {
  "POST /api/v1/guardrails/check": e({
    method: "POST",
    path: "/api/v1/guardrails/check",
    summary: "Ask before a model call: allow, downgrade or block",
    auth: "key",
    capability: "guardrails.check",
    body: guardrails.checkSchema,
    response: guardrailAnswers.checkResponse,
  }),
  "GET /api/v1/guardrails/snapshot": e({
    method: "GET",
    path: "/api/v1/guardrails/snapshot",
    summary: "The policy snapshot SDKs decide from locally (conditional GET: If-None-Match + wait answers 304 when unchanged)",
    auth: "key",
    capability: "guardrails.check",
    query: guardrails.snapshotQuery,
    response: guardrailAnswers.snapshotResponse,
  }),
  "POST /api/v1/guardrails/leases": e({
    method: "POST",
    path: "/api/v1/guardrails/leases",
    summary: "A slice of a hard budget for an SDK instance to spend locally; `release` gives the previous slice back",
    auth: "key",
    capability: "guardrails.check",
    body: guardrails.leaseSchema,
    response: guardrailAnswers.leaseResponse,
  }),
  "GET /api/v1/guardrails/decisions": e({
    method: "GET",
    path: "/api/v1/guardrails/decisions",
    summary: "Recent guardrail decisions (downgrades and blocks)",
    capability: "dashboards.read",
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: guardrailAnswers.decisionsResponse,
  }),
  "GET /api/v1/guardrails/policies": e({
    method: "GET",
    path: "/api/v1/guardrails/policies",
    summary: "Guardrail policies per feature",
    capability: "dashboards.read",
    response: guardrailAnswers.policiesResponse,
  }),
  "PUT /api/v1/guardrails/policies": e({
    method: "PUT",
    path: "/api/v1/guardrails/policies",
    summary: "Create or change a feature's policy (fallback, kill switch, baseline)",
    capability: "guardrails.manage",
    body: guardrails.policySchema,
    response: guardrailAnswers.policyViewSchema,
  }),
  "POST /api/v1/guardrails/policies/{feature}/clear-anomaly": e({
    method: "POST",
    path: "/api/v1/guardrails/policies/{feature}/clear-anomaly",
    summary: "Clear a feature's tripped anomaly guard",
    capability: "guardrails.manage",
    params: { feature: "the feature name (URL-encoded)" },
    response: guardrailAnswers.policyViewSchema,
  }),
};
