import { actorOf, apiRoute } from "@/lib/api/route";
import { getContracts } from "@/lib/billing/get-contracts";
import { createContract } from "@/lib/billing/manage-contracts";
import { contractSchema, contractsQuerySchema } from "@/lib/billing/schemas";

export const GET = apiRoute({ capability: "billing.read", query: contractsQuerySchema }, async ({ principal, query }) => getContracts(principal.organizationId, query.month));

export const POST = apiRoute({ capability: "billing.manage", body: contractSchema }, async ({ principal, body }) => createContract(principal.organizationId, body, actorOf(principal)));
