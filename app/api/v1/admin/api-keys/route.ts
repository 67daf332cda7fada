import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { issueApiKey, listApiKeys } from "@/lib/orgs/manage-api-keys";

export const GET = apiRoute(endpoints["GET /api/v1/admin/api-keys"], async ({ principal }) => {
  const keys = await listApiKeys(principal.organizationId);
  return {
    api_keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      scopes: k.scopes,
      created_at: k.createdAt,
      last_used_at: k.lastUsedAt,
      revoked_at: k.revokedAt,
    })),
  };
});

/** The answer carries the key itself: the only time it is ever shown. */
export const POST = apiRoute(endpoints["POST /api/v1/admin/api-keys"], async ({ principal, body }) =>
  issueApiKey(principal.organizationId, body, actorOf(principal)),
);
