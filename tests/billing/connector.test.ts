import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { createOrganization } from "@/lib/orgs/manage-members";
import { configureConnector, runDueConnectors, syncAccount } from "@/lib/billing/sync-connector";
import { setOutbound } from "../helpers/outbound";
import { openSecret, sealSecret } from "@/lib/billing/secret-box";
import { NextRequest } from "next/server";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { endpoints } from "@/lib/api/endpoints";
import { assertMatchesContract } from "@/lib/api/route-contract";
import { POST as connectorsRoute } from "@/app/api/v1/billing/connectors/route";
import { POST as syncRoute } from "@/app/api/v1/billing/connectors/sync/route";

useTestDatabase();

const fixture = (f: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", f), "utf8"));
const OPENAI_KEY = "sk-admin-openai-0123456789";
const ANTHROPIC_KEY = "sk-ant-admin01-abcdefghij";
const seen: { path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders }[] = [];

/** A local stand-in for both providers' admin APIs, answering their documented shapes. */
const stub = http.createServer((req, res) => {
  const url = new URL(req.url!, "http://stub");
  seen.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (url.pathname.startsWith("/v1/organization/")) {
    if (req.headers.authorization !== `Bearer ${OPENAI_KEY}`)
      return send(401, { error: { message: "Invalid admin key", type: "invalid_request_error" } });
    if (url.pathname === "/v1/organization/costs") {
      // two pages: the first two buckets, then the rest behind a cursor
      const all = fixture("openai-costs.json");
      if (url.searchParams.get("page") === "cursor_2")
        return send(200, { ...all, data: all.data.slice(2), has_more: false, next_page: null });
      return send(200, { ...all, data: all.data.slice(0, 2), has_more: true, next_page: "cursor_2" });
    }
    if (url.pathname === "/v1/organization/usage/completions") return send(200, fixture("openai-usage.json"));
  }
  if (url.pathname.startsWith("/v1/organizations/")) {
    if (req.headers["x-api-key"] !== ANTHROPIC_KEY || req.headers["anthropic-version"] !== "2023-06-01")
      return send(401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
    if (url.pathname === "/v1/organizations/cost_report") return send(200, fixture("anthropic-cost-report.json"));
    if (url.pathname === "/v1/organizations/usage_report/messages") return send(200, fixture("anthropic-usage.json"));
  }
  send(404, { error: { message: "not found" } });
});
/**
 * A hostile "provider": answers internal-looking bodies, or redirects to `sink` (another host),
 * which records whatever reaches it — the admin key must never.
 */
const sinkSeen: http.IncomingHttpHeaders[] = [];
const sink = http.createServer((req, res) => {
  sinkSeen.push(req.headers);
  res.writeHead(200, { "content-type": "application/json" }).end('{"data":[],"has_more":false}');
});
let hostileMode: "500" | "redirect" | "html" = "500";
const hostile = http.createServer((req, res) => {
  if (hostileMode === "redirect")
    return res.writeHead(307, { location: `http://localhost:${(sink.address() as AddressInfo).port}${req.url}` }).end();
  if (hostileMode === "html") return res.writeHead(200, { "content-type": "text/html" }).end("<html>INTERNAL-ADMIN-PANEL</html>");
  res.writeHead(500, { "content-type": "text/plain" }).end("FATAL: password authentication failed for user postgres INTERNAL-SECRET");
});

let base = "";
let hostileBase = "";
const listen = (s: http.Server) =>
  new Promise<string>((r) => s.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
beforeAll(async () => {
  base = await listen(stub);
  hostileBase = await listen(hostile);
  await listen(sink);
  // an installation administrator allows the stub (and, for the hostile cases, the hostile one)
  setOutbound({ SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS: `${base},${hostileBase}` });
});
afterAll(async () => {
  setOutbound({});
  await Promise.all([stub, hostile, sink].map((s) => new Promise<void>((r) => s.close(() => r()))));
});

const actor = { userId: null, apiKeyId: null };
const NOW = new Date("2026-10-20T06:00:00Z");

describe("billing connector against a stub of the providers' admin APIs", () => {
  test("admin keys are sealed with AES-256-GCM under a key derived from the app secret", () => {
    const sealed = sealSecret(OPENAI_KEY, "secret-a");
    expect(sealed).not.toContain(OPENAI_KEY);
    expect(openSecret(sealed, "secret-a")).toBe(OPENAI_KEY);
    expect(sealSecret(OPENAI_KEY, "secret-a")).not.toBe(sealed); // fresh IV each time
    expect(() => openSecret(sealed, "secret-b")).toThrow();
    const tampered = `v1:${Buffer.from(Buffer.from(sealed.slice(3), "base64").map((b, i) => (i === 40 ? b ^ 1 : b))).toString("base64")}`;
    expect(() => openSecret(tampered, "secret-a")).toThrow();
  });

  test("the daily run pulls every page of both providers, imports them, and is idempotent", async () => {
    const org = await createOrganization("connector-1", "Connector");
    await configureConnector(org.id, { account: "openai-prod", provider: "openai", adminKey: OPENAI_KEY, baseUrl: base }, actor);
    await configureConnector(org.id, { account: "anthropic-main", provider: "anthropic", adminKey: ANTHROPIC_KEY, baseUrl: base }, actor);
    const stored = await db().billingAccount.findMany({ where: { organizationId: org.id } });
    for (const a of stored) {
      expect(a.encryptedKey).not.toContain("sk-");
      expect(openSecret(a.encryptedKey!, authSecret())).toMatch(/^sk-/);
    }

    expect(await runDueConnectors(NOW)).toEqual({ synced: 2, failed: 0 });
    const costs = seen.filter((s) => s.path === "/v1/organization/costs");
    expect(costs.map((s) => s.query.get("page"))).toEqual([null, "cursor_2"]);
    expect(costs[0].query.get("bucket_width")).toBe("1d");
    expect(costs[0].query.get("start_time")).toBe(String(Date.UTC(2026, 8, 1) / 1000));
    expect(seen.find((s) => s.path === "/v1/organizations/cost_report")!.query.getAll("group_by[]")).toEqual(["description"]);
    const lines = await db().invoiceLine.groupBy({ by: ["source"], where: { organizationId: org.id }, _count: true });
    expect(Object.fromEntries(lines.map((l) => [l.source, l._count]))).toEqual({
      openai_costs: 6,
      openai_usage: 2,
      anthropic_cost_report: 2,
      anthropic_usage: 1,
    });
    const imports = await db().billingImport.findMany({ where: { organizationId: org.id } });
    expect(imports.every((i) => i.via === "connector")).toBe(true);

    // within 24 hours nothing is due; pulling again by hand changes nothing
    expect(await runDueConnectors(new Date(NOW.getTime() + 3_600_000))).toEqual({ synced: 0, failed: 0 });
    const again = await syncAccount(org.id, stored.find((a) => a.name === "openai-prod")!.id, NOW);
    expect(again.every((r) => r.unchanged)).toBe(true);
  });

  test("a rejected key is recorded on the account with what to check", async () => {
    const org = await createOrganization("connector-2", "Connector 2");
    await configureConnector(
      org.id,
      { account: "openai-old", provider: "openai", adminKey: "sk-admin-revoked-000000", baseUrl: base },
      actor,
    );
    const acc = await db().billingAccount.findFirstOrThrow({ where: { organizationId: org.id } });
    await expect(syncAccount(org.id, acc.id, NOW)).rejects.toThrow(/401 \(check the admin key\)/);
    expect(
      (await db().billingAccount.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: acc.id } } })).lastSyncError,
    ).toMatch(/401/);
  });

  test("the API stores a connector (never answering the key) and pulls it now, answering its schemas", async () => {
    const org = await createOrganization("connector-3", "Connector 3");
    const key = (await issueApiKey(org.id, { name: "finance", scopes: ["admin"] }, actor)).key;
    const call = (route: typeof connectorsRoute, url: string, body: unknown) =>
      route(
        new NextRequest(`http://test${url}`, {
          method: "POST",
          body: JSON.stringify(body),
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        }),
        {
          params: Promise.resolve({}),
        },
      );
    const res = await call(connectorsRoute, "/api/v1/billing/connectors", {
      account: "openai-api",
      provider: "openai",
      admin_key: OPENAI_KEY,
      base_url: base,
    });
    expect(res.status).toBe(200);
    const stored = await res.json();
    assertMatchesContract(endpoints["POST /api/v1/billing/connectors"].response!, stored, "POST connectors");
    expect(JSON.stringify(stored)).not.toContain(OPENAI_KEY);
    expect(stored).toMatchObject({ account: "openai-api", provider: "openai", url: base });

    const synced = await call(syncRoute, "/api/v1/billing/connectors/sync", { account: "openai-api" });
    expect(synced.status).toBe(200);
    const body = await synced.json();
    assertMatchesContract(endpoints["POST /api/v1/billing/connectors/sync"].response!, body, "POST connectors/sync");
    expect(body.imports.map((i: { source: string }) => i.source).sort()).toEqual(["openai_costs", "openai_usage"]);
    expect((await call(syncRoute, "/api/v1/billing/connectors/sync", { account: "nope" })).status).toBe(404);
  });

  test("without the installation's allowance, a base_url other than the provider's official API is refused (API 400) and never fetched", async () => {
    setOutbound({}); // nothing allowed: the stub on loopback is "an internal address"
    try {
      const org = await createOrganization("connector-ssrf", "Connector SSRF");
      const key = (await issueApiKey(org.id, { name: "finance", scopes: ["admin"] }, actor)).key;
      const before = seen.length;
      for (const base_url of [base, "http://2130706433:5432", "http://169.254.169.254/latest/meta-data", "http://[::1]:6379"]) {
        const res = await connectorsRoute(
          new NextRequest("http://test/api/v1/billing/connectors", {
            method: "POST",
            body: JSON.stringify({ account: "openai-x", provider: "openai", admin_key: OPENAI_KEY, base_url }),
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          }),
          { params: Promise.resolve({}) },
        );
        expect(res.status).toBe(400);
        expect((await res.json()).error.message).toMatch(
          /not allowed: openai connectors talk to https:\/\/api\.openai\.com.*SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS/,
        );
      }
      expect(await db().billingAccount.count({ where: { organizationId: org.id } })).toBe(0);

      // a connector saved before the fix (or before the allowance was withdrawn) is refused at sync
      const acc = await db().billingAccount.create({
        data: {
          organizationId: org.id,
          name: "legacy",
          provider: "openai",
          connectorUrl: base,
          encryptedKey: sealSecret(OPENAI_KEY, authSecret()),
        },
      });
      await expect(syncAccount(org.id, acc.id, NOW)).rejects.toThrow(/not allowed/);
      expect(seen.length).toBe(before); // nothing reached the stub
      expect(
        (await db().billingAccount.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: acc.id } } }))
          .lastSyncError,
      ).toMatch(/not allowed/);
    } finally {
      setOutbound({ SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS: `${base},${hostileBase}` });
    }
  });

  test("an error answer is reported by status and what to check, never by its body (answered nor stored)", async () => {
    const org = await createOrganization("connector-echo", "Connector echo");
    await configureConnector(org.id, { account: "openai-h", provider: "openai", adminKey: OPENAI_KEY, baseUrl: hostileBase }, actor);
    const acc = await db().billingAccount.findFirstOrThrow({ where: { organizationId: org.id } });
    for (const mode of ["500", "html"] as const) {
      hostileMode = mode;
      const err = (await syncAccount(org.id, acc.id, NOW).catch((e: Error) => e)) as Error;
      expect(err.message).not.toMatch(/INTERNAL|password|html/i);
      expect(err.message).toMatch(mode === "500" ? /answered HTTP 500/ : /did not answer JSON \(check the base URL\)/);
      const stored = (await db().billingAccount.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: acc.id } } }))
        .lastSyncError!;
      expect(stored).toBe(err.message);
    }
  });

  test("a redirect is not followed: the admin key never reaches another host", async () => {
    hostileMode = "redirect";
    const org = await createOrganization("connector-redirect", "Connector redirect");
    await configureConnector(
      org.id,
      { account: "anthropic-r", provider: "anthropic", adminKey: ANTHROPIC_KEY, baseUrl: hostileBase },
      actor,
    );
    const acc = await db().billingAccount.findFirstOrThrow({ where: { organizationId: org.id } });
    await expect(syncAccount(org.id, acc.id, NOW)).rejects.toThrow(/answered HTTP 307 \(a redirect: Spendline does not follow redirects/);
    expect(sinkSeen).toHaveLength(0);
  });

  test("every sync is audited: who or what triggered it, the host, the outcome", async () => {
    const org = await createOrganization("connector-audit", "Connector audit");
    const issued = await issueApiKey(org.id, { name: "finance-bot", scopes: ["admin"] }, actor);
    await configureConnector(org.id, { account: "openai-a", provider: "openai", adminKey: OPENAI_KEY, baseUrl: base }, actor);
    await configureConnector(
      org.id,
      { account: "openai-bad", provider: "openai", adminKey: "sk-admin-revoked-000000", baseUrl: base },
      actor,
    );
    const res = await syncRoute(
      new NextRequest("http://test/api/v1/billing/connectors/sync", {
        method: "POST",
        body: JSON.stringify({ account: "openai-a" }),
        headers: { authorization: `Bearer ${issued.key}`, "content-type": "application/json" },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    const bad = await db().billingAccount.findFirstOrThrow({ where: { organizationId: org.id, name: "openai-bad" } });
    await expect(syncAccount(org.id, bad.id, NOW)).rejects.toThrow(/401/);
    const entries = await db().auditLog.findMany({
      where: { organizationId: org.id, action: "billing.connector.sync" },
      orderBy: { at: "asc" },
    });
    const host = new URL(base).host;
    expect(entries.map((e) => [e.actorApiKeyId, e.after])).toEqual([
      [issued.id, { account: "openai-a", provider: "openai", host, trigger: "manual", outcome: "ok", imports: 2, lines: 8 }],
      [
        null,
        {
          account: "openai-bad",
          provider: "openai",
          host,
          trigger: "schedule",
          outcome: "failed",
          imports: 0,
          lines: 0,
          error: "openai /v1/organization/costs answered HTTP 401 (check the admin key).",
        },
      ],
    ]);
  });
});
