import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { shiftScope } from "@/lib/metrics/get-anti-patterns";
import { getOpportunities } from "@/lib/opportunities/get-opportunities";

/**
 * The seventh anti-pattern through GET /api/v1/metrics/anti-patterns on the demo data: support's
 * coding agent's CI runs grow ~130 % in six weeks at a flat $0.85 a run, and four weeks ago
 * platform's shared runners started paying for them (lib/demo/seed-agents.ts).
 */
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => null,
}));

useTestDatabase();
const NOW = new Date("2026-06-15T12:00:00.000Z");
let orgId = "";
const keys = { admin: "", read: "" };

type Finding = {
  detector: string;
  subject: string;
  fired: boolean;
  severity: string;
  signal: string;
  evidence: Record<string, number | string | null>;
  evidence_units: Record<string, string>;
  sparkline: number[];
  link: string;
};

async function antiPatterns(key: string, qs = ""): Promise<{ status: number; findings: Finding[] }> {
  const mod = await import(/* @vite-ignore */ path.join(__dirname, "../../app/api/v1/metrics/anti-patterns/route.ts"));
  const res: Response = await mod.GET(
    new NextRequest(`http://spendline.test/api/v1/metrics/anti-patterns${qs ? `?${qs}` : ""}`, {
      headers: { authorization: `Bearer ${key}` },
    }),
    { params: Promise.resolve({}) },
  );
  const body = await res.json();
  return { status: res.status, findings: body.findings ?? [] };
}
const shifts = (fs: Finding[]) => fs.filter((f) => f.detector === "coding_agent_shift");

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  orgId = (await seedDemo({ now: NOW, days: 60 })).organizationId;
  const sys = { userId: null, apiKeyId: null };
  keys.admin = (await issueApiKey(orgId, { name: "admin", scopes: ["read", "admin"] }, sys)).key;
  keys.read = (await issueApiKey(orgId, { name: "read", scopes: ["read"] }, sys)).key;
}, 600_000);
afterAll(() => vi.useRealTimers());

describe("the shift detector in the anti-patterns read", () => {
  test("support's agent CI bill: volume-driven growth at a flat cost per run, moved to platform — in figures, with units", async () => {
    const r = await antiPatterns(keys.admin);
    expect(r.status).toBe(200);
    const support = shifts(r.findings).find((f) => f.subject === "Agent CI runs — support");
    expect(support, JSON.stringify(shifts(r.findings).map((f) => f.subject))).toBeDefined();
    const f = support!;
    expect(f).toMatchObject({ fired: true, severity: "critical", link: "/coding-agents?month=2026-06" });
    // 2026-06-15 is a Monday: the six whole weeks are 2026-05-04 … 2026-06-14
    expect(f.evidence.compared).toBe("2026-05-04 – 2026-05-17 vs 2026-06-01 – 2026-06-14 (whole weeks)");
    const e = f.evidence as Record<string, number>;
    expect(e.weekly_cost_after / e.weekly_cost_before).toBeGreaterThan(1.5);
    expect(e.volume_change).toBeGreaterThan(0.4);
    expect(e.cost_per_run_before).toBeCloseTo(0.85, 1);
    expect(e.cost_per_run_after).toBeCloseTo(0.85, 1);
    expect(Math.abs(e.cost_per_run_change)).toBeLessThan(0.02);
    expect(Math.abs(e.cost_per_merged_pr_change)).toBeLessThan(0.15);
    expect(f.evidence).toMatchObject({ owner: "platform", previous_owner: "support", owner_share_before: 0, owner_share_after: 1 });
    expect(Object.keys(f.evidence_units)).toEqual(Object.keys(f.evidence));
    expect(f.evidence_units).toMatchObject({
      weekly_cost_before: "usd",
      cost_per_run_after: "usd",
      volume_change: "ratio",
      owner_share_after: "ratio",
    });
    expect(f.signal).toContain("moved to platform (from support)");
    expect(f.signal).toContain("No saving is priced");
    // the sparkline is the line's daily CI cost over the page's period (30 days by default)
    expect(f.sparkline).toHaveLength(30);
    expect(f.sparkline.some((x) => x > 0)).toBe(true);
  });

  test("a team filter keeps that team's line; feature or model filters leave the coding-agent lines out", async () => {
    expect(shifts((await antiPatterns(keys.admin, "team=support")).findings).map((f) => f.subject)).toEqual(["Agent CI runs — support"]);
    expect(shifts((await antiPatterns(keys.admin, "team=knowledge")).findings)).toEqual([]);
    expect(shifts((await antiPatterns(keys.admin, "feature=support_chatbot")).findings)).toEqual([]);
  });

  test("a read-only key (no coding-agent access) gets the six other detectors only", async () => {
    const r = await antiPatterns(keys.read);
    expect(r.status).toBe(200);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(shifts(r.findings)).toEqual([]);
  });

  test("a shift has no saving to price: the opportunities list holds none", async () => {
    const o = await getOpportunities(orgId, NOW);
    expect(o.opportunities.some((x) => /shift|CI run/i.test(`${x.kind} ${x.title}`))).toBe(false);
    expect(o.opportunities.some((x) => x.kind === "unused_seats")).toBe(true);
  });
});

describe("which lines a caller may see under the page's filters", () => {
  test.each([
    { name: "finance, no filter", agents: { all: true, team: null }, q: {}, out: { all: true, team: null } },
    { name: "finance, team filter", agents: { all: true, team: null }, q: { team: "support" }, out: { all: false, team: "support" } },
    {
      name: "lead, own team filter",
      agents: { all: false, team: "support" },
      q: { team: "support" },
      out: { all: false, team: "support" },
    },
    { name: "lead, another team's filter", agents: { all: false, team: "support" }, q: { team: "platform" }, out: null },
    { name: "feature filter", agents: { all: true, team: null }, q: { feature: "x" }, out: null },
    { name: "model filter", agents: { all: true, team: null }, q: { model: "x" }, out: null },
    { name: "no coding-agent access", agents: null, q: {}, out: null },
  ])("$name", ({ agents, q, out }) => {
    expect(shiftScope(agents, q)).toEqual(out);
  });
});
