import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { endpoints } from "@/lib/api/endpoints";

/**
 * The API's answers on the demo data, byte for byte, at a fixed clock: a refactor that is meant
 * to change nothing must leave tests/api/golden/demo-api.txt as it is. A change on purpose
 * regenerates it (`UPDATE_GOLDEN=1 npx vitest run tests/api/demo-json.test.ts`) and the diff
 * shows, field by field, what a user of the API will see change.
 *
 * The clock is faked (JavaScript's Date only) at NOW, far from the real date, so that values the
 * database stamps itself (row ids, `created_at` defaults) are the only volatile ones: they are
 * replaced by placeholders below, numbered in order of appearance so that equal ids stay equal.
 */
// API-key calls never read a session; session-only endpoints answer 401 here, as they would to a key
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => null,
}));

useTestDatabase();

const NOW = new Date("2026-06-15T12:00:00.000Z");
const GOLDEN = path.join(__dirname, "golden", "demo-api.txt");
const month = "2026-06";
const lastMonth = "2026-05";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let key = "";

/** The GETs of the contract that an API key may call (no path parameter), with the query strings the pages use. */
const calls: [keyof typeof endpoints, string][] = [
  ["GET /api/v1/events", "limit=50"],
  ["GET /api/v1/events", "limit=20&feature=support_chatbot&format=csv"],
  ["GET /api/v1/metrics/overview", "stack_by=feature"],
  ["GET /api/v1/metrics/overview", "stack_by=team&from=2026-04-01&to=2026-06-15"],
  ["GET /api/v1/metrics/unpriced", ""],
  ["GET /api/v1/metrics/dimensions", ""],
  ["GET /api/v1/metrics/cost-per-interaction", "group_by=feature"],
  ["GET /api/v1/metrics/cost-per-interaction", "group_by=feature&tier=free&from=2026-04-01&to=2026-06-15"],
  ["GET /api/v1/metrics/token-efficiency", "group_by=team"],
  ["GET /api/v1/metrics/token-efficiency", "group_by=feature&team=support"],
  ["GET /api/v1/metrics/freemium-trap", ""],
  ["GET /api/v1/metrics/freemium-trap", "as_of=2026-06-01"],
  ["GET /api/v1/metrics/unit-economics", ""],
  ["GET /api/v1/metrics/anti-patterns", ""],
  ["GET /api/v1/settings/features", ""],
  ["GET /api/v1/settings/tiers", ""],
  ["GET /api/v1/budgets", ""],
  ["GET /api/v1/alerts", ""],
  ["GET /api/v1/webhooks", ""],
  ["GET /api/v1/guardrails/snapshot", ""],
  ["GET /api/v1/guardrails/decisions", ""],
  ["GET /api/v1/guardrails/policies", ""],
  ["GET /api/v1/fixed-costs", `month=${month}`],
  ["GET /api/v1/reports/chargeback", `month=${lastMonth}`],
  ["GET /api/v1/reports/chargeback", `month=${lastMonth}&format=csv`],
  ["GET /api/v1/exports/focus", `month=${lastMonth}`],
  ["GET /api/v1/billing/imports", ""],
  ["GET /api/v1/billing/contracts", `month=${month}`],
  ["GET /api/v1/reports/reconciliation", `month=${lastMonth}`],
  ["GET /api/v1/opportunities", ""],
  ["GET /api/v1/policy-drafts", ""],
  ["GET /api/v1/price-book/catalog", "q=claude&limit=10"],
  ["GET /api/v1/price-book/overrides", ""],
  ["GET /api/v1/price-book/history", ""],
  ["GET /api/v1/assessments", ""],
  ["GET /api/v1/assessments/evidence", ""],
  ["GET /api/v1/admin/api-keys", ""],
  ["GET /api/v1/admin/retention", ""],
];

function routeFile(apiPath: string): string {
  return path.join(__dirname, "..", "..", "app", apiPath.replace(/^\//, ""), "route.ts");
}

async function answer(name: keyof typeof endpoints, qs: string): Promise<string> {
  const ep = endpoints[name];
  const mod = (await import(/* @vite-ignore */ routeFile(ep.path))) as Record<string, Handler>;
  const req = new NextRequest(`http://spendline.test${ep.path}${qs ? `?${qs}` : ""}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const res = await mod.GET(req, { params: Promise.resolve({}) });
  const type = res.headers.get("content-type") ?? "";
  const body = await res.text();
  const shown = type.includes("json") ? JSON.stringify(JSON.parse(body), null, 1) : body;
  return `### ${name}?${qs}\nstatus ${res.status} ${type}\n${shown}\n`;
}

/** Database-made values (cuids, API key material, hashes over them, timestamps stamped by the real clock), and float noise. */
function normalise(text: string, realNow: number): string {
  const seen = new Map<string, string>();
  const label = (kind: string, v: string) => {
    if (!seen.has(v)) seen.set(v, `<${kind}:${seen.size + 1}>`);
    return seen.get(v)!;
  };
  return (
    text
      .replace(/\bc[a-z0-9]{24}\b/g, (v) => label("id", v))
      .replace(/\bsl_[A-Za-z0-9_-]{6,}/g, (v) => label("key", v))
      // the policy snapshot's version hashes its body, which holds row ids
      .replace(/"version": "[A-Za-z0-9_-]{22}"/g, (v) => label("version", v))
      // binary-float ratios (never money: money is a string) may differ in the last digits between
      // PostgreSQL and the embedded database's summation order; twelve significant digits are kept
      .replace(
        /^(\s+"[^"]+": |\s+)(-?\d+\.\d{13,})(,?)$/gm,
        (_, pre: string, v: string, comma: string) => `${pre}${Number(Number(v).toPrecision(12))}${comma}`,
      )
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (v) =>
        Math.abs(Date.parse(v) - realNow) < 6 * 3_600_000 ? label("db-now", v) : v,
      )
  );
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  const seeded = await seedDemo({ now: NOW, days: 60 });
  key = (
    await issueApiKey(seeded.organizationId, { name: "golden", scopes: ["read", "admin", "ingest"] }, { userId: null, apiKeyId: null })
  ).key;
}, 600_000);

afterAll(() => {
  vi.useRealTimers();
});

test("the API's answers on the demo data are byte-identical to the golden file", async () => {
  const parts: string[] = [];
  for (const [name, qs] of calls) parts.push(await answer(name, qs));
  vi.useRealTimers();
  const actual = normalise(parts.join("\n"), Date.now());
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
    fs.writeFileSync(GOLDEN, actual);
  }
  const expected = fs.existsSync(GOLDEN) ? fs.readFileSync(GOLDEN, "utf8") : "";
  if (actual !== expected) fs.writeFileSync(`${GOLDEN}.actual`, actual);
  expect(actual === expected, `differs from ${GOLDEN}: diff it against ${GOLDEN}.actual`).toBe(true);
}, 300_000);
