import { apiRoute } from "@/lib/api/route";
import { overrideHistory } from "@/lib/pricing/manage-overrides";

export const GET = apiRoute({ capability: "pricebook.read" }, async ({ principal }) => ({
  history: await overrideHistory(principal.organizationId),
}));
