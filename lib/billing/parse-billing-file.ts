/**
 * Provider billing files → normalised invoice lines (docs/decisions/020-billing-import.md cites
 * the response shapes). Pure: no Prisma, no Next.
 *
 *  - openai_costs: GET /v1/organization/costs — page { data: [bucket { start_time, end_time,
 *    results: [{ object: "organization.costs.result", amount: { value, currency }, line_item,
 *    project_id }] }], has_more, next_page }. `value` is a JSON number in dollars.
 *  - openai_usage: GET /v1/organization/usage/completions — buckets of
 *    "organization.usage.completions.result" { input_tokens (incl. cached), output_tokens,
 *    input_cached_tokens, num_model_requests, model, batch, project_id, … }.
 *  - anthropic_cost_report: GET /v1/organizations/cost_report — { data: [{ starting_at,
 *    ending_at, results: [{ currency, amount, description, cost_type, model, token_type, … }] }],
 *    has_more, next_page }. `amount` is a decimal STRING in cents ("123.45" = $1.2345).
 *  - anthropic_usage: GET /v1/organizations/usage_report/messages — buckets of { uncached_input_tokens,
 *    cache_creation: { ephemeral_1h_input_tokens, ephemeral_5m_input_tokens },
 *    cache_read_input_tokens, output_tokens, model, … }.
 *  - focus: a FOCUS 1.x CSV (cloud billing export); AI rows only are useful but all are kept.
 * A saved file may be one page or an array of pages (what a paginating script writes).
 *
 * Currency (docs/decisions/047-currencies.md): a file is read for an account billed in one
 * currency; every money line must be in it (OpenAI `amount.currency`, Anthropic `currency`, FOCUS
 * `BillingCurrency`), and its amounts are kept in it, exact, unconverted.
 */
import Papa from "papaparse";
import { parseUsd, type Pico } from "../money";
import { floatToDecimalString } from "../money/decimal-text";
import { DAY_MS } from "../time";
import { currencyCode, USD, type CurrencyCode } from "../fx/rates";

export const BILLING_SOURCES = ["openai_costs", "openai_usage", "anthropic_cost_report", "anthropic_usage", "focus"] as const;
export type BillingSource = (typeof BILLING_SOURCES)[number];

export type InvoiceLineKind = "usage" | "credit" | "tax" | "purchase";

export type ParsedLine = {
  /** UTC day, YYYY-MM-DD */
  day: string;
  provider: string;
  model: string;
  lineItem: string;
  kind: InvoiceLineKind;
  /** null: the source carries tokens only. In `currency` units × 10^12 (picodollars for USD) */
  costPico: Pico | null;
  /** the invoice's currency (the account's billing currency) */
  currency: CurrencyCode;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  requests: bigint;
};

export class BillingParseError extends Error {}

const day = (d: Date) => d.toISOString().slice(0, 10);
const int = (v: unknown): bigint => {
  if (v === null || v === undefined || v === "") return 0n;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^\d+$/.test(v.trim())) return BigInt(v.trim());
  if (typeof v === "string" && /^\d+(\.0+)?$/.test(v.trim())) return BigInt(v.trim().split(".")[0]);
  throw new BillingParseError(`expected a whole token count, got ${JSON.stringify(v)}`);
};
/** InvoiceLine.costUsd is Decimal(24, 12): at most 10^12 − 1 currency units per line (× 10^12). */
const MAX_LINE_PICO = 10n ** 24n;
const money = (v: unknown, where: string, scale = 1n): Pico => {
  let p: Pico;
  try {
    if (typeof v === "number" && Number.isFinite(v)) p = parseUsd(floatToDecimalString(v));
    else if (typeof v === "string" && v.trim() !== "") p = parseUsd(v.trim());
    else throw new RangeError("no amount");
  } catch {
    throw new BillingParseError(`${where}: expected an amount, got ${JSON.stringify(v)}`);
  }
  p /= scale;
  if (p >= MAX_LINE_PICO || p <= -MAX_LINE_PICO)
    throw new BillingParseError(
      `${where}: the amount ${JSON.stringify(v)} is out of range (at most 999,999,999,999 dollars a line): is this the right file?`,
    );
  return p;
};

/**
 * The currency of a money line, which must be the account's: a file in another currency is
 * refused with what to do, never read as if it were the account's.
 */
