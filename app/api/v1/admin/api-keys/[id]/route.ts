import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { revokeApiKey } from "@/lib/orgs/manage-api-keys";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/admin/api-keys/{id}"], async ({ principal, params }) => {
  const row = await revokeApiKey(principal.organizationId, params.id, actorOf(principal));
  return { id: row.id, revoked_at: row.revokedAt };
});
