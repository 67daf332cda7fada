import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { db } from "@/lib/db";
import { memberFor, type Member } from "@/lib/auth/session";
import { answerAsApi } from "@/lib/api/readers";
import { filterDefaultsOf, filterParams, FILTER_KEYS } from "@/components/filters/url-params";
import { FILTER_BAR_QUERIES, metricQuery } from "@/components/metrics/first-paint";

/**
 * The dashboards' first paint (components/metrics/dashboard-page.tsx) is the API's answer: for
 * the queries the pages prefetch, answerAsApi gives exactly the bytes the route sends to the
 * browser for the same signed-in member, and nothing where the route refuses.
 */
let current: Member | null = null;
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => current,
}));

useTestDatabase();

const NOW = new Date("2026-06-15T12:00:00.000Z");
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let lead: Member;
let admin: Member;

async function routeAnswer(who: Member, apiPath: string, params: Record<string, string>) {
  current = who;
  const file = path.join(__dirname, "..", "..", "app", apiPath.replace(/^\//, ""), "route.ts");
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const qs = new URLSearchParams(params).toString();
  const res = await mod.GET(new NextRequest(`http://spendline.test${apiPath}${qs ? `?${qs}` : ""}`), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  const seeded = await seedDemo({ now: NOW, days: 20 });
  const of = async (email: string) =>
    (await memberFor((await db().user.findUniqueOrThrow({ where: { email } })).id, seeded.organizationId))!;
  lead = await of("lead@demo.spendline.dev");
  admin = await of("admin@demo.spendline.dev");
}, 600_000);

afterAll(() => {
  vi.useRealTimers();
});

const get = (sp: Record<string, string>) => (k: string) => sp[k];

test("the URL's filters on the server are the client's: a lead's own team by default, team=all, a date off the calendar ignored", () => {
  const leadDefaults = filterDefaultsOf({ role: "ENGINEERING_LEAD", teamName: "support" });
  expect(filterParams(get({}), FILTER_KEYS, leadDefaults).params).toEqual({ team: "support" });
  expect(filterParams(get({ team: "all" }), FILTER_KEYS, leadDefaults).params).toEqual({});
  expect(filterParams(get({ team: "growth", feature: "" }), FILTER_KEYS, leadDefaults).params).toEqual({ team: "growth" });
  const bad = filterParams(get({ from: "2026-13-45", model: "gpt-4o" }), FILTER_KEYS, filterDefaultsOf({ role: "ADMIN", teamName: null }));
  expect(bad.params).toEqual({ model: "gpt-4o" });
  expect(bad.ignored).toEqual({ from: "2026-13-45" });
});

test("each query a dashboard prefetches is answered byte for byte as the route answers the browser", async () => {
  const leadTeam = filterParams(get({}), FILTER_KEYS, filterDefaultsOf(lead)).params;
  const queries: [Member, ReturnType<typeof metricQuery>][] = [
    ...Object.values(FILTER_BAR_QUERIES).map((q) => [admin, q] as [Member, typeof q]),
    [admin, metricQuery("overview", {})],
    [lead, metricQuery("overview", { ...leadTeam, stack_by: "feature" })],
    [admin, metricQuery("unpriced", { from: "2026-06-01", to: "2026-06-15" })],
    [admin, metricQuery("cost-per-interaction", { group_by: "feature", tier: "free" })],
    [admin, metricQuery("token-efficiency", { group_by: "team" })],
    [admin, metricQuery("freemium-trap", { as_of: "2026-06-01" })],
    [lead, metricQuery("unit-economics", leadTeam)],
    // the coding-agent shift findings follow the caller's scope, on both paths
    [lead, metricQuery("anti-patterns", leadTeam)],
    [admin, metricQuery("anti-patterns", {})],
  ];
  for (const [who, q] of queries) {
    const route = await routeAnswer(who, q.path, q.params);
    expect(route.status, `${q.path} ${JSON.stringify(q.params)}`).toBe(200);
    const first = await answerAsApi(q.path, { organizationId: who.organizationId, member: who, role: who.role }, q.params);
    expect(JSON.stringify(first), `${q.path} ${JSON.stringify(q.params)}`).toBe(route.body);
  }
}, 300_000);

test("where the route refuses, the first paint has nothing and the client asks the API (and shows its error)", async () => {
  const principal = { organizationId: admin.organizationId, member: admin, role: admin.role };
  const bad = metricQuery("token-efficiency", { group_by: "nope" });
  expect((await routeAnswer(admin, bad.path, bad.params)).status).toBe(400);
  expect(await answerAsApi(bad.path, principal, bad.params)).toBeNull();
  expect(await answerAsApi("/api/v1/metrics/overview", principal, { feature: "a\u0000b" })).toBeNull();
  expect(await answerAsApi("/api/v1/budgets", principal, {})).toBeNull(); // no reader: not a first-paint query
});
