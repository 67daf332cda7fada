import { z } from "zod";
import { defineEndpoint as e } from "./route-contract";
import { deletedResponse } from "./wire";
import * as orgs from "../orgs/schemas";
import * as alerts from "../alerts/schemas";
import * as assessment from "../assessment/schemas";
import * as budgets from "../budgets/schemas";
import * as ingestion from "../ingestion/schemas";
import * as chargeback from "../chargeback/schemas";
import * as costs from "../costs/schemas";
import * as guardrails from "../guardrails/schemas";
import * as guardrailAnswers from "../guardrails/response-schemas";
import * as pricing from "../pricing/schemas";
import * as metrics from "../metrics/schemas";
import { boardReportQuery } from "../reports/schemas";
import * as billing from "../billing/schemas";
import * as opportunities from "../opportunities/schemas";
import * as storage from "../storage/schemas";

/**
 * The API contract: every /api/v1 endpoint, keyed "METHOD path", with its authentication,
 * capability, query/body schemas and response schema. Route files pass their entry to
 * `apiRoute(...)`; the OpenAPI document (/api/v1/openapi.json) and the reference page (/docs/api)
 * are generated from this list, and tests/api/openapi.test.ts fails when a route file under
 * app/api/v1 has no entry here. Adding a route = its schemas in lib/<domain>/schemas.ts + one
 * entry below.
 */
const id = { id: "the object's id" };

