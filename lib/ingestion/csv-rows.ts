/**
 * CSV upload: the same columns as the JSON contract with dotted names flattened
 * (usage.input_tokens, tenant.id, prompt.version, metadata.<key> or a JSON `metadata` cell).
 * Cells are text; this turns a row into an event object with numbers and booleans where the
 * contract expects them. Anything malformed is passed through as text, so the validator's
 * message names the field (e.g. "usage.input_tokens: expected integer ≥ 0").
 */
const USAGE_FIELDS = [
  "usage.input_tokens",
  "usage.output_tokens",
  "usage.cached_input_tokens",
  "usage.cache_write_tokens",
  "usage.reasoning_tokens",
  "usage.grounding_tokens",
  "usage.wasted_tokens",
];
const INTEGER_FIELDS = new Set([...USAGE_FIELDS, "latency_ms", "delivered_output_tokens"]);
const BOOLEAN_FIELDS = new Set(["correct", "streamed", "aborted"]);

export const CSV_COLUMNS = [
  "id",
  "timestamp",
  "feature",
  "team",
  "environment",
  "tenant.id",
  "tenant.tier",
  "user_id",
  "session_id",
  "task_id",
  "provider",
  "model",
  "modality",
  "prompt.template",
  "prompt.version",
  ...USAGE_FIELDS,
  "cost_usd",
  "latency_ms",
  "outcome",
  "correct",
  "streamed",
  "aborted",
  "delivered_output_tokens",
  "metadata",
];

function cell(name: string, raw: string): unknown {
  const v = raw.trim();
  if (INTEGER_FIELDS.has(name)) return /^-?\d+$/.test(v) ? Number(v) : v;
  if (BOOLEAN_FIELDS.has(name)) {
    const l = v.toLowerCase();
    return l === "true" || l === "1" || l === "yes" ? true : l === "false" || l === "0" || l === "no" ? false : v;
  }
  if (name === "metadata") {
    try {
      return JSON.parse(v);
    } catch {
      return v; // the validator reports "metadata: expected object"
    }
  }
  return v;
}

export function csvRowToEvent(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of Object.entries(row)) {
    const key = rawKey.trim();
    if (!key || rawValue === undefined || rawValue === null) continue;
    const text = String(rawValue);
    if (text.trim() === "") continue; // empty cell = field not given
    const value = key.startsWith("metadata.") ? text : cell(key, text);
    const path = key.split(".");
    let node = out;
    for (let i = 0; i < path.length - 1; i++) {
      const existing = node[path[i]];
      if (!existing || typeof existing !== "object" || Array.isArray(existing)) node[path[i]] = {};
      node = node[path[i]] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return out;
}
