import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { formatUsd6 } from "@/lib/money";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { getChargeback, readChargeback } from "@/lib/chargeback/get-chargeback";
import { closeMonth } from "@/lib/month-close/close-month";
import { GET as listWindows, POST as postWindows } from "@/app/api/v1/price-book/endpoint-windows/route";
import { POST as importWindows } from "@/app/api/v1/price-book/endpoint-windows/import/route";
import { DELETE as deleteWindow } from "@/app/api/v1/price-book/endpoint-windows/[id]/route";
import { GET as chargebackRoute } from "@/app/api/v1/reports/chargeback/route";

/**
 * Decision 057 end to end: an endpoint priced $2.50 per hour by a price-book time rule, its running
 * windows recorded through the API and a CSV, allocated to the calls it served by tokens, idle time
 * on its own line, margins apart, and a closed month that stays closed.
 *
 *   window 10 Oct 00:00–10:00 (10 h × 2.50 = 25.00) served alpha 3,000 and beta 1,000 tokens:
 *     alpha 25 × 3/4 = 18.75, beta 25 × 1/4 = 6.25 (beta's call at 12:00 is outside: not counted)
 *   window 20 Oct 00:00–04:00 (4 h = 10.00), owner platform, no call: idle → platform 10.00
 *   window 31 Oct 22:00–1 Nov 02:00, no owner: 2 h in October = 5.00 idle → unallocated
 *   endpoint time in October: 16 h, 40.00 (idle 15.00)
 *   gpt-4o call of alpha: 1M input tokens × $2.50/M = 2.50, margin 10 % = 0.25 → recharged 2.50 + 18.75 + 0.25 = 21.50
 */
useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
let orgId = "";
let admin = "";
let reader = "";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (
  h: Handler,
  url: string,
  key: string,
  init: { method?: string; body?: unknown; raw?: string; type?: string } = {},
  params = {},
) =>
  h(
    new NextRequest(`http://x${url}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${key}`, "content-type": init.type ?? "application/json" },
      body: init.raw ?? (init.body ? JSON.stringify(init.body) : undefined),
    }),
    { params: Promise.resolve(params) },
  );

const llama = { provider: "selfhost", model: "llama-70b", cost_usd: "0", outcome: "success" };

beforeAll(async () => {
  orgId = (await createOrganization("endpoint-time", "Endpoint time")).id;
  admin = (await issueApiKey(orgId, { name: "a", scopes: ["admin", "read"] }, SYSTEM)).key;
  reader = (await issueApiKey(orgId, { name: "r", scopes: ["read"] }, SYSTEM)).key;
  for (const name of ["alpha", "beta", "platform"]) await db().team.create({ data: { organizationId: orgId, name } });
  await db().priceOverride.createMany({
    data: [
      {
        organizationId: orgId,
        provider: "selfhost",
        model: "llama-70b",
        kind: "time",
        perHourUsd: "2.50",
        allocationRule: "tokens",
        effectiveFrom: new Date("2026-10-01T00:00:00Z"),
      },
      {
        organizationId: orgId,
        provider: "openai",
        model: "*",
        kind: "margin",
        percent: "10",
        effectiveFrom: new Date("2026-01-01T00:00:00Z"),
      },
    ],
  });
  const r = await ingestEvents(orgId, [
    {
      ...llama,
      id: "a1",
      timestamp: "2026-10-10T02:00:00Z",
      team: "alpha",
      feature: "alpha_search",
      usage: { input_tokens: 3000, output_tokens: 0 },
    },
    {
      ...llama,
      id: "b1",
      timestamp: "2026-10-10T05:00:00Z",
      team: "beta",
      feature: "beta_chat",
      usage: { input_tokens: 900, output_tokens: 100 },
    },
    {
      ...llama,
      id: "b2",
      timestamp: "2026-10-10T12:00:00Z",
      team: "beta",
      feature: "beta_chat",
      usage: { input_tokens: 5000, output_tokens: 0 },
    },
    {
      id: "g1",
      timestamp: "2026-10-15T12:00:00Z",
      team: "alpha",
      feature: "alpha_search",
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      usage: { input_tokens: 1_000_000, output_tokens: 0 },
    },
  ]);
  expect(r.accepted).toBe(4);
});

