import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness for balancers (HAProxy `option httpchk GET /api/health/ready`): 200 when the
 * database answers, migrations are applied and the leader is writable; 503 (with the failing
 * checks) otherwise or while draining. No auth; no tenant data in it.
 */
export async function GET() {
  const r = await readiness();
  return Response.json(
    { status: r.ready ? "ready" : "not_ready", checks: r.checks },
    { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store", ...(r.ready ? {} : { "retry-after": "2" }) } },
  );
}
