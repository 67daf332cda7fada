import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { setOutbound } from "../helpers/outbound";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { importAgentFile } from "@/lib/coding-agents/import-agent-usage";
import { importPeopleMapping, ingestOutcomes } from "@/lib/coding-agents/people-and-outcomes";
import { configureAgentConnector, syncAgentConnector } from "@/lib/coding-agents/sync-agent-connector";
import { getCodingAgents } from "@/lib/coding-agents/get-coding-agents";
import { agentScope } from "@/lib/coding-agents/scope";
import { formatUsd6 } from "@/lib/money";
import { computeLiveChargeback } from "@/lib/chargeback/get-chargeback";
import { agentFetch } from "@/lib/coding-agents/agent-fetch";
import { assertMatchesContract } from "@/lib/api/route-contract";
import { endpoints } from "@/lib/api/endpoints";

useTestDatabase();
const actor = { userId: null, apiKeyId: null };

// Claude Code usage report records, in the documented shape (amount in cents)
const claudeRecord = (email: string, day: string, cents: number, model = "claude-sonnet-4-5") => ({
  date: `${day}T00:00:00Z`,
  actor: { type: "user_actor", email_address: email },
  organization_id: "org-1",
  customer_type: "api",
  terminal_type: "vscode",
  core_metrics: { num_sessions: 3, lines_of_code: { added: 120, removed: 7 }, commits_by_claude_code: 2, pull_requests_by_claude_code: 1 },
  tool_actions: { edit_tool: { accepted: 10, rejected: 1 } },
  model_breakdown: [
    {
      model,
      tokens: { input: 1000, output: 500, cache_read: 20000, cache_creation: 300 },
      estimated_cost: { currency: "USD", amount: cents },
    },
  ],
});
const claudeFile = (recs: unknown[]) => JSON.stringify({ data: recs, has_more: false, next_page: null });
const seats = (logins: [string, string | null][]) => ({
  total_seats: logins.length,
  seats: logins.map(([login, last]) => ({
    created_at: "2026-01-01T00:00:00Z",
    last_activity_at: last,
    last_activity_editor: "vscode",
    plan_type: "business",
    pending_cancellation_date: null,
    assignee: { login, id: 1, type: "User" },
  })),
});

