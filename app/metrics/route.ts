import { env } from "@/lib/env";
import { metricsAllowed, scrape } from "@/lib/health/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics on the app's own port: only when SPENDLINE_METRICS_TOKEN is set, and only
 * with `Authorization: Bearer <token>` (a route cannot trust a client address behind a proxy).
 * Without a token, metrics are served on the loopback listener only (127.0.0.1:SPENDLINE_METRICS_PORT).
 */
export async function GET(req: Request) {
  const token = env().SPENDLINE_METRICS_TOKEN;
  if (!token) {
    return new Response(
      `Metrics are served on 127.0.0.1:${env().SPENDLINE_METRICS_PORT}/metrics; set SPENDLINE_METRICS_TOKEN to scrape them here.\n`,
      {
        status: 404,
      },
    );
  }
  if (!metricsAllowed({ token, authorization: req.headers.get("authorization"), loopbackListener: false })) {
    return new Response("Send Authorization: Bearer <SPENDLINE_METRICS_TOKEN>.\n", {
      status: 401,
      headers: { "www-authenticate": "Bearer" },
    });
  }
  const r = await scrape();
  return new Response(r.body, { headers: { "content-type": r.contentType, "cache-control": "no-store" } });
}
