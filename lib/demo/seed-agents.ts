import "server-only";
import { db } from "../db";
import { toDecimalString, parseUsd } from "../money";
import { addDays, utcDay } from "../time";
import { importAgentFile } from "../coding-agents/import-agent-usage";
import { importPeopleMapping } from "../coding-agents/people-and-outcomes";
import { importShadowFile, saveRule } from "../shadow-ai/shadow-ai";
import { Rng } from "./random";

/**
 * The coding-agent and shadow-AI stories of the demo (docs/coding-agents.md, docs/shadow-ai.md):
 *  - support's coding agent opens PRs whose CI runs double in six weeks while the cost per run and
 *    per merged PR stay flat — and since four weeks platform, which owns the shared CI, pays for them;
 *  - two Copilot seats nobody used (sam in support, kim in knowledge);
 *  - marketing pays for ChatGPT Plus on cards every month while a ChatGPT Enterprise contract exists.
 * A few thousand rows written in bulk: adds well under a second to the seed.
 */
const DEVS: [string, string][] = [
  ["ana@northwind.dev", "support"],
  ["bo@northwind.dev", "support"],
  ["sam@northwind.dev", "support"],
  ["pia@northwind.dev", "platform"],
  ["raj@northwind.dev", "platform"],
  ["lu@northwind.dev", "platform"],
  ["kim@northwind.dev", "knowledge"],
  ["ola@northwind.dev", "knowledge"],
];
const SYSTEM = { userId: null, apiKeyId: null };

