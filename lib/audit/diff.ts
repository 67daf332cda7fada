/**
 * A readable diff of an audit entry's before/after (flat field list, nested objects as dotted
 * paths). Pure. `changes(before, after)` is empty when nothing changed: writeAudit skips those
 * no-op edits (saving a form without changing it is not an administrative action).
 */
export type Change = { field: string; before: string; after: string };

function flatten(v: unknown, prefix: string, out: Map<string, string>) {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, "{}");
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix || "value", v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));
}

export function changes(before: unknown, after: unknown): Change[] {
  const b = new Map<string, string>(),
    a = new Map<string, string>();
  if (before !== undefined && before !== null) flatten(JSON.parse(JSON.stringify(before)), "", b);
  if (after !== undefined && after !== null) flatten(JSON.parse(JSON.stringify(after)), "", a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields.map((field) => ({ field, before: b.get(field) ?? "—", after: a.get(field) ?? "—" })).filter((c) => c.before !== c.after);
}

/** True for an update whose before and after are the same: nothing to record. */
export function isNoOp(before: unknown, after: unknown): boolean {
  return before !== undefined && before !== null && after !== undefined && after !== null && changes(before, after).length === 0;
}
