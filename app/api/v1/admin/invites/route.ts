import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listInvites } from "@/lib/orgs/invites";
import { inviteWire } from "@/lib/orgs/schemas";

export const GET = apiRoute(endpoints["GET /api/v1/admin/invites"], async ({ principal }) => {
  const rows = await listInvites(principal.organizationId);
  return { invites: rows.map((r) => inviteWire({ ...r, status: r.status === "expired" ? "expired" : "pending" })) };
});
