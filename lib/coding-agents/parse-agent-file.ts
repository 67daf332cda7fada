/**
 * Coding-agent usage and seat files → normalised lines. Pure: no Prisma, no Next. Each format is
 * read as its provider documents it (references read for this code, December 2026):
 *
 *  - claude_code_usage — Anthropic Admin API "Get Claude Code Usage Report",
 *    GET /v1/organizations/usage_report/claude_code?starting_at=YYYY-MM-DD&limit&page
 *    (platform.claude.com/docs/en/api/beta/organization/usage_report/retrieve_claude_code):
 *    { data: [{ date, actor: { type: "user_actor", email_address } | { type: "api_actor",
 *    api_key_name }, core_metrics: { num_sessions, lines_of_code: { added, removed },
 *    commits_by_claude_code, pull_requests_by_claude_code }, model_breakdown: [{ model,
 *    tokens: { input, output, cache_read, cache_creation }, estimated_cost: { currency, amount } }],
 *    tool_actions, … }], has_more, next_page }. `estimated_cost.amount` is in minor units
 *    (cents for USD), as the reference says; it is Anthropic's ESTIMATE, not an invoice.
 *  - cursor_usage_events — Cursor Admin API POST /teams/filtered-usage-events
 *    (cursor.com/docs/account/teams/admin-api): { totalUsageEventsCount, pagination: { numPages,
 *    currentPage, pageSize, hasNextPage, hasPreviousPage }, usageEvents: [{ timestamp (epoch ms as
 *    a string), model, kind, maxMode, requestsCosts, isTokenBasedCall, tokenUsage?: { inputTokens,
 *    outputTokens, cacheWriteTokens, cacheReadTokens, totalCents }, userEmail }] }. Events whose
 *    kind starts with "Included" are covered by the seat (variable cost 0, tokens kept).
 *  - cursor_members — GET /teams/members: { teamMembers: [{ name, email, role }] } → one seat
 *    per member for the month given (Cursor lists no price: the seat price is a setting).
 *  - copilot_seats — GitHub REST "List all Copilot seat assignments for an organization",
 *    GET /orgs/{org}/copilot/billing/seats (docs.github.com/en/rest/copilot/copilot-user-management):
 *    { total_seats, seats: [{ created_at, pending_cancellation_date, last_activity_at,
 *    last_activity_editor, plan_type, assignee: { login, … }, assigning_team }] }.
 *  - copilot_premium_requests — GitHub REST "Get billing premium request usage report for an
 *    organization", GET /organizations/{org}/settings/billing/premium_request/usage
 *    (docs.github.com/en/rest/billing/usage): { timePeriod: { year, month, day? }, organization,
 *    user?, usageItems: [{ product, sku, model, unitType, pricePerUnit, grossQuantity,
 *    grossAmount, discountQuantity, discountAmount, netQuantity, netAmount }] }. netAmount (USD)
 *    is what is billed beyond the seats' allowance.
 *  - generic_csv — any other tool (OpenAI Codex / ChatGPT workspace exports have no documented
 *    per-user usage API): columns date, person, tool, model, kind (usage|seat), cost_usd and
 *    optionally input_tokens, output_tokens, requests, sessions.
 * A saved JSON file may be one page or an array of pages (what a paginating script writes).
 */
import Papa from "papaparse";
import { z } from "zod";
import { divHalfEven, parseUsd, type Pico } from "../money";
import { floatToDecimalString } from "../money/decimal-text";

export const AGENT_SOURCES = [
  "claude_code_usage",
  "cursor_usage_events",
  "cursor_members",
  "copilot_seats",
  "copilot_premium_requests",
  "generic_csv",
] as const;
export type AgentSource = (typeof AGENT_SOURCES)[number];
export const AGENT_TOOLS = ["claude_code", "cursor", "copilot", "codex", "other"] as const;
export type AgentTool = (typeof AGENT_TOOLS)[number];

export const TOOL_OF_SOURCE: Record<Exclude<AgentSource, "generic_csv">, AgentTool> = {
  claude_code_usage: "claude_code",
  cursor_usage_events: "cursor",
  cursor_members: "cursor",
  copilot_seats: "copilot",
  copilot_premium_requests: "copilot",
};

