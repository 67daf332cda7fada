import { defineEndpoint as e } from "../route-contract";
import { deletedResponse } from "../../core/wire";
import * as alerts from "../../alerts/schemas";
import * as budgets from "../../budgets/schemas";
import { id } from "./params";

/** Budgets, alerts, webhooks: part of the API contract (lib/api/endpoints.ts). */
export const alertsEndpoints = {
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
    summary:
      "Create the budget for (scope, scope_ref, unit, window), or replace its settings; an engineering lead sets their own team's budgets only",
    capability: "budgets.manage",
    body: budgets.budgetSchema,
    response: budgets.savedBudgetResponse,
  }),
  "PUT /api/v1/budgets/{id}": e({
    method: "PUT",
    path: "/api/v1/budgets/{id}",
    summary: "Change a budget (scope, unit and window too); an engineering lead changes their own team's budgets only",
    capability: "budgets.manage",
    params: id,
    body: budgets.budgetSchema,
    response: budgets.savedBudgetResponse,
  }),
  "DELETE /api/v1/budgets/{id}": e({
    method: "DELETE",
    path: "/api/v1/budgets/{id}",
    summary: "Delete a budget",
    capability: "budgets.manage",
    params: id,
    response: deletedResponse,
  }),
  "GET /api/v1/batches": e({
    method: "GET",
    path: "/api/v1/batches",
    summary: "Batch jobs registered at submit: estimate, what has arrived, status (decision 056)",
    capability: "dashboards.read",
    query: budgets.batchesQuerySchema,
    response: budgets.batchesResponse,
  }),
  "POST /api/v1/batches": e({
    method: "POST",
    path: "/api/v1/batches",
    summary:
      "Register a submitted batch: its estimate (batch-tier prices) counts against matching budgets until its events (batch_id) arrive; a hard budget it would pass answers 409 (429 + Retry-After for a rate limit)",
    capability: "batches.submit",
    body: budgets.batchSchema,
    response: budgets.batchWireSchema,
  }),
  "POST /api/v1/batches/{id}": e({
    method: "POST",
    path: "/api/v1/batches/{id}",
    summary: "Close a batch (completed, cancelled, expired): the rest of its estimate is released, its events count",
    capability: "batches.submit",
    params: { id: "the batch_id it was registered with" },
    body: budgets.batchCloseSchema,
    response: budgets.batchWireSchema,
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
    capability: "webhooks.manage",
    response: alerts.webhooksResponse,
  }),
  "POST /api/v1/webhooks": e({
    method: "POST",
    path: "/api/v1/webhooks",
    summary: "Add an alert webhook (the answer carries the signing secret, shown once)",
    capability: "webhooks.manage",
    body: alerts.createWebhookSchema,
    response: alerts.createdWebhookResponse,
  }),
  "DELETE /api/v1/webhooks/{id}": e({
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    summary: "Remove a webhook",
    capability: "webhooks.manage",
    params: id,
    response: deletedResponse,
  }),
};
