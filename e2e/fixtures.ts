/**
 * The organisations the writing specs work in (docs/decisions/030). Each entry is created by the
 * e2e harness (scripts/e2e-fixtures.ts) before the server starts, under a slug with a per-run
 * suffix, through the app's own functions: members, events via ingestEvents, feature owners,
 * shared costs, the demo's billing story. Specs find them with `fixtureOrg(key)` (./helpers.ts).
 *
 * Pure declarations (no database, no server code): Playwright and the harness both import it.
 * Events are a function of the harness's clock, placed on whole days so that every figure a spec
 * asserts is known whatever the date: explicit cost_usd where a spec checks money, catalog
 * prices where the app reprices tokens (opportunities, invoice reconciliation).
 */
import type { Role } from "../lib/auth/roles";
import type { CreateFixedCost } from "../lib/costs/schemas";

export const FIXTURE_PASSWORD = "spendline-e2e-fixture";

export type FixtureEvent = { id: string; timestamp: string; feature: string; model: string } & Record<string, unknown>;

export type FixtureSpec = {
  /** the organisation's display name (the run suffix is added) */
  name: string;
  /** one member per role; an ENGINEERING_LEAD needs a team */
  members: { role: Role; team?: string }[];
  /** the demo bills in chargeback mode; new organisations start in showback */
  chargebackMode?: boolean;
  events?: (now: Date) => FixtureEvent[];
  /** feature → owner team, set after the events have created the features */
  featureOwners?: Record<string, string>;
  fixedCosts?: (now: Date) => CreateFixedCost[];
  /** last month's provider invoices, contracts and capacity built from the events (lib/demo/seed-billing) */
  billingStory?: boolean;
};

const HOUR = 3_600_000;
const utc = (now: Date, months: number, day: number, hour = 12) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, day, hour)).toISOString();
/** noon UTC on day `day` of the month `months` away from now's (-1: last month) */
export const dayOfMonth = (now: Date, months: number, day: number) => utc(now, months, day);
/** noon UTC `n` whole days before today */
export const daysBefore = (now: Date, n: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - n, 12)).toISOString();
/** a moment of the current month that has passed: an hour ago, or the month's first instant */
export const earlierThisMonth = (now: Date) =>
  new Date(Math.max(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1), now.getTime() - HOUR)).toISOString();
const monthBounds = (now: Date, months: number) => ({
  period_start: utc(now, months, 1, 0).slice(0, 10),
  period_end: utc(now, months + 1, 1, 0).slice(0, 10),
});

const MINI = "gpt-4o-mini-2024-07-18";
const GPT4O = "gpt-4o-2024-08-06";
const usage = (input: number, output: number) => ({ input_tokens: input, output_tokens: output });

