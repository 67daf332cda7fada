import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recentInThisMonth } from "../helpers/clock";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { upsertBudget } from "@/lib/budgets/manage-budgets";
import { createWebhook, transitionAlert } from "@/lib/alerts/manage-alerts";
import { deliverDueWebhooks, NO_ANSWER } from "@/lib/alerts/deliver-webhooks";
import { AppError } from "@/lib/core/errors";
import { setOutbound } from "../helpers/outbound";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/alerts/sign";

useTestDatabase();

type Received = { body: string; signature: string };
const received: Received[] = [];
let failuresLeft = 2;
let server: http.Server;
let url = "";

beforeAll(async () => {
  // a real HTTP receiver: fails twice with 500, then accepts
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? "") });
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500).end("try later");
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/spendline`;
  // the receiver is a loopback stub: this installation allows its local network (lib/net)
  setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
});
afterAll(() => {
  setOutbound({});
  return new Promise<void>((r) => server.close(() => r()));
});

describe("budget threshold alerts delivered to a webhook", () => {
  test("crossing thresholds raises one alert per crossing (the highest reached) with the forecast; HMAC-signed POST retried until accepted", async () => {
    const org = await createOrganization("wh-budget", "Webhooks");
    const hook = await createWebhook(org.id, { url }, { userId: null });
    await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", monthly_limit_usd: "10", mode: "soft", thresholds: [50, 80, 100], confirm_unknown: true },
      { userId: null },
    );
    const at = recentInThisMonth(5 * 60_000);
    const ev = (id: string, cost: string) => ({
      id,
      timestamp: at,
      feature: "chat",
      team: "support",
      model: "gpt-4o-2024-08-06",
      usage: { input_tokens: 1, output_tokens: 1 },
      cost_usd: cost,
    });
    await ingestEvents(org.id, [ev("w1", "4")]);
    expect(await db().alert.count({ where: { organizationId: org.id } })).toBe(0);
    await ingestEvents(org.id, [ev("w2", "4.5")]); // 8.5 of 10: past 50 % and 80 % at once → one alert (80)
    await ingestEvents(org.id, [ev("w3", "0.1")]); // still 86 %: nothing new
    await ingestEvents(org.id, [ev("w4", "2")]); // 10.6 of 10: 100 %
    const alerts = await db().alert.findMany({ where: { organizationId: org.id }, orderBy: { createdAt: "asc" } });
    expect(alerts.map((a) => (a.evidence as { threshold_percent: number }).threshold_percent)).toEqual([80, 100]);
    expect(alerts[0].evidence).toMatchObject({ spent_usd: "8.500000", limit_usd: "10.000000" });
    expect((alerts[0].evidence as { forecast_usd: string }).forecast_usd).toMatch(/^\d+\.\d{6}$/);
    expect(alerts[0].title).toMatch(/forecast/);
    expect(alerts[1].severity).toBe("critical");

    // retries: the receiver fails twice; run passes as the background loop would
    const later = () => ({ baseBackoffMs: 1, now: new Date(Date.now() + 3_600_000) });
    // a pass out of time stops before the next delivery and says more are due (the job re-queues itself)
    expect(await deliverDueWebhooks({ ...later(), budgetMs: 0 })).toEqual({ delivered: 0, more: true });
    expect(await db().webhookDelivery.count({ where: { organizationId: org.id, status: "pending", attempts: 0 } })).toBe(2);
    for (let i = 0; i < 6; i++) await deliverDueWebhooks(later());
    const deliveries = await db().webhookDelivery.findMany({ where: { organizationId: org.id } });
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => d.status === "delivered")).toBe(true);
    expect(deliveries.reduce((s, d) => s + d.attempts, 0)).toBe(4); // 2 failures + 2 successes
    expect(received).toHaveLength(4);
    for (const r of received) {
      expect(verifySignature(hook.secret, r.body, r.signature, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature("wrong-secret-wrong-secret", r.body, r.signature, Math.floor(Date.now() / 1000))).toBe(false);
    }
    expect(JSON.parse(received[3].body)).toMatchObject({ type: "alert.opened", alert: { kind: "budget" } });

    const acked = await transitionAlert(org.id, alerts[0].id, "acknowledge", { userId: null }, { role: "ADMIN" });
    expect(acked.state).toBe("acknowledged");
  });

  test("an unreachable endpoint fails after the last attempt with the error kept", async () => {
    const org = await createOrganization("wh-dead", "Dead");
    await createWebhook(org.id, { url: "http://127.0.0.1:9/nothing" }, { userId: null });
    await upsertBudget(org.id, { scope: "org", scope_ref: "", monthly_limit_usd: "1", mode: "soft", thresholds: [100] }, { userId: null });
    await ingestEvents(org.id, [
      {
        id: "d1",
        timestamp: new Date().toISOString(),
        feature: "x",
        model: "m",
        usage: { input_tokens: 1, output_tokens: 1 },
        cost_usd: "2",
      },
    ]);
    for (let i = 0; i < 7; i++) await deliverDueWebhooks({ baseBackoffMs: 1, now: new Date(Date.now() + 3_600_000) });
    const d = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(d).toMatchObject({ status: "failed", attempts: 5 });
    // the same sentence as for a refused internal target (next describe): no port-scanner oracle
    expect(d.lastError).toBe(NO_ANSWER);
  });
});

/** One budget alert for the organisation, so a delivery is due for each of its endpoints. */
async function raiseOneAlert(orgId: string) {
  await upsertBudget(orgId, { scope: "org", scope_ref: "", monthly_limit_usd: "1", mode: "soft", thresholds: [100] }, { userId: null });
  await ingestEvents(orgId, [
    {
      id: `a-${orgId}`,
      timestamp: new Date().toISOString(),
      feature: "x",
      model: "m",
      usage: { input_tokens: 1, output_tokens: 1 },
      cost_usd: "2",
    },
  ]);
}

describe("webhooks cannot reach the installation's own network (SSRF)", () => {
  test("internal addresses in any spelling are refused when saved, with what to do", async () => {
    setOutbound({});
    try {
      const org = await createOrganization("wh-ssrf-save", "SSRF save");
      const port = (server.address() as AddressInfo).port;
      for (const target of [
        `http://2130706433:${port}/`,
        `http://[::1]:${port}/`,
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://localhost:5432/",
        "http://0x7f.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://100.64.0.1/",
      ]) {
        const err = await createWebhook(org.id, { url: target }, { userId: null }).catch((e: unknown) => e);
        expect(err, target).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(400);
        expect((err as AppError).message).toMatch(/not a public internet address.*SPENDLINE_ALLOW_PRIVATE_NETWORK=1/);
      }
      expect(await db().webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(0);
    } finally {
      setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    }
  });

  test("even with the local network allowed, Spendline's own URL and metadata addresses are refused", async () => {
    const org = await createOrganization("wh-ssrf-own", "SSRF own");
    const port = (server.address() as AddressInfo).port;
    process.env.NEXTAUTH_URL = `http://127.0.0.1:${port}`;
    setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    try {
      await expect(createWebhook(org.id, { url: `http://127.0.0.1:${port}/api/v1/members` }, { userId: null })).rejects.toThrow(
        /not a public internet address/,
      );
      await expect(createWebhook(org.id, { url: "http://169.254.169.254/" }, { userId: null })).rejects.toThrow(/not a public/);
    } finally {
      delete process.env.NEXTAUTH_URL;
      setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    }
  });

  test("delivery checks again: an endpoint that became internal is not contacted, and its error reads like any dead endpoint", async () => {
    const org = await createOrganization("wh-ssrf-deliver", "SSRF deliver");
    // saved while allowed (or when its name still resolved to a public address) …
    await createWebhook(org.id, { url: `${url}?rebound` }, { userId: null });
    await raiseOneAlert(org.id);
    setOutbound({}); // … then the installation closes its local network
    const before = received.length;
    try {
      await deliverDueWebhooks({ baseBackoffMs: 1, now: new Date(Date.now() + 3_600_000) });
    } finally {
      setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    }
    expect(received.length).toBe(before);
    // the same sentence a closed port gives ("an unreachable endpoint …" above)
    const d = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(d).toMatchObject({ attempts: 1, lastError: NO_ANSWER });
  });

  test("redirects are not followed: the signed alert goes nowhere else", async () => {
    const elsewhere: string[] = [];
    const target = http.createServer((req, res) => {
      elsewhere.push(req.url!);
      res.writeHead(204).end();
    });
    const redirector = http.createServer((_req, res) =>
      res.writeHead(307, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/stolen` }).end(),
    );
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    try {
      const org = await createOrganization("wh-redirect", "Redirect");
      await createWebhook(org.id, { url: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook` }, { userId: null });
      await raiseOneAlert(org.id);
      await deliverDueWebhooks({ baseBackoffMs: 1, now: new Date(Date.now() + 3_600_000) });
      expect(elsewhere).toEqual([]);
      const d = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: org.id } });
      expect(d).toMatchObject({ status: "pending", lastError: "HTTP 307" });
    } finally {
      await Promise.all([target, redirector].map((s) => new Promise<void>((r) => s.close(() => r()))));
    }
  });
});
