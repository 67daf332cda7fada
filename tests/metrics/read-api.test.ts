import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { formatUsd6, parseUsd, divHalfEven, type Pico } from "@/lib/money";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { getOverview } from "@/lib/metrics/get-overview";
import { getCostPerInteraction } from "@/lib/metrics/get-cost-per-interaction";
import { getTokenEfficiency } from "@/lib/metrics/get-token-efficiency";
import { getFreemiumTrap } from "@/lib/metrics/get-freemium-trap";
import { getUnitEconomics } from "@/lib/metrics/get-unit-economics";
import { getAntiPatterns } from "@/lib/metrics/get-anti-patterns";
import { distribution } from "@/lib/metrics/percentile";
import { tokenEfficiencyRatio } from "@/lib/metrics/rates";
import { WINDOW_MS } from "@/lib/metrics/freemium";
import { GET as overviewRoute } from "@/app/api/v1/metrics/overview/route";
import { GET as cpiRoute } from "@/app/api/v1/metrics/cost-per-interaction/route";
import { PUT as putTier } from "@/app/api/v1/settings/tiers/[tier]/route";
import { makeEvents } from "./fixtures";

useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
const P = { from: "2026-01-05", to: "2026-02-04" };
let orgId = "";
type Raw = Awaited<ReturnType<typeof loadRaw>>[number];
let raw: Raw[] = [];

async function loadRaw(organizationId: string) {
  const rows = await db().costEvent.findMany({ where: { organizationId }, orderBy: [{ timestamp: "asc" }, { eventId: "asc" }] });
  return rows.map((r) => ({ ...r, cost: parseUsd(r.costUsd.toFixed()), day: r.timestamp.toISOString().slice(0, 10) }));
}

const inPeriod = (day: string) => day >= P.from && day < P.to;
const sumCost = (rows: { cost: Pico }[]) => rows.reduce((s, r) => s + r.cost, 0n);

/** Interactions recomputed from raw events: key = feature + session (or event), dims and day of the first event. */
function interactions(rows: Raw[]) {
  const m = new Map<string, { feature: string; first: Raw; cost: Pico; events: number }>();
  for (const r of rows) {
    const k = `${r.feature}|${r.sessionId ?? "event:" + r.eventId}`;
    const cur = m.get(k);
    if (!cur) m.set(k, { feature: r.feature, first: r, cost: r.cost, events: 1 });
    else {
      cur.cost += r.cost;
      cur.events++;
    }
  }
  return [...m.values()];
}

beforeAll(async () => {
  const org = await createOrganization("metrics-org", "Metrics Org");
  orgId = org.id;
  const events = makeEvents();
  for (let i = 0; i < events.length; i += 200) {
    const res = await ingestEvents(orgId, events.slice(i, i + 200), { receivedAt: new Date("2026-03-01T00:00:00Z") });
    expect(res.rejected).toEqual([]);
  }
  raw = await loadRaw(orgId);
  expect(raw.length).toBe(600);
});

