import { z } from "zod";
import { calendarDay } from "../core/wire";
import { DAY_MS } from "../time";
import { eventsRetentionSchema } from "../storage/schemas";
import { normalizeServiceTier, SERVICE_TIER_VALUES } from "../pricing/service-tiers";

/**
 * The cost event, v1 (docs/ingestion.md "The cost event (v1)"). Every message names the field it is about,
 * e.g. "usage.input_tokens: expected integer ≥ 0" (the path is prefixed by formatIssues).
 * Strings must be well-formed Unicode without NUL: PostgreSQL text and jsonb refuse both,
 * and an event we cannot store must be rejected here, never fail the batch later.
 */
export const MAX_EVENTS_PER_REQUEST = 1000;
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_METADATA_BYTES = 4096;
/** PostgreSQL integer columns */
const MAX_INT = 2_147_483_647;
/** one model call costing more than this is a unit mistake, not a bill */
const MAX_COST_USD = 1_000_000;

/** zod error option: "required" when the field is missing, else what was expected */
const expected = (what: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? "required" : what) });

function storable(s: string): boolean {
  return !s.includes("\u0000") && s.isWellFormed();
}

const str = (max: number) =>
  z
    .string(expected("expected string"))
    .min(1, { error: "must not be empty" })
    .max(max, { error: `at most ${max} characters` })
    .refine(storable, { error: "contains NUL or invalid Unicode" });

const count = () =>
  z
    .number(expected("expected integer ≥ 0"))
    .int({ error: "expected integer ≥ 0" })
    .min(0, { error: "expected integer ≥ 0" })
    .max(MAX_INT, { error: `expected integer ≤ ${MAX_INT}` });

const decimalText = /^\d{1,7}(\.\d{1,12})?$/;

const costUsd = z.union([z.number(), z.string()], { error: "expected decimal ≥ 0" }).transform((v, ctx) => {
  let text: string;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0 || v > MAX_COST_USD) {
      ctx.addIssue({ code: "custom", message: `expected decimal between 0 and ${MAX_COST_USD}` });
      return z.NEVER;
    }
    // the number as written in the JSON (shortest round-trip), never float arithmetic
    text = String(v);
    if (/e/i.test(text)) text = v.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
  } else text = v.trim();
  if (!decimalText.test(text) || Number(text) > MAX_COST_USD) {
    ctx.addIssue({ code: "custom", message: `expected decimal between 0 and ${MAX_COST_USD} (at most 12 decimals)` });
    return z.NEVER;
  }
  return text;
});

const timestamp = z
  .string(expected("expected ISO-8601 date-time"))
  .max(40, { error: "expected ISO-8601 date-time" })
  .transform((v, ctx) => {
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v);
    const d = new Date(v);
    if (!ok || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "expected ISO-8601 date-time with a time zone, e.g. 2025-06-01T12:00:00Z" });
      return z.NEVER;
    }
    const year = d.getUTCFullYear();
    if (year < 2000 || d.getTime() > Date.now() + 7 * DAY_MS) {
      ctx.addIssue({ code: "custom", message: "must be after 2000-01-01 and at most 7 days in the future" });
      return z.NEVER;
    }
    return d;
  });

/** The provider's service tier, as the provider spells it ("default", "auto", "flex", "priority", "batch", …): stored normalised. */
const serviceTier = z.string(expected("expected string")).transform((v, ctx) => {
  const t = normalizeServiceTier(v);
  if (!t) {
    ctx.addIssue({ code: "custom", message: `expected one of ${SERVICE_TIER_VALUES.join(", ")}` });
    return z.NEVER;
  }
  return t;
});

/** Seconds of audio, at most 3 decimals: kept as whole milliseconds (exact). */
const audioSeconds = z.union([z.number(), z.string()], { error: "expected seconds ≥ 0 (at most 3 decimals)" }).transform((v, ctx) => {
  const text = typeof v === "number" ? String(v) : v.trim();
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "expected seconds ≥ 0 (at most 3 decimals)" });
    return z.NEVER;
  }
  const [whole, frac = ""] = text.split(".");
  return Number(whole) * 1000 + Number(frac.padEnd(3, "0"));
});

const MAX_METADATA_DEPTH = 16;

function storableDeep(v: unknown, depth: number): boolean {
  if (depth > MAX_METADATA_DEPTH) return false;
  if (typeof v === "string") return storable(v);
  if (typeof v === "number") return Number.isFinite(v);
  if (v === null || typeof v === "boolean") return true;
  if (Array.isArray(v)) return v.every((x) => storableDeep(x, depth + 1));
  if (typeof v === "object") return Object.entries(v).every(([k, x]) => storable(k) && storableDeep(x, depth + 1));
  return false;
}