export const FIXTURES = {
  /** close and reopen last month; add a shared cost. Last month: support $42.50, untagged $7.25. */
  chargeback: {
    name: "Chargeback e2e",
    members: [{ role: "FINANCE" }, { role: "ADMIN" }],
    chargebackMode: true,
    events: (now) => [
      {
        id: "cb-1",
        timestamp: dayOfMonth(now, -1, 5),
        feature: "support_chatbot",
        team: "support",
        model: MINI,
        usage: usage(1000, 100),
        cost_usd: "30.00",
      },
      {
        id: "cb-2",
        timestamp: dayOfMonth(now, -1, 12),
        feature: "support_chatbot",
        team: "support",
        model: MINI,
        usage: usage(1000, 100),
        cost_usd: "12.50",
      },
      // no team and a feature without an owner: unallocated
      {
        id: "cb-3",
        timestamp: dayOfMonth(now, -1, 20),
        feature: "internal_tools",
        model: "llama-3-70b-ft",
        usage: usage(1000, 100),
        cost_usd: "7.25",
      },
    ],
  },

  /** the support lead submits an assessment. Last 30 days: 3 of 4 events carry a feature id. */
  assessment: {
    name: "Assessment e2e",
    members: [{ role: "ENGINEERING_LEAD", team: "support" }],
    events: (now) => [
      ...[2, 5, 9].map((d) => ({
        id: `as-${d}`,
        timestamp: daysBefore(now, d),
        feature: "support_chatbot",
        team: "support",
        model: MINI,
        usage: usage(2000, 300),
        session_id: `s-${d}`,
      })),
      { id: "as-unknown", timestamp: daysBefore(now, 3), feature: "unknown", team: "support", model: MINI, usage: usage(2000, 300) },
    ],
  },

  /** CSV upload and a back-dated price override; one earlier event, so the Events page lists (not onboards). */
  /** no events at all: a new organisation's first CSV upload, from the "No events yet" page */
  firstUpload: {
    name: "First upload e2e",
    members: [{ role: "ADMIN" }],
  },
  ingestion: {
    name: "Ingestion e2e",
    members: [{ role: "ADMIN" }],
    events: (now) => [
      {
        id: "in-1",
        timestamp: daysBefore(now, 2),
        feature: "support_chatbot",
        team: "support",
        model: MINI,
        usage: usage(1000, 100),
        cost_usd: "0.50",
      },
    ],
  },

  /** API keys and new members. */
  auth: { name: "Auth e2e", members: [{ role: "ADMIN" }] },

  /**
   * support_chatbot over the last 20 full days: 20 calls to gpt-4o ($0.27 each at catalog prices,
   * $5.40) and 120 to gpt-4o-mini, all successful: enough same-feature evidence (≥ 100 calls) for
   * the switch to gpt-4o-mini to qualify.
   */
  opportunities: {
    name: "Opportunities e2e",
    members: [{ role: "ADMIN" }, { role: "ENGINEERING_LEAD", team: "support" }, { role: "VIEWER" }],
    featureOwners: { support_chatbot: "support" },
    events: (now) =>
      Array.from({ length: 20 }, (_, i) => i + 1).flatMap((d) =>
        Array.from({ length: 7 }, (_, k) => ({
          id: `op-${d}-${k}`,
          timestamp: daysBefore(now, d),
          feature: "support_chatbot",
          team: "support",
          provider: "openai",
          model: k === 0 ? GPT4O : MINI,
          usage: usage(100_000, 2_000),
          outcome: "success",
          session_id: `op-${d}-${k}`,
        })),
      ),
  },

  /**
   * Invoices: OpenAI traffic last month (streams, some aborted) and this month (a run-rate for the
   * commitment), then the demo's billing story over it: invoices with a re-index batch, a rate
   * uplift and a credit; a commitment at risk.
   */
  billing: {
    name: "Billing e2e",
    members: [{ role: "FINANCE" }, { role: "VIEWER" }],
    billingStory: true,
    events: (now) => [
      ...Array.from({ length: 18 }, (_, i) => i + 3).flatMap((day) =>
        Array.from({ length: 5 }, (_, k) => ({
          id: `bi-${day}-${k}`,
          timestamp: dayOfMonth(now, -1, day),
          feature: "support_chatbot",
          team: "support",
          provider: "openai",
          model: k < 3 ? GPT4O : MINI,
          usage: usage(200_000, 5_000),
          streamed: true,
          ...(k === 1 ? { aborted: true, delivered_output_tokens: 2_000 } : {}),
          outcome: "success",
        })),
      ),
      ...[0, 1, 2].map((k) => ({
        id: `bi-now-${k}`,
        timestamp: earlierThisMonth(now),
        feature: "support_chatbot",
        team: "support",
        provider: "openai",
        model: GPT4O,
        usage: usage(200_000, 5_000),
      })),
    ],
  },

  /**
   * The board PDF of last month: events support $120.00, knowledge $80.00, platform $45.50, plus a
   * $60.00 shared cost allocated in proportion: $305.50 in all.
   */
  boardReport: {
    name: "Board report e2e",
    members: [{ role: "FINANCE" }, { role: "ADMIN" }, { role: "ENGINEERING_LEAD", team: "support" }],
    chargebackMode: true,
    events: (now) =>
      (
        [
          ["support", "support_chatbot", ["40.00", "40.00", "40.00"]],
          ["knowledge", "doc_analysis", ["50.00", "30.00"]],
          ["platform", "code_review_agent", ["45.50"]],
        ] as const
      ).flatMap(([team, feature, costs]) =>
        costs.map((cost_usd, i) => ({
          id: `br-${team}-${i}`,
          timestamp: dayOfMonth(now, -1, 4 + 7 * i),
          feature,
          team,
          model: MINI,
          usage: usage(10_000, 1_000),
          cost_usd,
        })),
      ),
    fixedCosts: (now) => [
      { name: "Vector database (managed)", amount_usd: "60.00", ...monthBounds(now, -1), allocation: { rule: "proportional" } },
    ],
  },

  /**
   * Settings, budgets, members: the demo's teams and owners in miniature. sales spends $2.00 this
   * month (a $1 budget is past its thresholds at once); two models in the last days.
   */
  polish: {
    name: "Polish e2e",
    members: [{ role: "ADMIN" }, { role: "FINANCE" }, { role: "ENGINEERING_LEAD", team: "support" }, { role: "VIEWER" }],
    featureOwners: { support_chatbot: "support", doc_analysis: "knowledge", code_review_agent: "platform", email_drafts: "growth" },
    events: (now) => [
      ...(
        [
          ["support_chatbot", "support", MINI],
          ["support_chatbot", "support", GPT4O],
          ["doc_analysis", "knowledge", "claude-3-5-sonnet-20241022"],
          ["code_review_agent", "platform", MINI],
          ["email_drafts", "growth", MINI],
        ] as const
      ).flatMap(([feature, team, model], i) =>
        [1, 2, 3].map((d) => ({ id: `po-${i}-${d}`, timestamp: daysBefore(now, d), feature, team, model, usage: usage(5_000, 500) })),
      ),
      {
        id: "po-sales",
        timestamp: earlierThisMonth(now),
        feature: "meeting_summaries",
        team: "sales",
        model: "o1-mini-2024-09-12",
        usage: usage(5_000, 500),
        cost_usd: "2.00",
      },
    ],
  },
} satisfies Record<string, FixtureSpec>;

export type FixtureKey = keyof typeof FIXTURES;

/** What the harness writes for the specs (E2E_FIXTURES_FILE). */
export type FixtureFile = {
  run: string;
  orgs: Record<FixtureKey, { slug: string; name: string; users: Partial<Record<Role, string>> }>;
};

/** Fixture emails: unique per organisation (User.email is unique across organisations). */
export function fixtureEmail(slug: string, role: Role): string {
  return `${role.toLowerCase().replace(/_/g, "-")}@${slug}.e2e.spendline.dev`;
}
