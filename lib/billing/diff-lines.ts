/**
 * "What changed" between the stored lines of a period and a new import of it. Pure.
 * Lines are keyed by (day, model, line item); a line changes when its cost or any token count
 * differs. Amounts are 12-decimal strings so the audit log keeps them exactly.
 */
import { toDecimalString, type Pico } from "../money";
import type { ParsedLine } from "./parse-billing-file";

export type LineDiff = {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** new total − old total (cost lines only) */
  cost_delta_usd: string;
  /** the first 50 changes, for the audit log and the import list */
  items: { key: string; change: "added" | "removed" | "changed"; before_usd: string | null; after_usd: string | null }[];
};

export const lineKey = (l: Pick<ParsedLine, "day" | "model" | "lineItem">) => `${l.day}|${l.model}|${l.lineItem}`;

const same = (a: ParsedLine, b: ParsedLine) =>
  a.costPico === b.costPico &&
  a.kind === b.kind &&
  a.inputTokens === b.inputTokens &&
  a.outputTokens === b.outputTokens &&
  a.cachedInputTokens === b.cachedInputTokens &&
  a.cacheWriteTokens === b.cacheWriteTokens &&
  a.requests === b.requests;

const usd = (p: Pico | null) => (p === null ? null : toDecimalString(p));

/**
 * The diff of any keyed lines (billing imports, coding-agent imports): added, removed, changed
 * (by `same`), the cost delta and the first 50 changes.
 */
export function diffKeyedLines<L extends { costPico: Pico | null }>(
  before: L[],
  after: L[],
  keyOf: (l: L) => string,
  same: (a: L, b: L) => boolean,
): LineDiff {
  const old = new Map(before.map((l) => [keyOf(l), l]));
  const out: LineDiff = { added: 0, removed: 0, changed: 0, unchanged: 0, cost_delta_usd: "0", items: [] };
  let delta = 0n;
  const push = (item: LineDiff["items"][number]) => {
    if (out.items.length < 50) out.items.push(item);
  };
  for (const l of after) {
    const k = keyOf(l);
    const o = old.get(k);
    old.delete(k);
    delta += (l.costPico ?? 0n) - (o?.costPico ?? 0n);
    if (!o) {
      out.added++;
      push({ key: k, change: "added", before_usd: null, after_usd: usd(l.costPico) });
    } else if (!same(o, l)) {
      out.changed++;
      push({ key: k, change: "changed", before_usd: usd(o.costPico), after_usd: usd(l.costPico) });
    } else out.unchanged++;
  }
  for (const [k, o] of old) {
    out.removed++;
    delta -= o.costPico ?? 0n;
    push({ key: k, change: "removed", before_usd: usd(o.costPico), after_usd: null });
  }
  out.cost_delta_usd = toDecimalString(delta);
  return out;
}

export function diffLines(before: ParsedLine[], after: ParsedLine[]): LineDiff {
  return diffKeyedLines(before, after, lineKey, same);
}