function lineCurrency(raw: unknown, expected: CurrencyCode, where: string): CurrencyCode {
  const c = raw === undefined || raw === null || raw === "" ? USD : currencyCode(String(raw));
  if (!c) throw new BillingParseError(`${where}: currency ${JSON.stringify(raw)} is not a currency code`);
  if (c !== expected)
    throw new BillingParseError(
      `${where}: the amounts are in ${c} but the account is billed in ${expected}: set the account's billing currency to ${c} (Settings → Currency) before importing, or import into an account billed in ${c}`,
    );
  return c;
}

type Bucket = { start: Date; end: Date; results: Record<string, unknown>[] };

/** One page, or an array of pages, of `{ data: [bucket] }`. */
function buckets(json: unknown, startKey: "start_time" | "starting_at"): Bucket[] {
  const endKey = startKey === "start_time" ? "end_time" : "ending_at";
  const time = (raw: unknown) => (startKey === "start_time" ? new Date(Number(raw) * 1000) : new Date(String(raw)));
  const pages = Array.isArray(json) ? json : [json];
  const out: Bucket[] = [];
  for (const [pi, page] of pages.entries()) {
    const data = (page as { data?: unknown })?.data;
    if (!Array.isArray(data)) throw new BillingParseError(`page ${pi + 1}: no "data" array — is this the API's response as saved?`);
    for (const [bi, b] of data.entries()) {
      const raw = (b as Record<string, unknown>)[startKey];
      const start = time(raw);
      if (raw === undefined || Number.isNaN(start.getTime())) {
        throw new BillingParseError(`page ${pi + 1}, bucket ${bi + 1}: "${startKey}" is missing or not a time (${JSON.stringify(raw)})`);
      }
      // the bucket's end says which days the provider reported on, even when a day billed nothing;
      // a bucket without one is a day (bucket_width=1d, the only width the connectors ask for)
      const rawEnd = (b as Record<string, unknown>)[endKey];
      const end = rawEnd === undefined || rawEnd === null ? new Date(start.getTime() + DAY_MS) : time(rawEnd);
      if (Number.isNaN(end.getTime()) || end <= start) {
        throw new BillingParseError(
          `page ${pi + 1}, bucket ${bi + 1}: "${endKey}" is not a time after "${startKey}" (${JSON.stringify(rawEnd)})`,
        );
      }
      const results = (b as { results?: unknown }).results;
      if (!Array.isArray(results)) throw new BillingParseError(`page ${pi + 1}, bucket ${bi + 1}: no "results" array`);
      out.push({ start, end, results: results as Record<string, unknown>[] });
    }
  }
  return out;
}

const zero = { inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, requests: 0n };

/** "gpt-4o-2024-08-06, input" → model "gpt-4o-2024-08-06"; a line item naming no model → "". */
export function modelOfLineItem(lineItem: string): string {
  const head = lineItem.split(",")[0].trim();
  return /^(gpt|o\d|chatgpt|text-|dall-e|whisper|tts|ft:|davinci|babbage|claude|gemini|omni|computer-use|codex)/i.test(head) ? head : "";
}

function parseOpenAiCosts(bs: Bucket[], ccy: CurrencyCode): ParsedLine[] {
  return bs.flatMap((b) =>
    b.results.map((r) => {
      const amount = r.amount as { value?: unknown; currency?: string } | undefined;
      const currency = lineCurrency(amount?.currency, ccy, `costs on ${day(b.start)}`);
      const lineItem = typeof r.line_item === "string" ? r.line_item : "";
      const cost = money(amount?.value, `costs on ${day(b.start)}`);
      const kind: InvoiceLineKind = cost < 0n || /credit/i.test(lineItem) ? "credit" : /tax/i.test(lineItem) ? "tax" : "usage";
      return {
        day: day(b.start),
        provider: "openai",
        model: modelOfLineItem(lineItem),
        lineItem: lineItem || "total",
        kind,
        costPico: cost,
        currency,
        ...zero,
      };
    }),
  );
}