describe("recording running windows", () => {
  test("a reader cannot write; bad input is a 400 naming the field; an overlap is a 409 and stores nothing", async () => {
    const w = { provider: "selfhost", model: "llama-70b", started_at: "2026-10-10T00:00:00Z", ended_at: "2026-10-10T10:00:00Z" };
    expect(
      (await call(postWindows, "/api/v1/price-book/endpoint-windows", reader, { method: "POST", body: { windows: [w] } })).status,
    ).toBe(403);
    const bad = await call(postWindows, "/api/v1/price-book/endpoint-windows", admin, {
      method: "POST",
      body: { windows: [{ ...w, ended_at: "2026-10-09T00:00:00Z" }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("windows.0.ended_at");
    const ok = await call(postWindows, "/api/v1/price-book/endpoint-windows", admin, { method: "POST", body: { windows: [w] } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { windows: { hours: string }[] }).windows[0].hours).toBe("10.000000");
    const overlap = await call(postWindows, "/api/v1/price-book/endpoint-windows", admin, {
      method: "POST",
      body: { windows: [{ ...w, started_at: "2026-10-10T09:00:00Z", ended_at: "2026-10-10T11:00:00Z" }] },
    });
    expect(overlap.status).toBe(409);
    expect(await db().endpointWindow.count({ where: { organizationId: orgId } })).toBe(1);
  });

  test("a CSV stores every valid line and names each other line and why", async () => {
    const csv = [
      "provider,model,started_at,ended_at,team,note",
      "selfhost,llama-70b,2026-10-20T00:00:00Z,2026-10-20T04:00:00Z,platform,quiet night",
      "selfhost,llama-70b,2026-10-20T02:00:00Z,2026-10-20T03:00:00Z,,overlaps the line above",
      "selfhost,llama-70b,2026-10-21,soon,,",
      "selfhost,llama-70b,2026-10-31T22:00:00Z,2026-11-01T02:00:00Z,nobody,",
      "selfhost,llama-70b,2026-10-31T22:00:00Z,2026-11-01T02:00:00Z,,",
    ].join("\n");
    const res = await call(importWindows, "/api/v1/price-book/endpoint-windows/import", admin, {
      method: "POST",
      raw: csv,
      type: "text/csv",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { created: number; rejected: { line: number; errors: string[] }[] };
    expect(body.created).toBe(2);
    expect(body.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(body.rejected[0].errors.join()).toMatch(/overlaps item 0/);
    expect(body.rejected[1].errors.join()).toMatch(/started_at: expected an ISO date-time/);
    expect(body.rejected[2].errors.join()).toMatch(/no team named "nobody"/);
    const listed = (await (await call(listWindows, "/api/v1/price-book/endpoint-windows?month=2026-10", admin)).json()) as {
      windows: unknown[];
    };
    expect(listed.windows).toHaveLength(3);
    const audit = await db().auditLog.findMany({ where: { organizationId: orgId, action: { startsWith: "endpoint_window." } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["endpoint_window.create", "endpoint_window.import"]);
  });
});

describe("the month's chargeback", () => {
  test("endpoint time allocated to the calls it served, idle on its own lines, margin apart", async () => {
    const cb = await readChargeback(orgId, "2026-10");
    const row = (t: string) => cb.rows.find((r) => r.team === t)!;
    const money = (t: string) => {
      const r = row(t);
      return [r.directPico, r.allocatedPico, r.totalPico, r.marginPico, r.rechargedPico].map((p) => formatUsd6(p!)).join(" ");
    };
    expect(money("alpha")).toBe("2.500000 18.750000 21.250000 0.250000 21.500000");
    expect(money("beta")).toBe("0.000000 6.250000 6.250000 0.000000 6.250000");
    expect(money("platform")).toBe("0.000000 10.000000 10.000000 0.000000 10.000000");
    expect(money("unallocated")).toBe("0.000000 5.000000 5.000000 0.000000 5.000000");
    expect(formatUsd6(cb.fixedCostsPico)).toBe("40.000000");
    expect(cb.allocations.map((a) => `${a.name} → ${a.team}: ${formatUsd6(a.amountPico)}`)).toEqual([
      "Endpoint time: selfhost/llama-70b → alpha: 18.750000",
      "Endpoint time: selfhost/llama-70b → beta: 6.250000",
      "Idle endpoint time: selfhost/llama-70b → platform: 10.000000",
      "Idle endpoint time: selfhost/llama-70b → unallocated: 5.000000",
    ]);
    const wire = await getChargeback(orgId, "2026-10");
    expect(wire.endpoint_time).toEqual([
      {
        endpoint: "selfhost/llama-70b",
        provider: "selfhost",
        model: "llama-70b",
        allocation_rule: "tokens",
        hours: "16.000000",
        unpriced_hours: "0.000000",
        cost_usd: "40.000000",
        idle_usd: "15.000000",
        idle: [
          { team: "platform", amount_usd: "10.000000" },
          { team: "unallocated", amount_usd: "5.000000" },
        ],
        by_feature: [
          { team: "alpha", feature: "alpha_search", requests: 1, tokens: "3000", amount_usd: "18.750000" },
          { team: "beta", feature: "beta_chat", requests: 1, tokens: "1000", amount_usd: "6.250000" },
        ],
      },
    ]);
    expect(wire.margin_usd).toBe("0.250000");
    expect(wire.recharged_usd).toBe("42.750000"); // 2.50 usage + 40.00 endpoint time + 0.25 margin
    const csv = await (await call(chargebackRoute, "/api/v1/reports/chargeback?month=2026-10&format=csv", reader)).text();
    const [head, first] = csv.split("\r\n");
    expect(head).toBe(
      "team,direct_usd,allocated_usd,total_usd,margin_usd,recharged_usd,events,share,success_rate,correct_rate,ter,ter_change",
    );
    expect(first.startsWith("alpha,2.500000,18.750000,21.250000,0.250000,21.500000,")).toBe(true);
  });

  test("a closed month stays closed: no window is added to or removed from it, and its figures do not move", async () => {
    const before = await getChargeback(orgId, "2026-10");
    await closeMonth(orgId, "2026-10", SYSTEM);
    const add = await call(postWindows, "/api/v1/price-book/endpoint-windows", admin, {
      method: "POST",
      body: {
        windows: [{ provider: "selfhost", model: "llama-70b", started_at: "2026-10-25T00:00:00Z", ended_at: "2026-10-25T01:00:00Z" }],
      },
    });
    expect(add.status).toBe(409);
    expect(JSON.stringify(await add.json())).toContain("2026-10 is closed");
    const crossing = await db().endpointWindow.findFirstOrThrow({
      where: { organizationId: orgId, endedAt: new Date("2026-11-01T02:00:00Z") },
    });
    const del = await call(
      deleteWindow,
      `/api/v1/price-book/endpoint-windows/${crossing.id}`,
      admin,
      { method: "DELETE" },
      { id: crossing.id },
    );
    expect(del.status).toBe(409);
    // a November window is fine, and October's frozen figures stay as they were
    const nov = await call(postWindows, "/api/v1/price-book/endpoint-windows", admin, {
      method: "POST",
      body: {
        windows: [{ provider: "selfhost", model: "llama-70b", started_at: "2026-11-02T00:00:00Z", ended_at: "2026-11-02T01:00:00Z" }],
      },
    });
    expect(nov.status).toBe(200);
    const after = await getChargeback(orgId, "2026-10");
    expect(after.status).toBe("closed");
    const figures = (c: typeof before) => ({ ...c, status: null, closed_at: null, late_arrivals: null });
    expect(figures(after)).toEqual(figures(before));
    // November: the crossing window's 2 h after midnight and the new 1 h, both idle → 3 h × 2.50 = 7.50
    const november = await getChargeback(orgId, "2026-11");
    expect(november.endpoint_time?.[0]).toMatchObject({ hours: "3.000000", cost_usd: "7.500000", idle_usd: "7.500000" });
  });
});
