import { z } from "zod";
import { defineEndpoint as e } from "../route-contract";
import { deletedResponse, monthSchema } from "../../core/wire";
import * as chargeback from "../../chargeback/schemas";
import * as costs from "../../costs/schemas";
import { boardReportQuery } from "../../reports/schemas";
import { id } from "./params";

/** Costs, chargeback, reports: part of the API contract (lib/api/endpoints.ts). */
export const reportsEndpoints = {
  "GET /api/v1/fixed-costs": e({
    method: "GET",
    path: "/api/v1/fixed-costs",
    summary: "Shared (fixed) costs, optionally those overlapping a month",
    capability: "dashboards.read",
    query: z.strictObject({ month: monthSchema.optional() }),
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
    summary: "Reopen a closed month (admin, with a reason; audited)",
    capability: "chargeback.reopen",
    body: chargeback.reopenMonthSchema,
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
    summary:
      "FOCUS 1.3 export of a month (CSV; version=1.2 for 1.2; dataset=contract_commitment for commitments), or its metadata (format=metadata)",
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
};