describe("file imports, in each provider's documented format", () => {
  test("Claude Code: cents become exact dollars; re-import of the same day changes nothing; unmapped people are listed", async () => {
    const org = await createOrganization("ca-claude", "CA");
    const text = claudeFile([claudeRecord("Ana@Acme.dev", "2026-11-03", 1234.5), claudeRecord("bo@acme.dev", "2026-11-03", 99)]);
    const first = await importAgentFile(org.id, { account: "anthropic", source: "claude_code_usage", text, via: "upload" }, actor);
    expect(first).toMatchObject({
      period_start: "2026-11-03",
      period_end: "2026-11-03",
      lines: 2,
      cost_usd: "13.335000000000",
      unchanged: false,
    });
    expect(first.unmapped_people).toEqual(["ana@acme.dev", "bo@acme.dev"]);
    assertMatchesContract(endpoints["POST /api/v1/coding-agents/imports"].response!, first, "import");
    const again = await importAgentFile(org.id, { account: "anthropic", source: "claude_code_usage", text, via: "upload" }, actor);
    expect(again.unchanged).toBe(true);
    expect(again.diff).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 2 });
    // a restated day replaces the stored one and says what moved
    const restated = await importAgentFile(
      org.id,
      {
        account: "anthropic",
        source: "claude_code_usage",
        text: claudeFile([claudeRecord("ana@acme.dev", "2026-11-03", 2000)]),
        via: "upload",
      },
      actor,
    );
    expect(restated.diff).toMatchObject({ changed: 1, removed: 1, cost_delta_usd: "6.665000000000" });
    expect(await db().agentUsageLine.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { organizationId: org.id, action: "coding_agents.import" } })).toBe(3);
  });

  test.each([
    ["claude_code_usage", "not json", /not JSON/],
    [
      "claude_code_usage",
      JSON.stringify({
        data: [
          {
            date: "2026-11-03",
            actor: { type: "user_actor", email_address: "a@b" },
            model_breakdown: [
              {
                model: "m",
                tokens: { input: 1, output: 1, cache_read: 0, cache_creation: 0 },
                estimated_cost: { currency: "EUR", amount: 1 },
              },
            ],
          },
        ],
      }),
      /currency.*only USD/,
    ],
    [
      "cursor_usage_events",
      JSON.stringify({ usageEvents: [{ timestamp: "1762128000000", model: "gpt-5" }] }),
      /usageEvents\[0\]\.userEmail/,
    ],
    ["copilot_seats", JSON.stringify(seats([["ana", null]])), /month=YYYY-MM/],
    ["generic_csv", "date,person,tool,kind\n2026-11-01,a@b,codex,usage\n", /lacks the column\(s\) cost_usd/],
    ["generic_csv", 'date,person,tool,kind,cost_usd\n2026-11-01,a@b,codex,usage,"12,5"\n', /row 2: cost_usd "12,5" is not a decimal/],
  ] as const)("a malformed %s file is a 400 that says what is wrong (%#)", async (source, text, msg) => {
    const org = await createOrganization(`ca-bad-${Math.random().toString(36).slice(2, 8)}`, "Bad");
    await expect(importAgentFile(org.id, { account: "x", source, text, via: "upload" }, actor)).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(msg),
    });
    expect(await db().agentUsageLine.count({ where: { organizationId: org.id } })).toBe(0);
  });

  test("Cursor events: included requests cost nothing beyond the seat; usage-based ones cost their cents", async () => {
    const org = await createOrganization("ca-cursor", "CA");
    const ev = (email: string, kind: string, cents: number) => ({
      timestamp: String(Date.UTC(2026, 10, 4, 12)),
      model: "claude-4-sonnet",
      kind,
      maxMode: false,
      requestsCosts: 1,
      isTokenBasedCall: true,
      tokenUsage: { inputTokens: 100, outputTokens: 50, cacheWriteTokens: 0, cacheReadTokens: 10, totalCents: cents },
      userEmail: email,
    });
    const page = {
      totalUsageEventsCount: 3,
      pagination: { numPages: 1, currentPage: 1, pageSize: 100, hasNextPage: false, hasPreviousPage: false },
      usageEvents: [ev("a@x.dev", "Included in Business", 7), ev("a@x.dev", "Usage-based", 12.5), ev("a@x.dev", "Usage-based", 0.5)],
    };
    const r = await importAgentFile(
      org.id,
      { account: "cursor", source: "cursor_usage_events", text: JSON.stringify(page), via: "upload" },
      actor,
    );
    expect(r.cost_usd).toBe("0.130000000000");
    const line = await db().agentUsageLine.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(line.requests).toBe(3n);
    expect(line.inputTokens).toBe(300n);
  });
});

