/**
 * "What changed and why": the largest movers between two months by team, feature or model.
 * Pure: exact picodollar amounts in, ranked changes out.
 */
import type { Pico } from "../money";

export type MoverInput = { key: string; current: Pico; previous: Pico };
export type Mover = MoverInput & {
  change: Pico;
  /** relative change, null when previous = 0 */ relative: number | null;
  kind: "new" | "gone" | "up" | "down";
};

/** One key's change between the two months, and what kind of change it is. */
export function moverOf(r: MoverInput): Mover {
  const change = r.current - r.previous;
  const relative = r.previous === 0n ? null : Number((change * 1_000_000n) / r.previous) / 1_000_000;
  const kind: Mover["kind"] = r.previous === 0n ? "new" : r.current === 0n ? "gone" : change > 0n ? "up" : "down";
  return { ...r, change, relative, kind };
}

/** Top `n` by absolute change (ties: key order), zero changes left out. */
export function largestMovers(rows: MoverInput[], n = 3): Mover[] {
  return rows
    .map(moverOf)
    .filter((m) => m.change !== 0n)
    .sort((a, b) => {
      const aa = a.change < 0n ? -a.change : a.change;
      const bb = b.change < 0n ? -b.change : b.change;
      return aa === bb ? a.key.localeCompare(b.key) : bb > aa ? 1 : -1;
    })
    .slice(0, n);
}

/** One sentence per mover, e.g. "chatbot_v2 rose by $1,200.00 (+35.0%)". `money` formats pico. */
export function describeMover(m: Mover, dimension: string, money: (p: Pico) => string): string {
  const abs = m.change < 0n ? -m.change : m.change;
  if (m.kind === "new") return `${dimension} ${m.key} is new this month: ${money(m.current)}.`;
  if (m.kind === "gone") return `${dimension} ${m.key} had no spend this month (was ${money(m.previous)}).`;
  const pct = m.relative === null ? "" : ` (${m.relative > 0 ? "+" : ""}${(m.relative * 100).toFixed(1)}%)`;
  return `${dimension} ${m.key} ${m.kind === "up" ? "rose" : "fell"} by ${money(abs)}${pct} to ${money(m.current)}.`;
}
