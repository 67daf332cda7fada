import { actorOf, apiRoute } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/orgs/manage-api-keys";

export const DELETE = apiRoute({ capability: "apikeys.manage" }, async ({ principal, params }) => {
  const row = await revokeApiKey(principal.organizationId, params.id, actorOf(principal));
  return { id: row.id, revoked_at: row.revokedAt };
});