describe("people, seats, chargeback and the lead's scope", () => {
  test("seats are fixed monthly costs per team, usage is variable, unmapped people land on unallocated, and a lead sees their team only", async () => {
    const org = await createOrganization("ca-teams", "CA");
    await importPeopleMapping(org.id, "person,team\nana@acme.dev,payments\nBO@acme.dev,platform\nana,payments\nbo,platform\n", actor);
    await importAgentFile(
      org.id,
      {
        account: "gh",
        source: "copilot_seats",
        text: JSON.stringify(
          seats([
            ["ana", "2026-11-20T10:00:00Z"],
            ["bo", null],
            ["cy", "2026-06-01T00:00:00Z"],
          ]),
        ),
        via: "upload",
        options: { month: "2026-11" },
      },
      actor,
    );
    await importAgentFile(
      org.id,
      {
        account: "anthropic",
        source: "claude_code_usage",
        text: claudeFile([claudeRecord("ana@acme.dev", "2026-11-03", 1000), claudeRecord("zed@acme.dev", "2026-11-03", 500)]),
        via: "upload",
      },
      actor,
    );
    const now = new Date("2026-12-02T00:00:00Z");
    const all = await getCodingAgents(org.id, "2026-11", { all: true, team: null }, now);
    assertMatchesContract(endpoints["GET /api/v1/coding-agents"].response!, all, "report");
    expect(all.totals).toMatchObject({ seats_usd: "57.000000", usage_usd: "15.000000", total_usd: "72.000000", seats: 3, unused_seats: 2 });
    expect(all.unmapped.map((u) => u.person).sort()).toEqual(["cy", "zed@acme.dev"]);
    const cb = await computeLiveChargeback(org.id, "2026-11");
    const rows = Object.fromEntries(cb.rows.map((r) => [r.team, formatUsd6(r.allocatedPico)]));
    expect(rows).toMatchObject({ payments: "29.000000", platform: "19.000000", unallocated: "24.000000" });
    expect(cb.allocations.map((a) => a.fixedCostId).sort()).toContain("coding_agents:seat:payments");

    const lead = agentScope({ role: "ENGINEERING_LEAD", member: { teamName: "payments" } });
    const mine = await getCodingAgents(org.id, "2026-11", lead, now);
    expect(mine.people.map((p) => p.person).sort()).toEqual(["ana", "ana@acme.dev"]);
    expect(mine.unmapped).toEqual([]);
    expect(() => agentScope({ role: "ENGINEERING_LEAD", member: { teamName: "payments" } }, "platform")).toThrow(/own team/);
    expect(agentScope({ role: "FINANCE", member: { teamName: null } })).toEqual({ all: true, team: null });

    // the unused seats are a priced opportunity, owned by the seat holders' team
    const { getOpportunities } = await import("@/lib/opportunities/get-opportunities");
    const opps = (await getOpportunities(org.id, now)).opportunities.filter((o) => o.kind === "unused_seats");
    expect(opps.map((o) => [o.id, o.owner_team, o.monthly_saving_usd, o.current_monthly_cost_usd])).toEqual([
      ["unused_seats:platform", "platform", "19.000000", "19.000000"],
      ["unused_seats:unallocated", null, "19.000000", "19.000000"],
    ]);
    expect(opps[0].basis[0]).toBe("1 of 1 seats of 2026-11 show no activity in the last 30 days and no usage: bo.");
  });

  test("a member's team maps their email when the mapping table does not name them; the table wins when it does", async () => {
    const org = await createOrganization("ca-members", "CA");
    const u = await db().user.create({ data: { email: "dev.member@acme.dev" } });
    await db().membership.create({ data: { organizationId: org.id, userId: u.id, role: "ENGINEERING_LEAD", teamName: "search" } });
    const r = await importAgentFile(
      org.id,
      {
        account: "a",
        source: "claude_code_usage",
        text: claudeFile([claudeRecord("Dev.Member@acme.dev", "2026-11-03", 100), claudeRecord("x@acme.dev", "2026-11-03", 100)]),
        via: "upload",
      },
      actor,
    );
    expect(r.unmapped_people).toEqual(["x@acme.dev"]);
    await importPeopleMapping(org.id, "email,team\ndev.member@acme.dev,infra\n", actor);
    const rep = await getCodingAgents(org.id, "2026-11", { all: true, team: null }, new Date("2026-12-02T00:00:00Z"));
    expect(rep.people.find((p) => p.person === "dev.member@acme.dev")!.team).toBe("infra");
  });

  test("outcomes: cost per CI run and per merged PR, agent vs human, idempotent per id, and who pays for whose runs", async () => {
    const org = await createOrganization("ca-outcomes", "CA");
    await importPeopleMapping(org.id, "person,team\nbot@acme.dev,payments\nhu@acme.dev,payments\n", actor);
    const csv = [
      "id,kind,repo,pr,author,actor,agent,minutes,cost_usd,merged,at,paying_team",
      "r1,ci_run,acme/api,12,bot@acme.dev,agent,claude_code,10,0.80,,2026-11-03T10:00:00Z,platform",
      "r2,ci_run,acme/api,12,bot@acme.dev,agent,claude_code,12,0.80,,2026-11-03T11:00:00Z,platform",
      "p12,pr,acme/api,12,bot@acme.dev,agent,claude_code,,0,true,2026-11-03T12:00:00Z,",
      "r3,ci_run,acme/api,13,hu@acme.dev,human,,20,1.00,,2026-11-04T10:00:00Z,",
      "p13,pr,acme/api,13,hu@acme.dev,human,,,0,false,2026-11-04T12:00:00Z,",
    ].join("\n");
    expect(await ingestOutcomes(org.id, csv, "text/csv", actor)).toEqual({ rows: 5 });
    expect(await ingestOutcomes(org.id, csv, "text/csv", actor)).toEqual({ rows: 5 });
    expect(await db().agentOutcome.count({ where: { organizationId: org.id } })).toBe(5);
    await expect(ingestOutcomes(org.id, '[{"id":"x","kind":"deploy"}]', "application/json", actor)).rejects.toMatchObject({
      message: expect.stringMatching(/Row 1 \(kind\)/),
    });
    const r = await getCodingAgents(org.id, "2026-11", { all: true, team: null }, new Date("2026-12-02T00:00:00Z"));
    expect(r.outcomes).toEqual([
      {
        actor: "agent",
        prs: 1,
        merged_prs: 1,
        ci_runs: 2,
        ci_minutes: 22,
        ci_cost_usd: "1.600000",
        cost_per_ci_run_usd: "0.800000",
        cost_per_merged_pr_usd: "1.600000",
      },
      {
        actor: "human",
        prs: 1,
        merged_prs: 0,
        ci_runs: 1,
        ci_minutes: 20,
        ci_cost_usd: "1.000000",
        cost_per_ci_run_usd: "1.000000",
        cost_per_merged_pr_usd: null,
      },
    ]);
    expect(r.cross_team).toEqual([{ paying_team: "platform", author_team: "payments", ci_runs: 2, cost_usd: "1.600000" }]);
  });
});

