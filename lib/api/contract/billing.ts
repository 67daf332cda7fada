import { defineEndpoint as e } from "../route-contract";
import * as billing from "../../billing/schemas";

/** Invoices & contracts (billing): part of the API contract (lib/api/endpoints.ts). */
export const billingEndpoints = {
  "POST /api/v1/billing/imports": e({
    method: "POST",
    path: "/api/v1/billing/imports",
    summary: "Import a provider's billing file (costs, usage or FOCUS) for an account",
    description:
      "The body is the file itself (CSV or JSON as the provider exports it). Idempotent per (account, source, period): the stored lines of the file's days are replaced and the diff is returned; a reconciliation gap over the threshold raises an alert.",
    capability: "billing.manage",
    query: billing.importQuerySchema,
    rawBody: {
      "application/json": { description: "a JSON export (OpenAI costs/usage, Anthropic cost/usage report), at most 64 MiB" },
      "text/csv": { description: "a CSV export (FOCUS), at most 64 MiB" },
    },
    bodyLimit: billing.BILLING_FILE_MAX_BYTES,
    response: billing.importResultSchema,
  }),
  "GET /api/v1/billing/imports/progress/{id}": e({
    method: "GET",
    path: "/api/v1/billing/imports/progress/{id}",
    summary: "Progress of an import started with ?progress={id}",
    description: "404 until the upload reaches the server; then its phase and lines written, and finally done or failed (with why).",
    capability: "billing.manage",
    params: { id: "the progress token sent with the import" },
    response: billing.importProgressSchema,
  }),
  "GET /api/v1/billing/imports": e({
    method: "GET",
    path: "/api/v1/billing/imports",
    summary: "Billing imports, newest first (the last 50)",
    capability: "billing.read",
    response: billing.importsResponse,
  }),
  "POST /api/v1/billing/connectors": e({
    method: "POST",
    path: "/api/v1/billing/connectors",
    summary: "Store a provider admin key (encrypted at rest) for the daily pull of an account",
    capability: "billing.manage",
    body: billing.connectorSchema,
    response: billing.connectorResponse,
  }),
  "POST /api/v1/billing/connectors/sync": e({
    method: "POST",
    path: "/api/v1/billing/connectors/sync",
    summary: "Pull an account's invoice now instead of waiting for the daily run",
    capability: "billing.manage",
    body: billing.connectorSyncSchema,
    response: billing.connectorSyncResponse,
  }),
  "GET /api/v1/billing/contracts": e({
    method: "GET",
    path: "/api/v1/billing/contracts",
    summary: "Commitments with their forecast, quotas with their pacing, provisioned capacity with its idle cost",
    capability: "billing.read",
    query: billing.contractsQuerySchema,
    response: billing.contractsResponse,
  }),
  "POST /api/v1/billing/contracts": e({
    method: "POST",
    path: "/api/v1/billing/contracts",
    summary: "Record a commitment, a quota or provisioned capacity",
    capability: "billing.manage",
    body: billing.contractSchema,
    response: billing.createdContractResponse,
  }),
  "POST /api/v1/billing/true-up": e({
    method: "POST",
    path: "/api/v1/billing/true-up",
    summary: "Apply the invoice true-up of a month (the gap is allocated to the teams)",
    capability: "billing.manage",
    body: billing.trueUpSchema,
    response: billing.trueUpResponse,
  }),
  "DELETE /api/v1/billing/true-up": e({
    method: "DELETE",
    path: "/api/v1/billing/true-up",
    summary: "Remove a month's true-up",
    capability: "billing.manage",
    query: billing.trueUpDeleteSchema,
    response: billing.trueUpRemovedResponse,
  }),
  "GET /api/v1/reports/reconciliation": e({
    method: "GET",
    path: "/api/v1/reports/reconciliation",
    summary: "Invoice reconciliation of a month: invoiced vs attributed per provider, model and day, with the gap's drivers",
    capability: "billing.read",
    query: billing.reconciliationQuerySchema,
    response: billing.reconciliationResponse,
    otherResponses: { "text/csv": "the reconciliation as CSV (format=csv)" },
  }),
};