describe("answers equal a recomputation from raw CostEvent rows", () => {
  test("overview: totals, interactions, cost by day", async () => {
    const o = await getOverview(orgId, { ...P, stack_by: "team" });
    const rows = raw.filter((r) => inPeriod(r.day));
    expect(o.totals.total_cost_usd).toBe(formatUsd6(sumCost(rows)));
    expect(o.totals.events).toBe(rows.length);
    expect(o.totals.input_tokens).toBe(rows.reduce((s, r) => s + r.inputTokens, 0));
    expect(o.totals.interactions).toBe(interactions(raw).filter((i) => inPeriod(i.first.day)).length);
    expect(o.cost_by_day.points).toHaveLength(30);
    for (const pt of o.cost_by_day.points) expect(pt.cost_usd).toBe(formatUsd6(sumCost(rows.filter((r) => r.day === pt.day))));
    const support = sumCost(rows.filter((r) => r.team === "support"));
    expect(o.cost_by_day.points.reduce((s, p) => s + parseUsd(p.by.support ?? "0"), 0n)).toBe(support);
  });

  test("overview with filters", async () => {
    const o = await getOverview(orgId, { ...P, feature: "search", environment: "prod" });
    const rows = raw.filter((r) => inPeriod(r.day) && r.feature === "search" && r.environment === "prod");
    expect(o.totals.total_cost_usd).toBe(formatUsd6(sumCost(rows)));
    expect(o.top_features.map((f) => f.feature)).toEqual(["search"]);
  });

  test("cost per interaction: count, mean, p50/p90/p99, max, review flag, histogram totals", async () => {
    const c = await getCostPerInteraction(orgId, P);
    const inter = interactions(raw).filter((i) => inPeriod(i.first.day));
    expect(c.features.length).toBe(3);
    for (const f of c.features) {
      const d = distribution(inter.filter((i) => i.feature === f.feature).map((i) => i.cost));
      expect(f.interactions).toBe(d.count);
      expect(f.total_cost_usd).toBe(formatUsd6(d.total));
      expect(f.mean_usd).toBe(formatUsd6(d.mean!));
      expect(f.p50_usd).toBe(formatUsd6(d.p50!));
      expect(f.p90_usd).toBe(formatUsd6(d.p90!));
      expect(f.p99_usd).toBe(formatUsd6(d.p99!));
      expect(f.max_usd).toBe(formatUsd6(d.max!));
      expect(f.review).toBe(d.total > parseUsd("0.10") * BigInt(d.count));
      const h = c.histograms.find((x) => x.feature === f.feature)!;
      expect(h.buckets.reduce((s, b) => s + b.interactions, 0)).toBe(d.count);
    }
    expect(c.review.map((r) => r.feature)).toContain("doc_analysis");
    const day = c.daily[0].points.find((p) => p.interactions > 0)!;
    const sameDay = inter.filter((i) => i.feature === c.daily[0].feature && i.first.day === day.day).map((i) => i.cost);
    expect(day.p50_usd).toBe(formatUsd6(distribution(sameDay).p50!));
    expect(c.daily[0].points.some((p) => (p.interactions === 0 ? p.p50_usd === null : true))).toBe(true);
  });

  test("token efficiency per team: TER, rates, cost per correct output, cost per resolved task", async () => {
    const t = await getTokenEfficiency(orgId, { ...P, group_by: "team" });
    const rows = raw.filter((r) => inPeriod(r.day));
    for (const g of t.groups) {
      const team = g.team as string;
      const mine = rows.filter((r) => r.team === team);
      const inp = mine.reduce((s, r) => s + r.inputTokens, 0),
        out = mine.reduce((s, r) => s + r.outputTokens, 0);
      expect(g.input_tokens).toBe(inp);
      expect(g.ter).toBe(tokenEfficiencyRatio(out, inp));
      expect(g.success_rate).toBe(mine.filter((r) => r.outcome === "success").length / mine.length);
      const set = mine.filter((r) => r.correct !== null),
        ok = set.filter((r) => r.correct === true);
      expect(g.correct_rate).toBe(ok.length / set.length);
      expect(g.cost_per_correct_output_usd).toBe(formatUsd6(divHalfEven(sumCost(mine), BigInt(ok.length))));
      // tasks: belong to the period of their first event; team of the first event; all events' cost
      const tasks = new Map<string, Raw[]>();
      for (const r of raw) if (r.taskId) tasks.set(r.taskId, [...(tasks.get(r.taskId) ?? []), r]);
      const mineTasks = [...tasks.values()].filter((ev) => inPeriod(ev[0].day) && ev[0].team === team);
      const resolved = mineTasks.filter((ev) => ev[ev.length - 1].outcome === "success");
      expect(g.tasks).toBe(mineTasks.length);
      expect(g.resolved_tasks).toBe(resolved.length);
      expect(g.cost_per_resolved_task_usd).toBe(
        formatUsd6(
          divHalfEven(
            mineTasks.reduce((s, ev) => s + sumCost(ev), 0n),
            BigInt(resolved.length),
          ),
        ),
      );
    }
    expect(t.groups.map((g) => g.team).sort()).toEqual(["platform", "support"]);
  });

  test("freemium trap: 30 × 24 h window, strict LTV, as_of cut", async () => {
    await db().tier.create({ data: { organizationId: orgId, name: "free", predictedLtvUsd: "1.5", monthlyPriceUsd: "0" } });
    const asOf = "2026-02-10";
    const f = await getFreemiumTrap(orgId, { from: "2026-01-01", to: "2026-02-01", as_of: asOf });
    const cut = Date.parse("2026-02-11T00:00:00Z");
    const tenants = await db().tenant.findMany({ where: { organizationId: orgId, tier: "free" } });
    let trapped = 0;
    for (const t of tenants) {
      const first = t.firstEventAt.getTime();
      const until = Math.min(first + WINDOW_MS, cut);
      const cost = sumCost(
        raw.filter((r) => r.tenantId === t.externalId && r.timestamp.getTime() >= first && r.timestamp.getTime() < until),
      );
      const row = f.list.find((x) => x.tenant_id === t.externalId)!;
      expect(row.cost_30d_usd).toBe(formatUsd6(cost));
      expect(row.trapped).toBe(cost > parseUsd("1.5"));
      if (cost > parseUsd("1.5")) trapped++;
    }
    expect(f.tenants).toBe(tenants.length);
    expect(f.trapped).toBe(trapped);
    expect(f.predicted_ltv_usd).toBe("1.500000");
    const freeCost = sumCost(raw.filter((r) => r.day >= "2026-01-01" && r.day < "2026-02-01" && r.tenantTier === "free"));
    expect(f.subsidy.free_tier_cost_usd).toBe(formatUsd6(freeCost));
    // paid revenue: pro tenants active in the period × default $20/month × 31/30
    const pro = new Set(raw.filter((r) => r.day >= "2026-01-01" && r.day < "2026-02-01" && r.tenantTier === "pro").map((r) => r.tenantId));
    expect(f.subsidy.paid_tiers).toEqual([{ tier: "pro", active_tenants: pro.size, monthly_price_usd: "20.000000" }]);
    expect(f.subsidy.paid_revenue_usd).toBe(formatUsd6(divHalfEven(parseUsd("20") * BigInt(pro.size) * 31n, 30n)));
  });

  test("unit economics: layers, margin, profit from raw events and a fixed cost", async () => {
    await db().feature.update({
      where: { organizationId_name: { organizationId: orgId, name: "search" } },
      data: { valuePerUnitUsd: "0.5", valueMethod: "cost_displacement" },
    });
    await db().fixedCost.create({
      data: {
        organizationId: orgId,
        name: "vector index",
        amountUsd: "60",
        periodStart: new Date("2026-01-01"),
        periodEnd: new Date("2026-03-02"),
        allocationRule: "direct",
        allocation: { feature: "search" },
      },
    });
    const u = await getUnitEconomics(orgId, P);
    const s = u.features.find((f) => f.feature === "search")!;
    const rows = raw.filter((r) => inPeriod(r.day) && r.feature === "search");
    const units = interactions(raw).filter((i) => inPeriod(i.first.day) && i.feature === "search").length;
    expect(s.inference_cost_usd).toBe(formatUsd6(sumCost(rows)));
    expect(s.units).toBe(units);
    expect(s.harness_cost_usd).toBe("30.000000"); // 30 of its 60 days
    const perUnit = divHalfEven(sumCost(rows), BigInt(units));
    const margin = divHalfEven(parseUsd("0.5") * BigInt(rows.filter((r) => r.outcome === "success").length), BigInt(rows.length)) - perUnit;
    expect(s.unit_margin_usd).toBe(formatUsd6(margin));
    expect(s.monthly_profit_usd).toBe(formatUsd6(margin * BigInt(units) - parseUsd("30")));
    expect(u.weekly_trend.length).toBeGreaterThan(0);
  });

  test("anti-patterns answer for every feature and model", async () => {
    const a = await getAntiPatterns(orgId, P);
    const detectors = new Set(a.findings.map((f) => f.detector));
    expect(detectors.size).toBe(6);
    expect(a.findings.every((f) => f.sparkline.length === 30)).toBe(true);
  });
});