const metadata = z.record(z.string(), z.unknown(), { error: "expected object" }).refine(
  (m) => {
    // walk first: bounded depth (no stack overflow on hostile nesting), every key and string storable
    if (!storableDeep(m, 0)) return false;
    return Buffer.byteLength(JSON.stringify(m), "utf8") <= MAX_METADATA_BYTES;
  },
  {
    error: `expected object of at most ${MAX_METADATA_BYTES} bytes as JSON, nested at most ${MAX_METADATA_DEPTH} levels, without NUL or invalid Unicode`,
  },
);

export const costEventSchema = z
  .object(
    {
      id: str(128),
      timestamp,
      feature: str(100),
      team: str(100).optional(),
      environment: z.enum(["prod", "staging", "dev"], { error: "expected one of prod, staging, dev" }).optional(),
      tenant: z.object({ id: str(200).optional(), tier: str(100).optional() }, { error: "expected object { id, tier }" }).optional(),
      user_id: str(200).optional(),
      session_id: str(200).optional(),
      task_id: str(200).optional(),
      provider: str(100).optional(),
      model: str(200),
      modality: str(50).optional(),
      service_tier: serviceTier.optional(),
      /** the batch job the call ran in (the id registered with POST /api/v1/batches): trues up its estimate */
      batch_id: str(128).optional(),
      prompt: z
        .object({ template: str(200).optional(), version: str(100).optional() }, { error: "expected object { template, version }" })
        .optional(),
      usage: z.object(
        {
          input_tokens: count(),
          output_tokens: count(),
          cached_input_tokens: count().optional(),
          cache_write_tokens: count().optional(),
          reasoning_tokens: count().optional(),
          grounding_tokens: count().optional(),
          wasted_tokens: count().optional(),
          // priced lines beyond tokens (decision 045)
          web_search_calls: count().optional(),
          file_search_calls: count().optional(),
          code_interpreter_sessions: count().optional(),
          tool_calls: count().optional(),
          images: count().optional(),
          audio_seconds: audioSeconds.optional(),
        },
        expected("expected object with input_tokens and output_tokens"),
      ),
      cost_usd: costUsd.optional(),
      latency_ms: count().optional(),
      outcome: z
        .enum(["success", "failure", "abandoned", "unknown"], { error: "expected one of success, failure, abandoned, unknown" })
        .optional(),
      correct: z.boolean({ error: "expected boolean" }).optional(),
      streamed: z.boolean({ error: "expected boolean" }).optional(),
      aborted: z.boolean({ error: "expected boolean" }).optional(),
      delivered_output_tokens: count().optional(),
      /** false: the source could not report usage (a stream cut before its usage, a span without usage) */
      usage_reported: z.boolean({ error: "expected boolean" }).optional(),
      metadata: metadata.optional(),
    },
    { error: "expected object" },
  )
  .superRefine((e, ctx) => {
    const u = e.usage;
    // zod runs this even when a field already failed: only compare values that are valid
    if (!Number.isInteger(u.input_tokens) || u.input_tokens < 0 || !Number.isInteger(u.output_tokens) || u.output_tokens < 0) return;
    const issue = cacheTokenIssue(u.input_tokens, u.cached_input_tokens, u.cache_write_tokens);
    if (issue) ctx.addIssue({ code: "custom", path: ["usage", issue.field], message: issue.message });
    if ((u.reasoning_tokens ?? 0) > u.output_tokens) {
      ctx.addIssue({
        code: "custom",
        path: ["usage", "reasoning_tokens"],
        message: `${u.reasoning_tokens} must be ≤ output_tokens (${u.output_tokens}); output includes reasoning`,
      });
    }
  });

/**
 * Which cache count is wrong when cached + cache-write tokens exceed input_tokens (input includes
 * both): the one that alone exceeds input, else the cache-write count (the one added on top).
 * Only valid counts reach here (zod has already rejected non-integers).
 */
export function cacheTokenIssue(
  input: number,
  cached: number | undefined,
  write: number | undefined,
): { field: "cached_input_tokens" | "cache_write_tokens"; message: string } | null {
  const c = Number.isInteger(cached) && cached! >= 0 ? cached! : 0;
  const w = Number.isInteger(write) && write! >= 0 ? write! : 0;
  if (c + w <= input) return null;
  if (c > input) return { field: "cached_input_tokens", message: `${c} exceeds input_tokens (${input}); input includes cached tokens` };
  if (w > input) return { field: "cache_write_tokens", message: `${w} exceeds input_tokens (${input}); input includes cache-write tokens` };
  return {
    field: w > 0 ? "cache_write_tokens" : "cached_input_tokens",
    message: `cached_input_tokens (${c}) + cache_write_tokens (${w}) = ${c + w} exceed input_tokens (${input}); input includes both`,
  };
}

export type CostEventInput = z.infer<typeof costEventSchema>;

/**
 * "path: message", and with the raw input the bad value itself ("… (got "abc")") so that an
 * upload's error report says which value to fix, not only which column.
 */