export async function seedAgentsDemo(organizationId: string, now: Date) {
  const rng = new Rng(2206);
  const today = utcDay(now);
  const month = today.slice(0, 7);
  const login = (e: string) => e.split("@")[0];
  await importPeopleMapping(
    organizationId,
    ["person,team", ...DEVS.map(([e, t]) => `${e},${t}`), ...DEVS.map(([e, t]) => `${login(e)},${t}`)].join("\n"),
    SYSTEM,
  );

  // Copilot seats for this month: sam and kim never used theirs
  const seats = DEVS.map(([e]) => ({
    created_at: "2026-01-05T00:00:00Z",
    last_activity_at: ["sam@northwind.dev", "kim@northwind.dev"].includes(e) ? null : `${addDays(today, -rng.int(0, 3))}T09:00:00Z`,
    last_activity_editor: "vscode",
    plan_type: "business",
    pending_cancellation_date: null,
    assignee: { login: login(e), id: 1, type: "User" },
  }));
  await importAgentFile(
    organizationId,
    {
      account: "github-northwind",
      source: "copilot_seats",
      text: JSON.stringify({ total_seats: seats.length, seats }),
      via: "api",
      options: { month },
    },
    SYSTEM,
  );

  // Claude Code usage, 42 days, for the five active support and platform developers
  const records = [];
  for (let d = 42; d >= 1; d--) {
    const day = addDays(today, -d);
    for (const [email] of DEVS.slice(0, 6)) {
      if (email === "sam@northwind.dev" || rng.chance(0.15)) continue;
      const cents = rng.int(300, 1400);
      records.push({
        date: `${day}T00:00:00Z`,
        actor: { type: "user_actor", email_address: email },
        core_metrics: {
          num_sessions: rng.int(1, 6),
          lines_of_code: { added: rng.int(50, 600), removed: rng.int(0, 80) },
          commits_by_claude_code: rng.int(0, 4),
          pull_requests_by_claude_code: rng.int(0, 2),
        },
        model_breakdown: [
          {
            model: "claude-sonnet-4-5",
            tokens: { input: cents * 300, output: cents * 40, cache_read: cents * 4000, cache_creation: cents * 100 },
            estimated_cost: { currency: "USD", amount: cents },
          },
        ],
      });
    }
  }
  await importAgentFile(
    organizationId,
    {
      account: "anthropic-main",
      source: "claude_code_usage",
      text: JSON.stringify({ data: records, has_more: false, next_page: null }),
      via: "api",
    },
    SYSTEM,
  );

  // CI runs and PRs: the agent's runs grow from ~18 to ~40 a day (quiet weekends), $0.85 a run; humans flat
  const rows: {
    organizationId: string;
    kind: string;
    externalId: string;
    repo: string;
    pr: string;
    author: string;
    actor: string;
    agent: string;
    minutes: string;
    costUsd: string;
    merged: boolean;
    at: Date;
    payingTeam: string;
  }[] = [];
  let n = 0;
  for (let d = 56; d >= 1; d--) {
    const day = addDays(today, -d);
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const growth = 1 + (Math.max(0, 42 - d) / 42) * 1.3; // +130 % over the last six weeks
    const agentRuns = Math.round((weekend ? 5 : 18) * (d > 42 ? 1 : growth));
    const humanRuns = weekend ? 2 : 12;
    for (const [actor, runs, authors, payer] of [
      // until four weeks ago support's own CI paid for its agent's runs; then they moved to platform's shared runners
      ["agent", agentRuns, ["ana@northwind.dev", "bo@northwind.dev"], d > 28 ? "support" : "platform"],
      ["human", humanRuns, ["pia@northwind.dev", "raj@northwind.dev", "ola@northwind.dev"], ""],
    ] as const) {
      for (let i = 0; i < runs; i++) {
        const pr = `${1000 + Math.floor(n / 3)}`;
        const at = new Date(Date.parse(`${day}T08:00:00Z`) + i * 600_000);
        const cost = actor === "agent" ? parseUsd("0.85") + BigInt(rng.int(-5, 5)) * 10_000_000_000n : parseUsd("1.10");
        rows.push({
          organizationId,
          kind: "ci_run",
          externalId: `run-${n}`,
          repo: "northwind/app",
          pr,
          author: authors[i % authors.length],
          actor,
          agent: actor === "agent" ? "claude_code" : "",
          minutes: actor === "agent" ? "9" : "14",
          costUsd: toDecimalString(cost),
          merged: false,
          at,
          payingTeam: payer,
        });
        // every third run closes a pull request (merged), so the cost per merged PR stays flat too
        if (n % 3 === 2)
          rows.push({
            organizationId,
            kind: "pr",
            externalId: `pr-${pr}`,
            repo: "northwind/app",
            pr,
            author: authors[i % authors.length],
            actor,
            agent: actor === "agent" ? "claude_code" : "",
            minutes: "0",
            costUsd: "0",
            merged: true,
            at,
            payingTeam: "",
          });
        n++;
      }
    }
  }
  await db().agentOutcome.createMany({ data: rows, skipDuplicates: true });

  // shadow AI: three months of card statements
  await saveRule(
    organizationId,
    {
      pattern: "OPENAI *CHATGPT ENTERPRISE",
      vendor: "OpenAI",
      product: "ChatGPT Enterprise",
      sanctioned: true,
      seat_usd: "60",
      note: "the company contract",
    },
    SYSTEM,
  );
  const card = ["Trans. Date,Merchant Name,Memo,Amount,Cardholder,Cost Center"];
  for (let m = 2; m >= 0; m--) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
    const dd = (x: number) => addDays(utcDay(first), Math.min(x, m === 0 ? Math.max(0, now.getUTCDate() - 2) : x));
    for (const who of ["mia@northwind.dev", "noah@northwind.dev", "eva@northwind.dev"])
      card.push(`${dd(3)},OPENAI *CHATGPT SUBSCR,,20.00,${who},Marketing`);
    card.push(`${dd(1)},OPENAI *CHATGPT ENTERPRISE,company workspace,1800.00,it@northwind.dev,IT`);
    card.push(`${dd(9)},PERPLEXITY.AI,Pro plan,20.00,lars@northwind.dev,Sales`);
    card.push(`${dd(12)},STAPLES 0042,printer paper,34.10,eva@northwind.dev,Marketing`);
  }
  card.push(`${addDays(today, -3)},MIDJOURNEY INC.,,30.00,ivy@northwind.dev,Design`);
  card.push(`${addDays(today, -2)},PAYPAL *SOFTWARE,Claude.ai subscription,18.00,lars@northwind.dev,Sales`);
  await importShadowFile(
    organizationId,
    {
      account: "amex-corporate",
      source: "card",
      text: card.join("\n"),
      via: "api",
      mapping: { date: "Trans. Date", merchant: "Merchant Name", description: "Memo", employee: "Cardholder", department: "Cost Center" },
    },
    SYSTEM,
  );
}
