import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { POST as events } from "@/app/api/v1/events/route";
import { GET as snapshot } from "@/app/api/v1/guardrails/snapshot/route";
import { POST as leases } from "@/app/api/v1/guardrails/leases/route";
import { POST as check } from "@/app/api/v1/guardrails/check/route";
import { PUT as policies } from "@/app/api/v1/guardrails/policies/route";
import { POST as otlp } from "@/app/api/v1/otlp/v1/traces/route";

/**
 * Spendline's API route handlers behind a plain node:http server: the same functions Next
 * calls, without a Next build (tests, and the multi-process test's child processes).
 */
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, Handler> = {
  "POST /api/v1/events": events as Handler,
  "GET /api/v1/guardrails/snapshot": snapshot as Handler,
  "POST /api/v1/guardrails/leases": leases as Handler,
  "POST /api/v1/guardrails/check": check as Handler,
  "PUT /api/v1/guardrails/policies": policies as Handler,
  "POST /api/v1/otlp/v1/traces": otlp as Handler,
};

export type RouteServer = {
  url: string;
  port: number;
  requests: { method: string; path: string; status: number }[];
  /** the next n event batches are stored, then the connection is cut before the answer (a lost response) */
  faults: { dropEventResponses: number };
  close(): Promise<void>;
};

export async function startRouteServer(port = 0): Promise<RouteServer> {
  const faults = { dropEventResponses: 0 };
  const requests: RouteServer["requests"] = [];
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const handler = ROUTES[`${req.method} ${path}`];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const ac = new AbortController();
    res.on("close", () => ac.abort());
    try {
      const out = await handler(
        new NextRequest(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
          signal: ac.signal,
        }),
        { params: Promise.resolve({}) },
      );
      requests.push({ method: req.method!, path, status: out.status });
      if (path === "/api/v1/events" && faults.dropEventResponses > 0) {
        faults.dropEventResponses--;
        res.destroy();
        return;
      }
      res.writeHead(out.status, Object.fromEntries(out.headers));
      res.end(Buffer.from(await out.arrayBuffer()));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  const p = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${p}`,
    port: p,
    requests,
    faults,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