export function formatIssues(err: z.ZodError, raw?: unknown): string[] {
  return err.issues.map((i) => {
    const path = i.path.map(String).join(".");
    let msg = i.message;
    // zod's own message for a missing key is about "undefined"; say what the contract needs
    if (i.code === "invalid_type" && /received undefined/.test(msg)) msg = "required";
    const got = raw === undefined ? undefined : valueAt(raw, i.path);
    if (got !== undefined && got !== null && typeof got !== "object" && !msg.includes(String(got))) {
      const shown = JSON.stringify(got);
      msg += ` (got ${shown.length > 60 ? shown.slice(0, 57) + "…" : shown})`;
    }
    return path ? `${path}: ${msg}` : msg;
  });
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** The id of a raw (possibly invalid) event, for the rejection report. */
export function rawId(e: unknown): string | null {
  if (e && typeof e === "object" && "id" in e) {
    const id = (e as { id: unknown }).id;
    if (typeof id === "string") return id.slice(0, 128);
  }
  return null;
}

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const usd6 = z.string().regex(/^-?\d+\.\d{6}$/);
const dateTime = z.string().meta({ format: "date-time" });

/** Request body of POST /api/v1/events: an array, `{ events: [...] }`, or NDJSON lines. */
export const eventsBatchSchema = z.union([z.array(costEventSchema), z.strictObject({ events: z.array(costEventSchema) })]);

export const ingestResultSchema = z.strictObject({
  accepted: z.number().int().meta({ description: "events stored" }),
  duplicates: z.number().int().meta({ description: "events whose id was already stored (or repeated in the batch)" }),
  rejected: z.array(
    z.strictObject({
      index: z.number().int(),
      id: z.string().nullable(),
      errors: z.array(z.string()).meta({ description: "one message per invalid field" }),
    }),
  ),
});

const priceLineWire = z.strictObject({
  kind: z.string().meta({ description: "tokens, web_search, file_search, code_interpreter, tool_call, image, audio, discount, markup" }),
  quantity: z.number(),
  cost_usd: usd6,
  unit_price_usd: z.string().nullable(),
  unpriced: z.boolean(),
  service_tier: z.string().nullable(),
  tier_basis: z.string().nullable(),
  long_context_above: z.number().int().nullable(),
  standard_cost_usd: usd6.nullable(),
  source: z.string().nullable(),
  percent: z.string().nullable(),
});

export const storedEventSchema = z.strictObject({
  id: z.string(),
  timestamp: dateTime,
  received_at: dateTime,
  ingestion_delay_ms: z.number().int(),
  feature: z.string(),
  team: z.string(),
  environment: z.string(),
  tenant_id: z.string().nullable(),
  tenant_tier: z.string().nullable(),
  session_id: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string(),
  service_tier: z
    .string()
    .nullable()
    .meta({ description: "the provider's service tier (standard, flex, priority, scale, batch); null: not reported" }),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cached_input_tokens: z.number().int(),
  reasoning_tokens: z.number().int(),
  cost_usd: usd6,
  catalog_cost_usd: usd6.nullable(),
  cost_source: z.string(),
  unpriced: z.boolean(),
  usage_reported: z
    .boolean()
    .meta({ description: 'false: the call\'s usage was not known (stored with zero tokens, shown as "no usage reported", never as free)' }),
  price_lines: z
    .array(priceLineWire)
    .nullable()
    .optional()
    .meta({ description: "the price book's lines (sum = catalog_cost_usd); null when the cost is tokens at standard rates; not in CSV" }),
  margin_usd: usd6.nullable().meta({ description: "internal chargeback margin (a price-book margin rule), apart from the provider cost" }),
  outcome: z.string().nullable(),
  latency_ms: z.number().int().nullable(),
  source: z.string(),
});
export const eventsListResponse = z.strictObject({
  events: z.array(storedEventSchema),
  next_cursor: z.string().nullable().meta({ description: "pass as `cursor` for the next page; null on the last page" }),
  retention: eventsRetentionSchema.meta({
    description: "raw events before raw_events_kept_from are past retention: not listed (rollup totals keep them)",
  }),
});

/** CSV upload from the Events page: the browser parses the file and posts chunks of rows. */
export const csvUploadSchema = z.strictObject({
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .max(MAX_EVENTS_PER_REQUEST, { error: `at most ${MAX_EVENTS_PER_REQUEST} rows per request` }),
});

// ── Raw events list (Events page, GET /api/v1/events) ──────────────────────────────────────
const day = calendarDay;

export const eventsQuerySchema = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  feature: z.string().max(100).optional(),
  team: z.string().max(100).optional(),
  model: z.string().max(200).optional(),
  environment: z.enum(["prod", "staging", "dev"]).optional(),
  tier: z.string().max(100).optional(),
  source: z.enum(["api", "otlp", "csv", "demo"]).optional(),
  unpriced: z.enum(["1", "0"]).optional(),
  id: z.string().max(128).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.enum(["json", "csv"]).optional(),
});
