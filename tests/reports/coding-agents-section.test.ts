import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { createOrganization } from "@/lib/orgs/manage-members";
import { importAgentFile } from "@/lib/coding-agents/import-agent-usage";
import { importPeopleMapping } from "@/lib/coding-agents/people-and-outcomes";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { closeMonth } from "@/lib/month-close/close-month";
import { computeBoardReport, getBoardReport, type BoardReport } from "@/lib/reports/get-board-report";
import { boardReportFromWire } from "@/lib/reports/board-report-from-wire";

/**
 * The board report's "Coding agents and shadow AI" section: its figures on the demo story
 * (lib/demo/seed-agents.ts), its place in the one numbered list, and that a closed month freezes it.
 */
useTestDatabase();
const actor = { userId: null, apiKeyId: null };
const NOW = new Date("2026-06-15T12:00:00.000Z");

async function render(r: BoardReport) {
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { createElement } = await import("react");
  const { BoardReportDocument } = await import("@/components/reports/board-report-document");
  return renderToStaticMarkup(createElement(BoardReportDocument, { r: boardReportFromWire(r) }));
}
const text = (html: string, testId: string) =>
  html
    .match(new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</(p|table)>`))?.[1]
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&apos;/g, "'");

describe("on the demo data", () => {
  let r: BoardReport;
  let html = "";
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const org = (await seedDemo({ now: NOW, days: 60 })).organizationId;
    r = await getBoardReport(org, "2026-06", NOW);
    html = await render(r);
  }, 600_000);
  afterAll(() => vi.useRealTimers());

  test("coding-agent cost of the month: seats fixed, usage variable, unused seats; agent vs human per CI run and merged PR", () => {
    expect(r.coding_agents.ok).toBe(true);
    const a = r.coding_agents.ok ? r.coding_agents.data : null!;
    // eight Copilot business seats at the $19 list price; sam's and kim's never used
    expect(a).toMatchObject({ seats_usd: "152.000000", seats: 8, unused_seats: 2, unused_seats_usd: "38.000000" });
    expect(BigInt(a.usage_usd.replace(".", "")) > 0n).toBe(true);
    expect(Number(a.total_usd)).toBeCloseTo(Number(a.seats_usd) + Number(a.usage_usd), 6);
    const agent = a.outcomes.find((o) => o.actor === "agent")!;
    const human = a.outcomes.find((o) => o.actor === "human")!;
    expect(Number(agent.cost_per_ci_run_usd)).toBeCloseTo(0.85, 1);
    expect(human.cost_per_ci_run_usd).toBe("1.100000");
    expect(Number(agent.cost_per_merged_pr_usd)).toBeCloseTo(2.55, 0);
    expect(text(html, "agents-cost")).toMatch(
      /Coding-agent cost of the month: \$[\d,.]+ — seats \(fixed\) \$152\.00, usage \(variable\) \$[\d,.]+/,
    );
    expect(text(html, "agents-cost")).toContain("Unused seats: 2 of 8 ($38.00 this month)");
    expect(text(html, "agents-outcomes")).toContain("Coding agent");
  });

  test("the shift finding: support's agent CI runs, volume-driven and now paid by platform, in figures", () => {
    const a = r.coding_agents.ok ? r.coding_agents.data : null!;
    expect(a.shifts).toHaveLength(1);
    const f = a.shifts[0];
    expect(f).toMatchObject({ subject: "Agent CI runs — support", severity: "critical", owner: "platform", previous_owner: "support" });
    expect(f.owner_share_before).toBe(0);
    expect(f.owner_share_after).toBe(1);
    expect(f.weekly_cost_after! / f.weekly_cost_before!).toBeGreaterThan(1.5);
    expect(f.cost_per_run_before).toBeCloseTo(0.85, 1);
    expect(f.cost_per_run_after).toBeCloseTo(0.85, 1);
    const row = text(html, "agents-shifts")!;
    expect(row).toContain("platform: 0% → 100% (before: support)");
    expect(row).toMatch(/\$100\.79 → \$174\.5\d/);
  });

  test("shadow AI: the total outside sanctioned accounts and its share", () => {
    expect(r.shadow_ai.ok).toBe(true);
    const s = r.shadow_ai.ok ? r.shadow_ai.data : null!;
    // June's card lines: the $1,800 ChatGPT Enterprise contract is sanctioned; 3 × $20 ChatGPT Plus,
    // $20 Perplexity, $30 Midjourney and $18 Claude.ai are not (the printer paper is not AI)
    expect(s).toMatchObject({ ai_spend_usd: "1928.000000", sanctioned_usd: "1800.000000", unsanctioned_usd: "128.000000" });
    expect(s.unsanctioned_share).toBeCloseTo(128 / 1928, 5);
    expect(s.by_department[0]).toEqual({ department: "Marketing", unsanctioned_usd: "60.000000" });
    expect(text(html, "shadow-total")).toContain("Outside sanctioned accounts: $128.00 (6.6% of it)");
  });

  test("the section is numbered from the one list, between billing and the opportunities", () => {
    expect(html).toContain('<h2 id="s-billing">10. Billing and contracts</h2>');
    expect(html).toContain('<h2 id="s-agents">11. Coding agents and shadow AI</h2>');
    expect(html).toContain('<h2 id="s-opportunities">12. Savings opportunities</h2>');
    expect(html).toMatch(/data-testid="toc">.*<li>Coding agents and shadow AI<\/li>/);
  });
});

describe("a closed month freezes the section", () => {
  test("coding-agent usage imported after the close changes nothing in the closed month's report; the live report shows it", async () => {
    const org = await createOrganization("agents-closed", "Agents Closed Ltd");
    await ingestEvents(org.id, [
      {
        id: "e1",
        timestamp: "2026-10-03T10:00:00Z",
        feature: "support_chatbot",
        team: "support",
        model: "gpt-4o-2024-08-06",
        provider: "openai",
        usage: { input_tokens: 1000, output_tokens: 100 },
        cost_usd: "0.5",
        outcome: "success",
      },
    ]);
    await importPeopleMapping(org.id, "person,team\nana@x.dev,support", actor);
    const csv = (rows: string[]) => ["date,person,tool,model,kind,cost_usd", ...rows].join("\n");
    await importAgentFile(
      org.id,
      {
        account: "csv",
        source: "generic_csv",
        text: csv(["2026-10-01,ana@x.dev,copilot,,seat,19", "2026-10-05,ana@x.dev,claude_code,claude-sonnet-4-5,usage,12.5"]),
        via: "upload",
      },
      actor,
    );
    await closeMonth(org.id, "2026-10", actor, new Date("2026-11-02T09:00:00Z"));
    const first = await getBoardReport(org.id, "2026-10", new Date("2026-11-02T09:00:00Z"));
    expect(first.coding_agents.ok && first.coding_agents.data).toMatchObject({ seats_usd: "19.000000", usage_usd: "12.500000" });

    await importAgentFile(
      org.id,
      {
        account: "csv-late",
        source: "generic_csv",
        text: csv(["2026-10-20,ana@x.dev,claude_code,claude-sonnet-4-5,usage,40"]),
        via: "upload",
      },
      actor,
    );
    const again = await getBoardReport(org.id, "2026-10", new Date("2026-11-20T09:00:00Z"));
    expect(again.coding_agents).toEqual(first.coding_agents);
    expect(again.shadow_ai).toEqual(first.shadow_ai);
    expect(await render({ ...again, generated_at: first.generated_at })).toBe(await render(first));
    const live = await computeBoardReport(org.id, "2026-10", new Date("2026-11-20T09:00:00Z"));
    expect(live.coding_agents.ok && live.coding_agents.data.usage_usd).toBe("52.500000");
  });
});
