import { defineEndpoint as e } from "../route-contract";
import * as assessment from "../../assessment/schemas";
import { id } from "./params";

/** Assessment: part of the API contract (lib/api/endpoints.ts). */
export const assessmentEndpoints = {
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
};
