import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { getContracts } from "@/lib/billing/get-contracts";
import { createContract } from "@/lib/billing/manage-contracts";

export const GET = apiRoute(endpoints["GET /api/v1/billing/contracts"], async ({ principal, query }) =>
  getContracts(principal.organizationId, query.month),
);

export const POST = apiRoute(endpoints["POST /api/v1/billing/contracts"], async ({ principal, body }) =>
  createContract(principal.organizationId, body, actorOf(principal)),
);
