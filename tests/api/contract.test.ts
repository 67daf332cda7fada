import { beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import path from "node:path";
import { endpoints, type EndpointKey } from "@/lib/api/endpoints";
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
const root = path.resolve(__dirname, "../..");
const lastMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);

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

/** The query each GET needs (a required parameter, or the view worth checking); the rest are called bare. */
const QUERY: Partial<Record<EndpointKey, string>> = {
  "GET /api/v1/billing/contracts": `month=${month}`,
  "GET /api/v1/coding-agents": `month=${month}`,
  "GET /api/v1/events": "limit=50",
  "GET /api/v1/shadow-ai": `month=${month}`,
  "GET /api/v1/fixed-costs": `month=${month}`,
  "GET /api/v1/metrics/cost-per-interaction": "group_by=feature",
  "GET /api/v1/metrics/overview": "stack_by=feature",
  "GET /api/v1/metrics/token-efficiency": "group_by=team",
  "GET /api/v1/price-book/catalog": "q=gpt&limit=20",
  "GET /api/v1/price-book/margins": `month=${lastMonth}`,
  "GET /api/v1/reports/chargeback": `month=${month}`,
  "GET /api/v1/reports/reconciliation": `month=${lastMonth}`, // the demo invoices are for closed months
};

/** Answers that hold no list with an entry on the demo data, and why that is right. */
const EMPTY_ON_DEMO: Partial<Record<EndpointKey, string>> = {
  "GET /api/v1/admin/invites": "the demo has no pending invitation (tests/auth/invites.test.ts)",
  "GET /api/v1/admin/retention": "the demo keeps raw events (no retention set; tests/storage/retention-route.test.ts)",
  "GET /api/v1/assessments/drafts": "the demo's assessments are all submitted",
  "GET /api/v1/batches": "the demo registers no batch job (tests/guardrails/batch-budgets.test.ts)",
  "GET /api/v1/guardrails/decisions": "the demo records no guardrail check (tests/guardrails)",
  "GET /api/v1/policy-drafts": "drafts are made from opportunities by a write (the test below)",
  "GET /api/v1/price-book/margins":
    "the demo sets no margin rule, so no team is recharged above provider cost (tests/ingestion/prices.test.ts)",
  "GET /api/v1/price-book/history": "the demo sets no price override (the test below makes one)",
  "GET /api/v1/price-book/endpoint-windows":
    "the demo records no running window of a time-priced endpoint (tests/chargeback/endpoint-time.test.ts)",
  "GET /api/v1/price-book/overrides": "the demo sets no price override (the test below makes one)",
  "GET /api/v1/webhooks": "the demo registers no webhook (the test below makes one)",
};

/** An id for each path parameter, found (or made) in the demo organisation. */
async function paramsFor(name: EndpointKey, organizationId: string): Promise<Record<string, string>> {
  switch (name) {
    case "GET /api/v1/assessments/{id}":
      return { id: (await db().assessment.findFirstOrThrow({ where: { organizationId } })).id };
    case "GET /api/v1/jobs/{id}":
      return {
        id: (await db().backgroundJob.create({ data: { organizationId, kind: "restatement", status: "done", total: 3, processed: 3 } })).id,
      };
    case "GET /api/v1/billing/imports/progress/{id}":
      return {
        id: (
          await db().billingImportJob.create({
            data: {
              organizationId,
              id: "contract-import",
              account: "acct",
              source: "focus",
              status: "done",
              phase: "done",
              processed: 2,
              total: 2,
            },
          })
        ).id,
      };
    default:
      return {};
  }
}

/**
 * True when some list anywhere in the answer has an entry, or some map of rows (an object whose
 * values are all objects, e.g. features by name) has one: an answer of empty lists proves little.
 */
function holdsData(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (!v || typeof v !== "object") return false;
  const values = Object.values(v);
  if (values.length > 0 && values.every((x) => x && typeof x === "object" && !Array.isArray(x))) return true;
  return values.some(holdsData);
}

describe("every GET endpoint with a JSON answer (from `endpoints`) answers its response schema with data, on the demo data", () => {
  // exports/focus (CSV) and reports/board (HTML/PDF) have no JSON response schema: tests/chargeback, tests/reports
  const gets = (Object.keys(endpoints) as EndpointKey[]).filter((k) => endpoints[k].method === "GET" && endpoints[k].response);

  test("the lists above name only GET endpoints", () => {
    for (const k of [...Object.keys(QUERY), ...Object.keys(EMPTY_ON_DEMO)]) expect(gets, k).toContain(k);
  });

  test.each(gets)("%s", async (name) => {
    const ep = endpoints[name];
    const { organizationId } = await db().apiKey.findFirstOrThrow({ where: { name: "contract" } });
    const params = await paramsFor(name, organizationId);
    const route = path.join(root, "app", ep.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
    const url = ep.path.replace(/\{(\w+)\}/g, (_, p: string) => params[p]);
    // people-only reads (auth "session") run as the organisation's admin, signed in
    if (ep.auth === "session") session.member = await adminOf(organizationId);
    try {
      const body = await call(await import(route), "GET", `${url}?${QUERY[name] ?? ""}`, { params });
      // the wrapper already checked; check again here so the test does not depend on NODE_ENV
      assertMatchesContract(ep.response!, body, name);
      // one resource by id: the one asked for
      if (params.id) expect((body as { id?: string }).id).toBe(params.id);
      else if (EMPTY_ON_DEMO[name] === undefined)
        expect(holdsData(body), `${name} answered no list with an entry: ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
    } finally {
      session.member = null;
    }
  });
});

async function adminOf(organizationId: string): Promise<Member> {
  const admin = await db().membership.findFirstOrThrow({
    where: { role: "ADMIN", organizationId },
    include: { user: true, organization: true },
  });
  return {
    userId: admin.userId,
    email: admin.user.email,
    name: admin.user.name,
    organizationId: admin.organizationId,
    orgSlug: admin.organization.slug,
    orgName: admin.organization.name,
    role: admin.role,
    teamName: admin.teamName,
  };
}

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
    const { organizationId } = await db().apiKey.findFirstOrThrow({ where: { name: "contract" } });
    session.member = await adminOf(organizationId);
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
