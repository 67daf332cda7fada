import { beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { endpoints } from "@/lib/api/endpoints";
import { assertMatchesContract } from "@/lib/api/route-contract";
import type { Member } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { setOutbound } from "../helpers/outbound";

// people-only routes (deciding a policy draft) read the signed-in member; API-key calls never do
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => session.member,
}));

/**
 * Every JSON endpoint answers what its response schema says, on the demo data: the route
 * wrapper checks responses outside production, so a mismatch is a 500 here.
 */
useTestDatabase();

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let key = "";
const month = new Date().toISOString().slice(0, 7);

async function call(
  mod: Record<string, unknown>,
  method: string,
  url: string,
  opts: { body?: unknown; params?: Record<string, string> } = {},
) {
  const handler = mod[method] as Handler;
  const req = new NextRequest(`http://spendline.test${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(opts.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  const seeded = await seedDemo({ days: 40 });
  key = (
    await issueApiKey(seeded.organizationId, { name: "contract", scopes: ["read", "admin", "ingest"] }, { userId: null, apiKeyId: null })
  ).key;
}, 300_000);

describe("GET endpoints answer their response schema on the demo data", () => {
  const cases: [string, () => Promise<Record<string, unknown>>, string][] = [
    ["GET /api/v1/admin/api-keys", () => import("@/app/api/v1/admin/api-keys/route"), ""],
    ["GET /api/v1/admin/retention", () => import("@/app/api/v1/admin/retention/route"), ""],
    ["GET /api/v1/billing/contracts", () => import("@/app/api/v1/billing/contracts/route"), `month=${month}`],
    ["GET /api/v1/billing/imports", () => import("@/app/api/v1/billing/imports/route"), ""],
    ["GET /api/v1/alerts", () => import("@/app/api/v1/alerts/route"), ""],
    ["GET /api/v1/assessments", () => import("@/app/api/v1/assessments/route"), ""],
    ["GET /api/v1/assessments/evidence", () => import("@/app/api/v1/assessments/evidence/route"), ""],
    ["GET /api/v1/budgets", () => import("@/app/api/v1/budgets/route"), ""],
    ["GET /api/v1/events", () => import("@/app/api/v1/events/route"), "limit=50"],
    ["GET /api/v1/fixed-costs", () => import("@/app/api/v1/fixed-costs/route"), `month=${month}`],
    ["GET /api/v1/guardrails/decisions", () => import("@/app/api/v1/guardrails/decisions/route"), ""],
    ["GET /api/v1/guardrails/policies", () => import("@/app/api/v1/guardrails/policies/route"), ""],
    ["GET /api/v1/metrics/anti-patterns", () => import("@/app/api/v1/metrics/anti-patterns/route"), ""],
    ["GET /api/v1/metrics/cost-per-interaction", () => import("@/app/api/v1/metrics/cost-per-interaction/route"), "group_by=feature"],
    ["GET /api/v1/metrics/freemium-trap", () => import("@/app/api/v1/metrics/freemium-trap/route"), ""],
    ["GET /api/v1/metrics/overview", () => import("@/app/api/v1/metrics/overview/route"), "stack_by=feature"],
    ["GET /api/v1/metrics/token-efficiency", () => import("@/app/api/v1/metrics/token-efficiency/route"), "group_by=team"],
    ["GET /api/v1/metrics/unit-economics", () => import("@/app/api/v1/metrics/unit-economics/route"), ""],
    ["GET /api/v1/opportunities", () => import("@/app/api/v1/opportunities/route"), ""],
    ["GET /api/v1/policy-drafts", () => import("@/app/api/v1/policy-drafts/route"), ""],
    ["GET /api/v1/price-book/catalog", () => import("@/app/api/v1/price-book/catalog/route"), "q=gpt&limit=20"],
    ["GET /api/v1/price-book/history", () => import("@/app/api/v1/price-book/history/route"), ""],
    ["GET /api/v1/price-book/overrides", () => import("@/app/api/v1/price-book/overrides/route"), ""],
    ["GET /api/v1/reports/chargeback", () => import("@/app/api/v1/reports/chargeback/route"), `month=${month}`],
    ["GET /api/v1/reports/reconciliation", () => import("@/app/api/v1/reports/reconciliation/route"), `month=${month}`],
    ["GET /api/v1/settings/features", () => import("@/app/api/v1/settings/features/route"), ""],
    ["GET /api/v1/settings/tiers", () => import("@/app/api/v1/settings/tiers/route"), ""],
    ["GET /api/v1/webhooks", () => import("@/app/api/v1/webhooks/route"), ""],
  ];
  test.each(cases)("%s", async (name, load, qs) => {
    const ep = endpoints[name as keyof typeof endpoints];
    const body = await call(await load(), "GET", `${ep.path}?${qs}`);
    // the wrapper already checked; check again here so the test does not depend on NODE_ENV
    assertMatchesContract(ep.response!, body, name);
    expect(Object.keys(body as object).length).toBeGreaterThan(0);
  });
});

describe("writes answer their response schema", () => {
  test("budget, webhook, fixed cost, override, tier and feature settings, chargeback mode: create, list, delete", async () => {
    const budgets = await import("@/app/api/v1/budgets/route");
    const b = await call(budgets, "POST", "/api/v1/budgets", {
      body: { scope: "team", scope_ref: "contract-team", monthly_limit_usd: "100", confirm_unknown: true },
    });
    assertMatchesContract(endpoints["POST /api/v1/budgets"].response!, b, "POST budgets");
    const del = await call(await import("@/app/api/v1/budgets/[id]/route"), "DELETE", `/api/v1/budgets/${b.id}`, { params: { id: b.id } });
    expect(del).toEqual({ id: b.id, deleted: true });

    const hooks = await import("@/app/api/v1/webhooks/route");
    // the outbound guard resolves the URL when it is saved: an allow-listed loopback address
    // (nothing listens on port 9) keeps the test off the network and off DNS
    setOutbound({ SPENDLINE_OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const w = await call(hooks, "POST", "/api/v1/webhooks", { body: { url: "http://127.0.0.1:9/spendline" } }).finally(() =>
      setOutbound({}),
    );
    expect(w.secret).toMatch(/.{16,}/);
    const list = await call(hooks, "GET", "/api/v1/webhooks");
    expect(list.webhooks.map((x: { id: string }) => x.id)).toContain(w.id);

    const fc = await call(await import("@/app/api/v1/fixed-costs/route"), "POST", "/api/v1/fixed-costs", {
      body: { name: "Contract GPU", amount_usd: "10", period_start: `${month}-01`, period_end: "2999-01-01", allocation: { rule: "even" } },
    });
    expect(fc.allocation).toEqual({ rule: "even" });

    const ov = await call(await import("@/app/api/v1/price-book/overrides/route"), "POST", "/api/v1/price-book/overrides", {
      body: { model: "contract-model", kind: "discount", discount_percent: "10", effective_from: "2999-01-01" },
    });
    expect(ov.job_id).toBeNull();

    const tier = await call(await import("@/app/api/v1/settings/tiers/[tier]/route"), "PUT", "/api/v1/settings/tiers/contract", {
      body: { predicted_ltv_usd: "2.5" },
      params: { tier: "contract" },
    });
    expect(tier).toMatchObject({ tier: "contract", predicted_ltv_usd: "2.500000", source: "settings" });

    const mode = await call(await import("@/app/api/v1/reports/chargeback/mode/route"), "PUT", "/api/v1/reports/chargeback/mode", {
      body: { mode: "showback" },
    });
    expect(mode).toEqual({ mode: "showback" });
  });

  test("billing, reconciliation, opportunities and policy drafts answer their schemas with data in them", async () => {
    const [y, m] = month.split("-").map(Number);
    const lastMonth = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    const check = (name: keyof typeof endpoints, body: unknown) => assertMatchesContract(endpoints[name].response!, body, name);

    const imports = await call(await import("@/app/api/v1/billing/imports/route"), "GET", "/api/v1/billing/imports");
    expect(imports.imports.length).toBeGreaterThan(0);
    const contractsRoute = await import("@/app/api/v1/billing/contracts/route");
    const contracts = await call(contractsRoute, "GET", `/api/v1/billing/contracts?month=${month}`);
    expect(contracts.commitments.length + contracts.quotas.length + contracts.capacity.length).toBeGreaterThan(0);
    const created = await call(contractsRoute, "POST", "/api/v1/billing/contracts", {
      body: { type: "quota", provider: "openai", unit: "usd", monthly_limit: "500" },
    });
    check("POST /api/v1/billing/contracts", created);

    const recon = await call(
      await import("@/app/api/v1/reports/reconciliation/route"),
      "GET",
      `/api/v1/reports/reconciliation?month=${lastMonth}`,
    );
    expect(recon.providers.length).toBeGreaterThan(0);
    check("GET /api/v1/reports/reconciliation", recon);
    const trueUpRoute = await import("@/app/api/v1/billing/true-up/route");
    const applied = await call(trueUpRoute, "POST", "/api/v1/billing/true-up", {
      body: { month: lastMonth, allocation: { rule: "proportional" } },
    });
    check("POST /api/v1/billing/true-up", applied);
    const chargeback = await call(
      await import("@/app/api/v1/reports/chargeback/route"),
      "GET",
      `/api/v1/reports/chargeback?month=${lastMonth}`,
    );
    expect(chargeback.true_up_usd).toBe(applied.amount_usd);
    check("GET /api/v1/reports/chargeback", chargeback);
    const removed = await call(trueUpRoute, "DELETE", `/api/v1/billing/true-up?month=${lastMonth}`);
    expect(removed).toEqual({ month: lastMonth, removed: true });

    const opps = await call(await import("@/app/api/v1/opportunities/route"), "GET", "/api/v1/opportunities");
    expect(opps.opportunities.length).toBeGreaterThan(0);
    const draftsRoute = await import("@/app/api/v1/policy-drafts/route");
    const draft = await call(draftsRoute, "POST", "/api/v1/policy-drafts", { body: { opportunity_id: opps.opportunities[0].id } });
    check("POST /api/v1/policy-drafts", draft);
    const drafts = await call(draftsRoute, "GET", "/api/v1/policy-drafts?status=draft");
    expect(drafts.drafts.map((d: { id: string }) => d.id)).toContain(draft.id);

    // an admin (signed in: never an API key) approves it
    const { organizationId } = await db().policyDraft.findUniqueOrThrow({ where: { id: draft.id } });
    const admin = await db().membership.findFirstOrThrow({
      where: { role: "ADMIN", organizationId },
      include: { user: true, organization: true },
    });
    session.member = {
      userId: admin.userId,
      email: admin.user.email,
      name: admin.user.name,
      organizationId: admin.organizationId,
      orgSlug: admin.organization.slug,
      orgName: admin.organization.name,
      role: admin.role,
      teamName: admin.teamName,
    };
    const decideRoute = (await import("@/app/api/v1/policy-drafts/[id]/route")) as unknown as Record<string, Handler>;
    const res = await decideRoute.POST(
      new NextRequest(`http://spendline.test/api/v1/policy-drafts/${draft.id}`, {
        method: "POST",
        body: JSON.stringify({ decision: "approve" }),
        // a signed-in write proves same origin, as browsers do (CSRF, docs/security.md)
        headers: { "content-type": "application/json", origin: "http://spendline.test" },
      }),
      { params: Promise.resolve({ id: draft.id }) },
    );
    session.member = null;
    const decided = await res.json();
    expect(res.status, JSON.stringify(decided)).toBe(200);
    check("POST /api/v1/policy-drafts/{id}", decided);
    expect(decided.status).toMatch(/^(applied|approved)$/);
  });

  test("a response that breaks its schema is a 500 naming the field, outside production", async () => {
    const { apiRoute } = await import("@/lib/api/route");
    const broken = apiRoute(
      endpoints["GET /api/v1/settings/tiers"],
      async () => ({ tiers: [{ tier: "free", predicted_ltv_usd: 1.5 }] }) as never,
    );
    const res = await broken(
      new NextRequest("http://spendline.test/api/v1/settings/tiers", { headers: { authorization: `Bearer ${key}` } }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(res.status).toBe(500);
  });
});
