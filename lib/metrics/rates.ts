import { divHalfEven, type Pico } from "../money";

/**
 * Token efficiency and quality rates (docs/metrics.md "Token efficiency"). Rates are floats for display;
 * null when the denominator is 0 (a visible gap, never a fake 0).
 */
export function tokenEfficiencyRatio(outputTokens: bigint | number, inputTokens: bigint | number): number | null {
  const i = BigInt(inputTokens);
  if (i === 0n) return null;
  return Number((BigInt(outputTokens) * 1_000_000n) / i) / 1_000_000;
}

/** successes / all events (outcome `unknown` counts in the denominator). */
export function successRate(successes: number, events: number): number | null {
  return events > 0 ? successes / events : null;
}

/** events with correct = true / events where correct is set. */
export function correctRate(correctTrue: number, correctSet: number): number | null {
  return correctSet > 0 ? correctTrue / correctSet : null;
}

/** total cost / events judged correct; null when none was. */
export function costPerCorrectOutput(totalCost: Pico, correctTrue: number): Pico | null {
  return correctTrue > 0 ? divHalfEven(totalCost, BigInt(correctTrue)) : null;
}

export type TaskRow = { cost: Pico; lastOutcome: string };

/** total cost of all tasks / tasks whose last outcome is success. */
export function costPerResolvedTask(tasks: readonly TaskRow[]): {
  tasks: number;
  resolved: number;
  totalCost: Pico;
  perResolved: Pico | null;
} {
  let total = 0n;
  let resolved = 0;
  for (const t of tasks) {
    total += t.cost;
    if (t.lastOutcome === "success") resolved++;
  }
  return { tasks: tasks.length, resolved, totalCost: total, perResolved: resolved > 0 ? divHalfEven(total, BigInt(resolved)) : null };
}

/** Exact comparison of two rates given as fractions: a/b ≥ c/d. */
export function rateAtLeast(a: number, b: number, c: number, d: number): boolean {
  return BigInt(a) * BigInt(d) >= BigInt(c) * BigInt(b);
}

/** Same rule from aggregates (SQL sums): total task cost / resolved tasks. */
export function costPerResolvedTaskFromTotals(totalCost: Pico, resolved: number): Pico | null {
  return resolved > 0 ? divHalfEven(totalCost, BigInt(resolved)) : null;
}