describe("the daily connector against loopback stubs of the providers", () => {
  const CLAUDE_KEY = "sk-ant-admin01-agents-key",
    GH = "ghp_agents_token_000000";
  const seen: { path: string; q: URLSearchParams }[] = [];
  let base = "";
  const stub = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://stub");
    seen.push({ path: url.pathname, q: url.searchParams });
    const send = (s: number, b: unknown, h: Record<string, string> = {}) => {
      res.writeHead(s, { "content-type": "application/json", ...h });
      res.end(JSON.stringify(b));
    };
    if (url.pathname === "/v1/organizations/usage_report/claude_code") {
      if (req.headers["x-api-key"] !== CLAUDE_KEY) return send(401, { error: { message: "secret-internal-detail" } });
      if (url.searchParams.get("starting_at") !== "2026-11-03") return send(200, { data: [], has_more: false, next_page: null });
      if (url.searchParams.get("page") === "p2")
        return send(200, { data: [claudeRecord("bo@acme.dev", "2026-11-03", 300)], has_more: false, next_page: null });
      return send(200, { data: [claudeRecord("ana@acme.dev", "2026-11-03", 500)], has_more: true, next_page: "p2" });
    }
    if (url.pathname === "/orgs/acme/copilot/billing/seats") {
      if (req.headers.authorization !== `Bearer ${GH}`) return send(401, { message: "Bad credentials" });
      if (url.searchParams.get("page") === "2") return send(200, seats([["cy", null]]));
      return send(
        200,
        seats([
          ["ana", "2026-11-05T00:00:00Z"],
          ["bo", null],
        ]),
        { link: `<${base}/orgs/acme/copilot/billing/seats?per_page=100&page=2>; rel="next"` },
      );
    }
    if (url.pathname === "/organizations/acme/settings/billing/premium_request/usage")
      return send(200, {
        timePeriod: { year: 2026, month: 11 },
        organization: "acme",
        usageItems: [
          {
            product: "Copilot",
            sku: "Copilot Premium Request",
            model: "Claude Sonnet 4",
            unitType: "requests",
            pricePerUnit: 0.04,
            grossQuantity: 300,
            grossAmount: 12,
            discountQuantity: 100,
            discountAmount: 4,
            netQuantity: 200,
            netAmount: 8,
          },
        ],
      });
    if (url.pathname === "/redirect") return send(302, {}, { location: "http://example.com/steal" });
    send(404, { message: "Not Found" });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => stub.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    // the installation names the stub as an allowed connector base URL, as it would a proxy
    setOutbound({ SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS: base });
  });
  afterAll(() => {
    setOutbound({});
    return new Promise<void>((r) => stub.close(() => r()));
  });
  const o = () => ({ now: new Date("2026-11-05T06:00:00Z") });

  test("Claude Code: each of the last 7 days, every page; re-sync changes nothing", async () => {
    const org = await createOrganization("ca-sync-claude", "CA");
    const c = await configureAgentConnector(
      org.id,
      { account: "anthropic", provider: "claude_code", key: CLAUDE_KEY, base_url: base },
      actor,
    );
    expect(c.key_hint).not.toContain("agents-key".slice(0, 8) + "x");
    const conn = await db().agentConnector.findFirstOrThrow({ where: { organizationId: org.id } });
    const r = await syncAgentConnector(org.id, conn.id, o());
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ period_start: "2026-11-03", lines: 2, cost_usd: "8.000000000000" });
    expect(seen.filter((s) => s.path.endsWith("claude_code")).map((s) => s.q.get("starting_at"))).toContain("2026-10-29");
    expect((await syncAgentConnector(org.id, conn.id, o()))[0].unchanged).toBe(true);
  });

  test("Copilot: seats across Link-header pages plus premium requests", async () => {
    const org = await createOrganization("ca-sync-gh", "CA");
    await configureAgentConnector(org.id, { account: "github", provider: "copilot", key: GH, base_url: base, org: "acme" }, actor);
    const conn = await db().agentConnector.findFirstOrThrow({ where: { organizationId: org.id } });
    const r = await syncAgentConnector(org.id, conn.id, o());
    expect(r.map((x) => [x.source, x.lines, x.cost_usd])).toEqual([
      ["copilot_seats", 3, "57.000000000000"],
      ["copilot_premium_requests", 1, "8.000000000000"],
    ]);
  });

  test("a rejected key is recorded without the provider's words; hosts and redirects are guarded", async () => {
    const org = await createOrganization("ca-sync-bad", "CA");
    await configureAgentConnector(
      org.id,
      { account: "anthropic", provider: "claude_code", key: "sk-ant-admin01-wrong-key", base_url: base },
      actor,
    );
    const conn = await db().agentConnector.findFirstOrThrow({ where: { organizationId: org.id } });
    await expect(syncAgentConnector(org.id, conn.id, o())).rejects.toThrow(/401 \(check the key/);
    const after = await db().agentConnector.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: conn.id } } });
    expect(after.lastSyncError).toMatch(/401/);
    expect(after.lastSyncError).not.toContain("secret-internal-detail");
    // not the official host and not allowed: refused before any request
    await expect(agentFetch(new URL("http://127.0.0.2:9/x"), {}, { provider: "cursor" })).rejects.toThrow(/not the cursor API host/);
    await expect(
      configureAgentConnector(org.id, { account: "other", provider: "cursor", key: "k", base_url: "http://127.0.0.2:9" }, actor),
    ).rejects.toThrow(/SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS/);
    await expect(
      agentFetch(new URL(`${base}/redirect`), { headers: { authorization: "Basic x" } }, { provider: "cursor" }),
    ).rejects.toThrow(/redirects are not followed/);
  });
});