/** List prices per seat and month (USD), used when the import does not name one. */
export const DEFAULT_SEAT_USD: Record<string, string> = {
  "copilot:business": "19",
  "copilot:enterprise": "39",
  "cursor:": "40",
};

export type AgentLine = {
  day: string;
  tool: AgentTool;
  person: string;
  model: string;
  kind: "usage" | "seat";
  costPico: Pico;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  requests: bigint;
  sessions: number;
  linesAccepted: number;
  lastActiveAt: string | null;
};

export class AgentParseError extends Error {}

export type ParseOptions = {
  /** seat files: the month the seats are billed for (YYYY-MM) */
  month?: string;
  /** seat price override, decimal USD per seat and month */
  seatUsd?: string;
};

const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform((v) => BigInt(v));
const num = z.number().finite();
const dayOf = (s: string, where: string) => {
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(t)) throw new AgentParseError(`${where}: "${s}" is not a date`);
  return new Date(t).toISOString().slice(0, 10);
};
const usdOfNumber = (n: number): Pico => parseUsd(floatToDecimalString(n));
const blank = (tool: AgentTool, day: string, person: string, model: string, kind: AgentLine["kind"]): AgentLine => ({
  day,
  tool,
  person: person.trim().toLowerCase(),
  model,
  kind,
  costPico: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  cacheReadTokens: 0n,
  cacheWriteTokens: 0n,
  requests: 0n,
  sessions: 0,
  linesAccepted: 0,
  lastActiveAt: null,
});

function pages(text: string): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AgentParseError("the file is not JSON; upload the API answer as it was saved (one page or an array of pages)");
  }
  return Array.isArray(json) ? json : [json];
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const path = [where, ...i.path.map(String)].join(".");
  throw new AgentParseError(`${path}: ${i.message}`);
}

/** Adds `l` into `acc` keyed by day|person|model|kind (sources list events; we store per day). */
function add(acc: Map<string, AgentLine>, l: AgentLine) {
  const k = `${l.day}|${l.person}|${l.model}|${l.kind}`;
  const o = acc.get(k);
  if (!o) return void acc.set(k, l);
  o.costPico += l.costPico;
  o.inputTokens += l.inputTokens;
  o.outputTokens += l.outputTokens;
  o.cacheReadTokens += l.cacheReadTokens;
  o.cacheWriteTokens += l.cacheWriteTokens;
  o.requests += l.requests;
  o.sessions += l.sessions;
  o.linesAccepted += l.linesAccepted;
  if (l.lastActiveAt && (!o.lastActiveAt || l.lastActiveAt > o.lastActiveAt)) o.lastActiveAt = l.lastActiveAt;
}

const claudeRecord = z.looseObject({
  date: z.string(),
  actor: z.union([
    z.looseObject({ type: z.literal("user_actor"), email_address: z.string().min(1) }),
    z.looseObject({ type: z.literal("api_actor"), api_key_name: z.string().min(1) }),
  ]),
  core_metrics: z
    .looseObject({
      num_sessions: z.number().int().nonnegative().default(0),
      lines_of_code: z.looseObject({ added: z.number().int().nonnegative().default(0) }).optional(),
    })
    .optional(),
  model_breakdown: z
    .array(
      z.looseObject({
        model: z.string(),
        tokens: z.looseObject({ input: count, output: count, cache_read: count, cache_creation: count }),
        estimated_cost: z.looseObject({ currency: z.literal("USD", "only USD estimates are read"), amount: num.nonnegative() }),
      }),
    )
    .default([]),
});
const claudePage = z.looseObject({ data: z.array(z.unknown()) });

function parseClaudeCode(text: string): AgentLine[] {
  const acc = new Map<string, AgentLine>();
  pages(text).forEach((p, pi) => {
    const page = check(claudePage, p, `page ${pi + 1}`);
    page.data.forEach((raw, ri) => {
      const r = check(claudeRecord, raw, `page ${pi + 1}: data[${ri}]`);
      const day = dayOf(r.date, `data[${ri}].date`);
      const person = r.actor.type === "user_actor" ? r.actor.email_address : `api-key:${r.actor.api_key_name}`;
      const models = r.model_breakdown.length ? r.model_breakdown : [null];
      models.forEach((m, mi) => {
        const l = blank("claude_code", day, person, m?.model ?? "", "usage");
        if (m) {
          // amount in cents → dollars, exactly
          l.costPico = divHalfEven(usdOfNumber(m.estimated_cost.amount), 100n);
          l.inputTokens = m.tokens.input;
          l.outputTokens = m.tokens.output;
          l.cacheReadTokens = m.tokens.cache_read;
          l.cacheWriteTokens = m.tokens.cache_creation;
        }
        // the day's sessions and accepted lines belong to the person, not to a model: the first line carries them
        if (mi === 0) {
          l.sessions = r.core_metrics?.num_sessions ?? 0;
          l.linesAccepted = r.core_metrics?.lines_of_code?.added ?? 0;
        }
        add(acc, l);
      });
    });
  });
  return [...acc.values()];
}

