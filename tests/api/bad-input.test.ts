import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import type { ZodType } from "zod";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { endpoints } from "@/lib/api/endpoints";
import type { Member } from "@/lib/auth/session";

/**
 * Issue 19 item 11: bad input is a 4xx with a message, never a 500. The sweep takes every GET
 * endpoint of the contract (lib/api/endpoints.ts, not a hand-typed list) and sends NUL bytes,
 * a malformed percent-encoding and an impossible date in each query and path parameter.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => session.member,
}));

useTestDatabase();

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes = import.meta.glob("/app/api/v1/**/route.ts");
const SYSTEM = { userId: null, apiKeyId: null };
let key = "";
let orgId = "";

beforeAll(async () => {
  const org = await createOrganization("bad-input", "Bad input");
  orgId = org.id;
  key = (await issueApiKey(orgId, { name: "all", scopes: ["read", "admin", "ingest"] }, SYSTEM)).key;
  const user = await db().user.create({ data: { email: "admin@bad-input.test", name: "Ada", passwordHash: "x" } });
  await db().membership.create({ data: { organizationId: orgId, userId: user.id, role: "ADMIN" } });
  session.member = {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: orgId,
    orgSlug: org.slug,
    orgName: org.name,
    role: "ADMIN",
    teamName: null,
  };
});

async function handlerFor(method: string, apiPath: string): Promise<Handler> {
  const file = `/app${apiPath.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const load = routes[file];
  if (!load) throw new Error(`no route file ${file} for ${method} ${apiPath}`);
  return ((await load()) as Record<string, Handler>)[method];
}

function queryKeys(schema: ZodType | undefined): string[] {
  if (!schema) return [];
  const s = schema as unknown as { shape?: Record<string, unknown>; _zod?: { def?: { in?: { shape?: Record<string, unknown> } } } };
  return Object.keys(s.shape ?? s._zod?.def?.in?.shape ?? {});
}

async function call(method: string, apiPath: string, params: Record<string, string>, query: string, opts: { body?: unknown } = {}) {
  const handler = await handlerFor(method, apiPath);
  const url = `http://spendline.test${apiPath.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(params[k]))}${query}`;
  const e = endpoints[`${method} ${apiPath}` as keyof typeof endpoints] as { auth?: string };
  const headers: Record<string, string> = e.auth === "session" ? { origin: "http://spendline.test" } : { authorization: `Bearer ${key}` };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(
    new NextRequest(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
    { params: Promise.resolve(params) },
  );
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

const BAD = ["a\u0000b", "\u0000", "100%zz", "2026-13-45", "%E0%A4%A"];
const gets = Object.values(endpoints).filter((e) => e.method === "GET" && e.path !== "/api/v1/reports/board");

describe("every GET endpoint of the contract: malformed values are 4xx, never 500", () => {
  test("the sweep covers the contract", () => {
    expect(gets.length).toBeGreaterThan(30);
  });

  test.each(gets.map((e) => [`${e.method} ${e.path}`, e] as const))("%s", async (_n, e) => {
    const names = [...new Set([...queryKeys(e.query as ZodType | undefined), "from", "team"])];
    const pathKeys = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const failures: string[] = [];
    for (const bad of BAD) {
      const okParams = Object.fromEntries(pathKeys.map((k) => [k, "nope"]));
      for (const name of names) {
        const r = await call("GET", e.path, okParams, `?${new URLSearchParams({ [name]: bad })}`);
        if (r.status >= 500) failures.push(`?${name}=${JSON.stringify(bad)} → ${r.status} ${r.text.slice(0, 200)}`);
        else if (r.status >= 400) expect(JSON.parse(r.text).error.message, `${name}=${JSON.stringify(bad)}`).toBeTruthy();
      }
      for (const k of pathKeys) {
        const r = await call("GET", e.path, { ...okParams, [k]: bad }, "");
        if (r.status >= 500) failures.push(`{${k}}=${JSON.stringify(bad)} → ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("a NUL byte is refused with a message naming the parameter", async () => {
    const r = await call("GET", "/api/v1/events", {}, `?${new URLSearchParams({ team: "plat\u0000form" })}`);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.issues).toEqual([{ path: "team", message: expect.stringMatching(/NUL byte/) }]);
  });
});

describe("writes", () => {
  test("a NUL byte anywhere in a JSON body is a 400 naming the field", async () => {
    const r = await call("POST", "/api/v1/budgets", {}, "", {
      body: { scope: "team", scope_ref: "plat\u0000form", monthly_limit_usd: "100", confirm_unknown: true },
    });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/scope_ref.*NUL byte/);
  });

  test.each([
    [
      "a fixed cost of 1e308",
      "POST",
      "/api/v1/fixed-costs",
      { name: "x", amount_usd: 1e308, period_start: "2026-01-01", period_end: "2026-02-01", allocation: { rule: "even" } },
    ],
    [
      "a fixed cost of 10^20 as text",
      "POST",
      "/api/v1/fixed-costs",
      { name: "x", amount_usd: "1" + "0".repeat(20), period_start: "2026-01-01", period_end: "2026-02-01", allocation: { rule: "even" } },
    ],
    ["a budget of 1e308", "POST", "/api/v1/budgets", { scope: "org", monthly_limit_usd: 1e308 }],
    [
      "a commitment floor of 10^13",
      "POST",
      "/api/v1/billing/contracts",
      {
        type: "commitment",
        provider: "openai",
        name: "c",
        period_start: "2026-01-01",
        period_end: "2027-01-01",
        monthly_floor_usd: "1" + "0".repeat(13),
        discount: "0.1",
      },
    ],
  ] as const)("%s is a 400 saying the bound", async (_n, method, p, body) => {
    const r = await call(method, p, {}, "", { body });
    expect(r.status, r.text).toBe(400);
    expect(r.text).toMatch(/12 digits before the point/);
  });

  test("a tiny amount given as a JSON number is kept as the decimal it was written as", async () => {
    const r = await call("POST", "/api/v1/fixed-costs", {}, "", {
      body: { name: "tiny", amount_usd: 1e-7, period_start: "2026-01-01", period_end: "2026-02-01", allocation: { rule: "even" } },
    });
    expect(r.status, r.text).toBeLessThan(300);
    const row = await db().fixedCost.findFirstOrThrow({ where: { organizationId: orgId, name: "tiny" } });
    expect(row.amountUsd.toFixed(12)).toBe("0.000000100000");
  });

  test("a billing file with an amount of 1e308 is a 400 naming the amount, and stores nothing", async () => {
    const costs = fs.readFileSync(path.join(__dirname, "..", "billing", "fixtures", "openai-costs.json"), "utf8");
    const handler = await handlerFor("POST", "/api/v1/billing/imports");
    const res = await handler(
      new NextRequest("http://spendline.test/api/v1/billing/imports?source=openai_costs&account=huge", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: costs.replace('"value": 0.5', '"value": 1e308'),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/out of range/);
    expect(await db().invoiceLine.count({ where: { organizationId: orgId } })).toBe(0);
  });

  test.each([
    ["a feature with no policy", "support_bot"],
    ["a malformed percent-encoding (100%25zz decoded once by Next.js)", "100%zz"],
  ])("clearing an anomaly for %s is a 404 saying so", async (_n, feature) => {
    const r = await call("POST", "/api/v1/guardrails/policies/{feature}/clear-anomaly", { feature }, "");
    expect(r.status, r.text).toBe(404);
    expect(JSON.parse(r.text).error.message).toMatch(/no guardrail policy/);
  });
});
