import { isDraining } from "@/lib/health/shutdown";

export const dynamic = "force-dynamic";

/** Liveness for supervisors: the process answers (200 even while draining: restarting it would not help). No database, no auth. */
export function GET() {
  return Response.json(
    { status: "ok", draining: isDraining(), uptime_seconds: Math.round(process.uptime()) },
    { headers: { "cache-control": "no-store" } },
  );
}