const cursorEvent = z.looseObject({
  timestamp: z.union([z.string(), z.number()]).transform(String),
  model: z.string().default(""),
  kind: z.string().default(""),
  requestsCosts: z.number().nonnegative().optional(),
  tokenUsage: z
    .looseObject({
      inputTokens: count.default(0n),
      outputTokens: count.default(0n),
      cacheWriteTokens: count.default(0n),
      cacheReadTokens: count.default(0n),
      totalCents: num.nonnegative().default(0),
    })
    .optional()
    .nullable(),
  userEmail: z.string().min(1, "every usage event needs userEmail"),
});
const cursorPage = z.looseObject({ usageEvents: z.array(z.unknown()) });

function parseCursorEvents(text: string): AgentLine[] {
  const acc = new Map<string, AgentLine>();
  pages(text).forEach((p, pi) => {
    const page = check(cursorPage, p, `page ${pi + 1}`);
    page.usageEvents.forEach((raw, i) => {
      const e = check(cursorEvent, raw, `page ${pi + 1}: usageEvents[${i}]`);
      const l = blank("cursor", dayOf(e.timestamp, `usageEvents[${i}].timestamp`), e.userEmail, e.model, "usage");
      const included = /^included/i.test(e.kind);
      if (e.tokenUsage) {
        l.inputTokens = e.tokenUsage.inputTokens;
        l.outputTokens = e.tokenUsage.outputTokens;
        l.cacheReadTokens = e.tokenUsage.cacheReadTokens;
        l.cacheWriteTokens = e.tokenUsage.cacheWriteTokens;
        if (!included) l.costPico = divHalfEven(usdOfNumber(e.tokenUsage.totalCents), 100n);
      }
      l.requests = 1n;
      add(acc, l);
    });
  });
  return [...acc.values()];
}

const monthStart = (month: string | undefined, where: string) => {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new AgentParseError(`${where}: name the month the seats are billed for (month=YYYY-MM)`);
  return `${month}-01`;
};

function seatPrice(key: string, override: string | undefined): Pico {
  const text = override ?? DEFAULT_SEAT_USD[key];
  if (!text) throw new AgentParseError(`no list price known for ${key.replace(":", " plan ")}: give seat_usd`);
  return parseUsd(text);
}

const copilotSeat = z.looseObject({
  created_at: z.string(),
  last_activity_at: z.string().nullable().optional(),
  plan_type: z.string().optional(),
  assignee: z.looseObject({ login: z.string().min(1) }).nullable(),
});
const copilotPage = z.looseObject({ seats: z.array(z.unknown()) });

function parseCopilotSeats(text: string, o: ParseOptions): AgentLine[] {
  const day = monthStart(o.month, "copilot seats");
  const acc = new Map<string, AgentLine>();
  pages(text).forEach((p, pi) => {
    const page = check(copilotPage, p, `page ${pi + 1}`);
    page.seats.forEach((raw, i) => {
      const s = check(copilotSeat, raw, `page ${pi + 1}: seats[${i}]`);
      const plan = (s.plan_type ?? "business").toLowerCase();
      const l = blank("copilot", day, s.assignee?.login ?? `seat-${pi}-${i}`, `copilot-${plan}`, "seat");
      l.costPico = seatPrice(`copilot:${plan}`, o.seatUsd);
      l.lastActiveAt = s.last_activity_at ? new Date(s.last_activity_at).toISOString() : null;
      add(acc, l);
    });
  });
  return [...acc.values()];
}

const cursorMembers = z.looseObject({ teamMembers: z.array(z.looseObject({ email: z.string().min(1), role: z.string().optional() })) });

