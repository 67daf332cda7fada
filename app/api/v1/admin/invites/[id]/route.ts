import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { revokeInvite } from "@/lib/orgs/invites";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/admin/invites/{id}"], async ({ principal, params }) => {
  await revokeInvite(principal.organizationId, params.id, actorOf(principal));
  return { revoked: params.id };
});