describe("routes", () => {
  const call = (
    handler: typeof overviewRoute,
    url: string,
    key: string,
    init: { method?: string; body?: unknown } = {},
    params: Record<string, string> = {},
  ) =>
    handler(
      new NextRequest(url, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: init.body ? JSON.stringify(init.body) : undefined,
      }),
      { params: Promise.resolve(params) },
    );

  test("bad date or unknown parameter → 400 naming it; read key answers snake_case money strings", async () => {
    const { key } = await issueApiKey(orgId, { name: "reader", scopes: ["read"] }, SYSTEM);
    const bad = await call(overviewRoute, "http://x/api/v1/metrics/overview?from=2026-02-30", key);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('"path":"from"');
    const unknown = await call(cpiRoute, "http://x/api/v1/metrics/cost-per-interaction?colour=red", key);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("colour");
    const ok = await call(overviewRoute, `http://x/api/v1/metrics/overview?from=${P.from}&to=${P.to}`, key);
    expect(ok.status).toBe(200);
    expect((await ok.json()).totals.total_cost_usd).toMatch(/^\d+\.\d{6}$/);
  });

  test("PUT tier needs the admin scope and is audited", async () => {
    const { key: reader } = await issueApiKey(orgId, { name: "r2", scopes: ["read"] }, SYSTEM);
    const { key: admin } = await issueApiKey(orgId, { name: "a", scopes: ["admin"] }, SYSTEM);
    const url = "http://x/api/v1/settings/tiers/pro";
    expect((await call(putTier, url, reader, { method: "PUT", body: { predicted_ltv_usd: "99" } }, { tier: "pro" })).status).toBe(403);
    const bad = await call(putTier, url, admin, { method: "PUT", body: { predicted_ltv_usd: "-1" } }, { tier: "pro" });
    expect(bad.status).toBe(400);
    const res = await call(
      putTier,
      url,
      admin,
      { method: "PUT", body: { predicted_ltv_usd: "150.5", monthly_price_usd: "25" } },
      { tier: "pro" },
    );
    expect(await res.json()).toEqual({ tier: "pro", predicted_ltv_usd: "150.500000", monthly_price_usd: "25.000000", source: "settings" });
    expect(await db().auditLog.count({ where: { organizationId: orgId, action: "tier.update" } })).toBe(1);
  });
});