describe("the typed reader", () => {
  test("a team's and the month's seat cost are exact sums of the people's, rounded once (not sums of rounded people)", async () => {
    const org = await createOrganization("ca-exact", "CA exact");
    // three people without a team, each with a seat of 0.0000004 USD: 0.000000 each at six decimals, 0.000001 together
    await db().agentUsageLine.createMany({
      data: ["a@x.dev", "b@x.dev", "c@x.dev"].map((person) => ({
        organizationId: org.id,
        account: "copilot",
        source: "copilot_seats",
        tool: "copilot",
        day: new Date("2026-11-01"),
        person,
        model: "",
        kind: "seat",
        costUsd: "0.000000400000",
        importId: "imp-1",
      })),
    });
    const r = await getCodingAgents(org.id, "2026-11", { all: true, team: null }, new Date("2026-12-02T00:00:00Z"));
    expect(r.people.map((p) => p.seat_usd)).toEqual(["0.000000", "0.000000", "0.000000"]);
    expect(r.teams).toEqual([expect.objectContaining({ team: "unallocated", seats_usd: "0.000001", people: 3 })]);
    expect(r.totals).toMatchObject({ seats_usd: "0.000001", total_usd: "0.000001", unused_seats: 3, unused_seats_usd: "0.000001" });
  });
});