export const endpoints = {
  // ── Events ──
  "POST /api/v1/events": e({
    method: "POST",
    path: "/api/v1/events",
    summary: "Send cost events",
    description:
      "The v1 ingestion contract (docs/ingestion.md): a JSON array, `{ \"events\": [...] }` or NDJSON; at most 1,000 events and 2 MiB per request. Each event is stored, counted as a duplicate, or rejected with one message per invalid field.",
    auth: "key",
    capability: "events.ingest",
    rawBody: {
      "application/json": { description: "an array of cost events, or { events: [...] }", schema: ingestion.eventsBatchSchema },
      "application/x-ndjson": { description: "one cost event per line" },
    },
    response: ingestion.ingestResultSchema,
  }),
  "GET /api/v1/events": e({
    method: "GET",
    path: "/api/v1/events",
    summary: "List raw events",
    description: "Newest first, keyset-paginated (`next_cursor`); `format=csv` downloads up to 10,000 rows.",
    capability: "dashboards.read",
    query: ingestion.eventsQuerySchema,
    response: ingestion.eventsListResponse,
    otherResponses: { "text/csv": "the same rows as CSV (format=csv)" },
  }),
  "POST /api/v1/events/upload": e({
    method: "POST",
    path: "/api/v1/events/upload",
    summary: "Upload CSV rows (Events page)",
    description: "The browser parses a CSV file and posts chunks of at most 1,000 rows (column names as in the CSV template).",
    auth: "session",
    capability: "events.upload",
    body: ingestion.csvUploadSchema,
    response: ingestion.ingestResultSchema,
  }),
  "POST /api/v1/otlp/v1/traces": e({
    method: "POST",
    path: "/api/v1/otlp/v1/traces",
    summary: "OTLP/HTTP trace export",
    description:
      "Spans with GenAI semantic-convention attributes become cost events. The answer is an ExportTraceServiceResponse in the request's encoding; `partialSuccess` counts spans that could not be stored.",
    auth: "key",
    capability: "events.ingest",
    rawBody: {
      "application/x-protobuf": { description: "ExportTraceServiceRequest (protobuf)" },
      "application/json": { description: "ExportTraceServiceRequest (OTLP JSON)" },
    },
    response: z.strictObject({
      partialSuccess: z.strictObject({ rejectedSpans: z.string(), errorMessage: z.string() }).optional(),
    }),
    otherResponses: { "application/x-protobuf": "ExportTraceServiceResponse (protobuf requests)" },
  }),

  // ── Metrics (read API) ──
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

  // ── Settings ──
  "GET /api/v1/settings/features": e({
    method: "GET",
    path: "/api/v1/settings/features",
    summary: "Feature settings",
    capability: "dashboards.read",
    response: metrics.featuresResponse,
  }),
  "PUT /api/v1/settings/features/{feature}": e({
    method: "PUT",
    path: "/api/v1/settings/features/{feature}",
    summary: "Change a feature's settings (owner, review threshold, unit and value, design estimate)",
    capability: "features.edit",
    params: { feature: "the feature name" },
    body: metrics.featureSettingsBody,
    response: metrics.featureSettingSchema,
  }),
  "GET /api/v1/settings/tiers": e({
    method: "GET",
    path: "/api/v1/settings/tiers",
    summary: "Customer tiers (predicted LTV, monthly price)",
    capability: "dashboards.read",
    response: metrics.tiersResponse,
  }),
  "PUT /api/v1/settings/tiers/{tier}": e({
    method: "PUT",
    path: "/api/v1/settings/tiers/{tier}",
    summary: "Set a tier's predicted LTV and monthly price",
    capability: "settings.edit",
    params: { tier: "the tier name (letters, digits, _ . -)" },
    body: metrics.tierSettingsBody,
    response: metrics.tierSettingSchema,
  }),

  // ── Budgets, alerts, webhooks ──
  "GET /api/v1/budgets": e({
    method: "GET",
    path: "/api/v1/budgets",
    summary: "Budgets with month-to-date spend and forecast",
    capability: "dashboards.read",
    response: budgets.budgetsResponse,
  }),
  "POST /api/v1/budgets": e({
    method: "POST",
    path: "/api/v1/budgets",
    summary: "Create the budget for (scope, scope_ref), or replace its settings",
    capability: "budgets.manage",
    body: budgets.budgetSchema,
    response: budgets.budgetSettingsSchema,
  }),
  "DELETE /api/v1/budgets/{id}": e({
    method: "DELETE",
    path: "/api/v1/budgets/{id}",
    summary: "Delete a budget",
    capability: "budgets.manage",
    params: id,
    response: deletedResponse,
  }),
  "GET /api/v1/alerts": e({
    method: "GET",
    path: "/api/v1/alerts",
    summary: "Alerts (budget thresholds, spend anomalies)",
    capability: "dashboards.read",
    query: alerts.alertsQuerySchema,
    response: alerts.alertsResponse,
  }),
  "POST /api/v1/alerts/{id}": e({
    method: "POST",
    path: "/api/v1/alerts/{id}",
    summary: "Acknowledge, resolve or reopen an alert",
    capability: "alerts.manage",
    params: id,
    body: alerts.alertActionSchema,
    response: alerts.alertSchema,
  }),
  "GET /api/v1/webhooks": e({
    method: "GET",
    path: "/api/v1/webhooks",
    summary: "Alert webhooks with delivery counts",
    capability: "budgets.manage",
    response: alerts.webhooksResponse,
  }),
  "POST /api/v1/webhooks": e({
    method: "POST",
    path: "/api/v1/webhooks",
    summary: "Add an alert webhook (the answer carries the signing secret, shown once)",
    capability: "budgets.manage",
    body: alerts.createWebhookSchema,
    response: alerts.createdWebhookResponse,
  }),
  "DELETE /api/v1/webhooks/{id}": e({
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    summary: "Remove a webhook",
    capability: "budgets.manage",
    params: id,
    response: deletedResponse,
  }),

  // ── Guardrails ──
  "POST /api/v1/guardrails/check": e({
    method: "POST",
    path: "/api/v1/guardrails/check",
    summary: "Ask before a model call: allow, downgrade or block",
    auth: "key",
    capability: "guardrails.check",
    body: guardrails.checkSchema,
    response: guardrailAnswers.checkResponse,
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

  // ── Costs, chargeback, reports ──
  "GET /api/v1/fixed-costs": e({
    method: "GET",
    path: "/api/v1/fixed-costs",
    summary: "Shared (fixed) costs, optionally those overlapping a month",
    capability: "dashboards.read",
    query: z.strictObject({ month: chargeback.monthSchema.optional() }),
    response: costs.fixedCostsResponse,
  }),
  "POST /api/v1/fixed-costs": e({
    method: "POST",
    path: "/api/v1/fixed-costs",
    summary: "Add a shared cost with its allocation rule",
    capability: "costs.manage",
    body: costs.createFixedCostSchema,
    response: costs.fixedCostSchema,
  }),
  "DELETE /api/v1/fixed-costs/{id}": e({
    method: "DELETE",
    path: "/api/v1/fixed-costs/{id}",
    summary: "Delete a shared cost",
    capability: "costs.manage",
    params: id,
    response: deletedResponse,
  }),
  "GET /api/v1/reports/chargeback": e({
    method: "GET",
    path: "/api/v1/reports/chargeback",
    summary: "Monthly chargeback per team (live, or the closed snapshot)",
    capability: "dashboards.read",
    query: chargeback.chargebackQuerySchema,
    response: chargeback.chargebackResponse,
    otherResponses: { "text/csv": "the rows as CSV (format=csv)" },
  }),
  "POST /api/v1/reports/chargeback/close": e({
    method: "POST",
    path: "/api/v1/reports/chargeback/close",
    summary: "Close a month (freeze its chargeback)",
    capability: "chargeback.close",
    body: chargeback.closeMonthSchema,
    response: chargeback.closeMonthResponse,
  }),
  "POST /api/v1/reports/chargeback/reopen": e({
    method: "POST",
    path: "/api/v1/reports/chargeback/reopen",
    summary: "Reopen a closed month (audited)",
    capability: "chargeback.close",
    body: chargeback.closeMonthSchema,
    response: chargeback.reopenMonthResponse,
  }),
  "PUT /api/v1/reports/chargeback/mode": e({
    method: "PUT",
    path: "/api/v1/reports/chargeback/mode",
    summary: "Switch between showback and chargeback",
    capability: "chargeback.close",
    body: chargeback.modeSchema,
    response: chargeback.modeResponse,
  }),
  "GET /api/v1/exports/focus": e({
    method: "GET",
    path: "/api/v1/exports/focus",
    summary: "FOCUS 1.2 cost export of a month (CSV), or its metadata (format=metadata)",
    capability: "dashboards.read",
    query: chargeback.focusQuerySchema,
    otherResponses: { "text/csv": "FOCUS rows" },
  }),
  "GET /api/v1/reports/board": e({
    method: "GET",
    path: "/api/v1/reports/board",
    summary: "Board report of a month (PDF)",
    capability: "reports.export",
    query: boardReportQuery,
    otherResponses: { "application/pdf": "the rendered board report" },
  }),

  // ── Invoices & contracts (billing) ──
  "POST /api/v1/billing/imports": e({
    method: "POST",
    path: "/api/v1/billing/imports",
    summary: "Import a provider's billing file (costs, usage or FOCUS) for an account",
    description:
      "The body is the file itself (CSV or JSON as the provider exports it). Idempotent per (account, source, period): the stored lines of the file's days are replaced and the diff is returned; a reconciliation gap over the threshold raises an alert.",
    capability: "billing.manage",
    query: billing.importQuerySchema,
    rawBody: {
      "application/json": { description: "a JSON export (OpenAI costs/usage, Anthropic cost/usage report), at most 2 MiB" },
      "text/csv": { description: "a CSV export (FOCUS), at most 2 MiB" },
    },
    response: billing.importResultSchema,
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

  // ── Savings opportunities and policy drafts ──
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

  // ── Price book ──
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
  "GET /api/v1/jobs/{id}": e({
    method: "GET",
    path: "/api/v1/jobs/{id}",
    summary: "Progress of a background job (restatement)",
    capability: "pricebook.read",
    params: id,
    response: pricing.jobResponse,
  }),

  // ── Assessment ──
  "GET /api/v1/assessments": e({
    method: "GET",
    path: "/api/v1/assessments",
    summary: "Submitted readiness assessments, newest first",
    capability: "dashboards.read",
    query: assessment.listAssessmentsQuery,
    response: assessment.assessmentsResponse,
  }),
  "POST /api/v1/assessments": e({
    method: "POST",
    path: "/api/v1/assessments",
    summary: "Submit an assessment (score and crawl/walk/run level computed)",
    capability: "assessment.submit",
    body: assessment.submitAssessmentSchema,
    response: assessment.assessmentSchema,
    status: 201,
  }),
  "GET /api/v1/assessments/{id}": e({
    method: "GET",
    path: "/api/v1/assessments/{id}",
    summary: "One submitted assessment",
    capability: "dashboards.read",
    params: id,
    response: assessment.assessmentSchema,
  }),
  "GET /api/v1/assessments/drafts": e({
    method: "GET",
    path: "/api/v1/assessments/drafts",
    summary: "The signed-in person's drafts (one per team)",
    auth: "session",
    capability: "assessment.submit",
    response: assessment.draftsResponse,
  }),
  "PUT /api/v1/assessments/drafts": e({
    method: "PUT",
    path: "/api/v1/assessments/drafts",
    summary: "Save (replace) the draft for a team; answers may be partial",
    auth: "session",
    capability: "assessment.submit",
    body: assessment.saveDraftSchema,
    response: assessment.assessmentSchema,
  }),
  "GET /api/v1/assessments/evidence": e({
    method: "GET",
    path: "/api/v1/assessments/evidence",
    summary: "What Spendline's own data says about each assessment item, with a suggested answer",
    capability: "dashboards.read",
    query: assessment.evidenceQuery,
    response: assessment.evidenceResponse,
  }),

  // ── Administration ──
  "GET /api/v1/admin/api-keys": e({
    method: "GET",
    path: "/api/v1/admin/api-keys",
    summary: "API keys (never the keys themselves)",
    capability: "apikeys.manage",
    response: orgs.apiKeysResponse,
  }),
  "POST /api/v1/admin/api-keys": e({
    method: "POST",
    path: "/api/v1/admin/api-keys",
    summary: "Create an API key (the answer carries the key: the only time it is shown)",
    capability: "apikeys.manage",
    body: orgs.createApiKeySchema,
    response: orgs.issuedApiKeyResponse,
  }),
  "DELETE /api/v1/admin/api-keys/{id}": e({
    method: "DELETE",
    path: "/api/v1/admin/api-keys/{id}",
    summary: "Revoke an API key",
    capability: "apikeys.manage",
    params: id,
    response: orgs.revokedApiKeyResponse,
  }),
  "GET /api/v1/admin/members": e({
    method: "GET",
    path: "/api/v1/admin/members",
    summary: "Members of the organisation",
    auth: "session",
    capability: "members.manage",
    response: orgs.membersResponse,
  }),
  "POST /api/v1/admin/members": e({
    method: "POST",
    path: "/api/v1/admin/members",
    summary: "Add a member",
    auth: "session",
    capability: "members.manage",
    body: orgs.createMemberSchema,
    response: orgs.addedMemberResponse,
  }),
  "PATCH /api/v1/admin/members/{id}": e({
    method: "PATCH",
    path: "/api/v1/admin/members/{id}",
    summary: "Change a member's role or team",
    auth: "session",
    capability: "members.manage",
    params: id,
    body: orgs.updateMemberSchema,
    response: orgs.changedMemberResponse,
  }),
  "DELETE /api/v1/admin/members/{id}": e({
    method: "DELETE",
    path: "/api/v1/admin/members/{id}",
    summary: "Remove a member",
    auth: "session",
    capability: "members.manage",
    params: id,
    response: orgs.removedMemberResponse,
  }),
  "GET /api/v1/admin/retention": e({
    method: "GET",
    path: "/api/v1/admin/retention",
    summary: "Raw-event retention: months kept (null: forever), from when raw events are kept, dropped months",
    capability: "retention.manage",
    response: storage.retentionResponse,
  }),
  "PUT /api/v1/admin/retention": e({
    method: "PUT",
    path: "/api/v1/admin/retention",
    summary: "Set the months of raw events to keep (null: forever; rollups are always kept)",
    capability: "retention.manage",
    body: storage.retentionInputSchema,
    response: storage.retentionResponse,
  }),
};

export type EndpointKey = keyof typeof endpoints;