function parseCursorMembers(text: string, o: ParseOptions): AgentLine[] {
  const day = monthStart(o.month, "cursor members");
  const acc = new Map<string, AgentLine>();
  pages(text).forEach((p, pi) => {
    for (const m of check(cursorMembers, p, `page ${pi + 1}`).teamMembers) {
      const l = blank("cursor", day, m.email, "cursor-seat", "seat");
      l.costPico = seatPrice("cursor:", o.seatUsd);
      add(acc, l);
    }
  });
  return [...acc.values()];
}

const premiumReport = z.looseObject({
  timePeriod: z.looseObject({ year: z.number().int(), month: z.number().int().min(1).max(12), day: z.number().int().optional() }),
  user: z.string().optional(),
  usageItems: z.array(
    z.looseObject({
      model: z.string().default(""),
      grossQuantity: num.nonnegative().default(0),
      netAmount: num,
    }),
  ),
});

function parseCopilotPremium(text: string): AgentLine[] {
  const acc = new Map<string, AgentLine>();
  pages(text).forEach((p, pi) => {
    const r = check(premiumReport, p, `page ${pi + 1}`);
    const day = `${r.timePeriod.year}-${String(r.timePeriod.month).padStart(2, "0")}-${String(r.timePeriod.day ?? 1).padStart(2, "0")}`;
    for (const it of r.usageItems) {
      const l = blank("copilot", day, r.user ?? "", it.model, "usage");
      l.costPico = usdOfNumber(it.netAmount);
      l.requests = BigInt(Math.round(it.grossQuantity));
      add(acc, l);
    }
  });
  return [...acc.values()];
}

const REQUIRED_CSV = ["date", "person", "tool", "kind", "cost_usd"] as const;

function parseGenericCsv(text: string): AgentLine[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  const missing = REQUIRED_CSV.filter((c) => !fields.includes(c));
  if (missing.length) throw new AgentParseError(`the CSV lacks the column(s) ${missing.join(", ")} (needed: ${REQUIRED_CSV.join(", ")})`);
  const acc = new Map<string, AgentLine>();
  parsed.data.forEach((r, i) => {
    const where = `row ${i + 2}`;
    const tool = (r.tool ?? "").trim().toLowerCase();
    if (!(AGENT_TOOLS as readonly string[]).includes(tool))
      throw new AgentParseError(`${where}: tool "${r.tool}" is not one of ${AGENT_TOOLS.join(", ")}`);
    const kind = (r.kind ?? "").trim().toLowerCase();
    if (kind !== "usage" && kind !== "seat") throw new AgentParseError(`${where}: kind must be usage or seat`);
    if (!r.person?.trim()) throw new AgentParseError(`${where}: person is empty (an email or login)`);
    let cost: Pico;
    try {
      cost = parseUsd((r.cost_usd ?? "").trim());
    } catch {
      throw new AgentParseError(`${where}: cost_usd "${r.cost_usd}" is not a decimal amount`);
    }
    const n = (c: string) => {
      const v = (r[c] ?? "").trim();
      if (v === "") return 0n;
      if (!/^\d+$/.test(v)) throw new AgentParseError(`${where}: ${c} "${v}" is not a whole number`);
      return BigInt(v);
    };
    const day = dayOf((r.date ?? "").trim(), where);
    const l = blank(tool as AgentTool, kind === "seat" ? `${day.slice(0, 7)}-01` : day, r.person, (r.model ?? "").trim(), kind);
    l.costPico = cost;
    l.inputTokens = n("input_tokens");
    l.outputTokens = n("output_tokens");
    l.requests = n("requests");
    l.sessions = Number(n("sessions"));
    add(acc, l);
  });
  return [...acc.values()];
}

export function parseAgentFile(source: AgentSource, text: string, o: ParseOptions = {}): AgentLine[] {
  switch (source) {
    case "claude_code_usage":
      return parseClaudeCode(text);
    case "cursor_usage_events":
      return parseCursorEvents(text);
    case "cursor_members":
      return parseCursorMembers(text, o);
    case "copilot_seats":
      return parseCopilotSeats(text, o);
    case "copilot_premium_requests":
      return parseCopilotPremium(text);
    case "generic_csv":
      return parseGenericCsv(text);
  }
}

export const agentLineKey = (l: Pick<AgentLine, "day" | "person" | "model" | "kind">) => `${l.day}|${l.person}|${l.model}|${l.kind}`;