function parseOpenAiUsage(bs: Bucket[], ccy: CurrencyCode): ParsedLine[] {
  return bs.flatMap((b) =>
    b.results.map((r) => ({
      day: day(b.start),
      provider: "openai",
      model: typeof r.model === "string" ? r.model : "",
      lineItem: r.batch === true ? "batch" : "completions",
      kind: "usage" as const,
      costPico: null,
      currency: ccy,
      inputTokens: int(r.input_tokens),
      outputTokens: int(r.output_tokens),
      cachedInputTokens: int(r.input_cached_tokens),
      cacheWriteTokens: 0n,
      requests: int(r.num_model_requests),
    })),
  );
}

function parseAnthropicCost(bs: Bucket[], ccy: CurrencyCode): ParsedLine[] {
  return bs.flatMap((b) =>
    b.results.map((r) => {
      const currency = lineCurrency(r.currency, ccy, `cost_report on ${day(b.start)}`);
      // amount is in cents (of its currency) as a decimal string: units = cents / 100, exact
      const cost = money(r.amount, `cost_report on ${day(b.start)}`, 100n);
      const lineItem =
        [r.description, r.token_type, r.service_tier, r.context_window].filter((x) => typeof x === "string" && x).join(" | ") ||
        String(r.cost_type ?? "total");
      const kind: InvoiceLineKind = cost < 0n ? "credit" : "usage";
      return {
        day: day(b.start),
        provider: "anthropic",
        model: typeof r.model === "string" ? r.model : "",
        lineItem,
        kind,
        costPico: cost,
        currency,
        ...zero,
      };
    }),
  );
}

function parseAnthropicUsage(bs: Bucket[], ccy: CurrencyCode): ParsedLine[] {
  return bs.flatMap((b) =>
    b.results.map((r) => {
      const cc = (r.cache_creation ?? {}) as Record<string, unknown>;
      const write = int(cc.ephemeral_1h_input_tokens) + int(cc.ephemeral_5m_input_tokens);
      const read = int(r.cache_read_input_tokens);
      return {
        day: day(b.start),
        provider: "anthropic",
        model: typeof r.model === "string" ? r.model : "",
        lineItem: [r.service_tier, r.context_window].filter((x) => typeof x === "string" && x).join(" | ") || "messages",
        kind: "usage" as const,
        costPico: null,
        currency: ccy,
        // Spendline's convention: input includes cache reads and writes
        inputTokens: int(r.uncached_input_tokens) + read + write,
        outputTokens: int(r.output_tokens),
        cachedInputTokens: read,
        cacheWriteTokens: write,
        requests: 0n,
      };
    }),
  );
}

const FOCUS_KIND: Record<string, InvoiceLineKind> = {
  Usage: "usage",
  Credit: "credit",
  Tax: "tax",
  Purchase: "purchase",
  Adjustment: "credit",
};

function parseFocus(text: string, ccy: CurrencyCode): { lines: ParsedLine[]; period: BillingPeriod | null } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const cols = parsed.meta.fields ?? [];
  for (const c of ["ChargePeriodStart", "ChargeCategory", "BilledCost"]) {
    if (!cols.includes(c)) throw new BillingParseError(`the FOCUS file has no ${c} column (columns: ${cols.slice(0, 8).join(", ")}…)`);
  }
  let period: BillingPeriod | null = null;
  const lines = parsed.data.map((r, i) => {
    const start = new Date(r.ChargePeriodStart);
    if (Number.isNaN(start.getTime()))
      throw new BillingParseError(`row ${i + 2}: ChargePeriodStart "${r.ChargePeriodStart}" is not a date`);
    // ChargePeriodEnd is exclusive (FOCUS); a row without one covers its start day
    const end = r.ChargePeriodEnd ? new Date(r.ChargePeriodEnd) : new Date(start.getTime() + 1);
    if (Number.isNaN(end.getTime()) || end <= start)
      throw new BillingParseError(`row ${i + 2}: ChargePeriodEnd "${r.ChargePeriodEnd}" is not a date after ChargePeriodStart`);
    period = widen(period, start, end);
    const kind = FOCUS_KIND[r.ChargeCategory];
    if (!kind) throw new BillingParseError(`row ${i + 2}: ChargeCategory "${r.ChargeCategory}" is not a FOCUS value`);
    const provider = (r.ProviderName || r.ServiceProviderName || r.InvoiceIssuerName || "unknown").trim().toLowerCase();
    const model = (r.x_Model || r.x_model || r.SkuMeter || r.ResourceName || "").trim();
    const unit = (r.ConsumedUnit || r.PricingUnit || "").toLowerCase();
    const qty = /token/.test(unit) && r.ConsumedQuantity ? BigInt(r.ConsumedQuantity.split(".")[0]) : 0n;
    const output = /output/i.test(`${r.x_TokenDirection ?? ""} ${r.SkuMeter ?? ""} ${r.ChargeDescription ?? ""}`);
    return {
      day: day(start),
      provider,
      model,
      lineItem: (r.ChargeDescription || r.SkuId || r.ServiceName || `row ${i + 2}`).trim(),
      kind,
      costPico: money(r.BilledCost, `row ${i + 2} BilledCost`),
      currency: lineCurrency(r.BillingCurrency, ccy, `row ${i + 2} BillingCurrency`),
      ...zero,
      inputTokens: output ? 0n : qty,
      outputTokens: output ? qty : 0n,
    };
  });
  return { lines, period };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BillingParseError("the file is not JSON: save the API's response body as it came (or pick the FOCUS CSV source)");
  }
}

