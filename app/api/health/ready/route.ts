import { readiness, type ReadinessMode } from "@/lib/health/readiness";
import { errorResponse } from "@/lib/api/route";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

const MODES: readonly ReadinessMode[] = ["write", "read"];

/**
 * Readiness for balancers, two modes (decision 055):
 * - GET /api/health/ready (= ?for=write): 200 when the database answers, migrations are applied
 *   and the leader is writable — HAProxy's check for writes (ingest, settings, guardrails);
 * - GET /api/health/ready?for=read: 200 when the read database (the replica, or the primary)
 *   answers with every migration, with or without a leader — the check of the read pool that
 *   serves dashboards and API reads through a failover.
 * 503 (with the failing checks and Retry-After) otherwise or while draining. No auth; no tenant data.
 */
export async function GET(req: Request) {
  const raw = new URL(req.url).searchParams.get("for") ?? "write";
  if (!MODES.includes(raw as ReadinessMode)) {
    return errorResponse(
      new AppError("validation_failed", "Invalid query parameters.", [
        { path: "for", message: `must be "write" or "read" (got "${raw.slice(0, 40)}")` },
      ]),
      "health",
    );
  }
  const r = await readiness(raw as ReadinessMode);
  return Response.json(
    { status: r.ready ? "ready" : "not_ready", mode: r.mode, checks: r.checks },
    { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store", ...(r.ready ? {} : { "retry-after": "2" }) } },
  );
}