/** The UTC days a file reports on, inclusive: from its buckets (or FOCUS charge periods), not its lines. */
export type BillingPeriod = { first: string; last: string };

function widen(p: BillingPeriod | null, start: Date, endExclusive: Date): BillingPeriod {
  const first = day(start);
  const last = day(new Date(endExclusive.getTime() - 1));
  if (!p) return { first, last };
  return { first: first < p.first ? first : p.first, last: last > p.last ? last : p.last };
}

const BUCKET_PARSERS = {
  openai_costs: ["start_time", parseOpenAiCosts],
  openai_usage: ["start_time", parseOpenAiUsage],
  anthropic_cost_report: ["starting_at", parseAnthropicCost],
  anthropic_usage: ["starting_at", parseAnthropicUsage],
} as const satisfies Record<
  Exclude<BillingSource, "focus">,
  readonly ["start_time" | "starting_at", (bs: Bucket[], ccy: CurrencyCode) => ParsedLine[]]
>;

/**
 * Reads one file: its lines, merged where they share (day, model, line item) — e.g. the same
 * line item in several projects — by summing, so each key appears once; and the period it
 * reports on, which includes days that billed nothing (an empty bucket is a day with no cost,
 * not a day the file does not cover).
 */
export function readBillingFile(
  source: BillingSource,
  text: string,
  currency: CurrencyCode = USD,
): { lines: ParsedLine[]; period: BillingPeriod | null } {
  let raw: ParsedLine[];
  let period: BillingPeriod | null = null;
  if (source === "focus") {
    ({ lines: raw, period } = parseFocus(text, currency));
  } else {
    const [startKey, parse] = BUCKET_PARSERS[source];
    const bs = buckets(parseJson(text), startKey);
    raw = parse(bs, currency);
    for (const b of bs) period = widen(period, b.start, b.end);
  }
  return { lines: mergeLines(raw), period };
}

/** The file's lines (see readBillingFile). */
export function parseBillingFile(source: BillingSource, text: string, currency: CurrencyCode = USD): ParsedLine[] {
  return readBillingFile(source, text, currency).lines;
}

function mergeLines(lines: ParsedLine[]): ParsedLine[] {
  const merged = new Map<string, ParsedLine>();
  for (const l of lines) {
    const key = `${l.day}|${l.model}|${l.lineItem}`;
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, { ...l });
      continue;
    }
    prev.costPico = prev.costPico === null && l.costPico === null ? null : (prev.costPico ?? 0n) + (l.costPico ?? 0n);
    prev.inputTokens += l.inputTokens;
    prev.outputTokens += l.outputTokens;
    prev.cachedInputTokens += l.cachedInputTokens;
    prev.cacheWriteTokens += l.cacheWriteTokens;
    prev.requests += l.requests;
    if (prev.kind !== l.kind && (prev.costPico ?? 0n) < 0n) prev.kind = "credit";
  }
  return [...merged.values()].sort((a, b) => (a.day + a.model + a.lineItem < b.day + b.model + b.lineItem ? -1 : 1));
}

/** The provider of an account importing this source (FOCUS: whatever the rows say). */
export function providerOfSource(source: BillingSource): string | null {
  return source.startsWith("openai") ? "openai" : source.startsWith("anthropic") ? "anthropic" : null;
}
