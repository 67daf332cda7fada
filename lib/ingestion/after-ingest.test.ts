import { describe, expect, test, vi } from "vitest";
import { AFTER_INGEST_REACTIONS, runAfterIngest, type AfterIngestReaction } from "./after-ingest";
import type { IngestedSummary } from "../events/ingested-summary";

const summary = (n: number): IngestedSummary => ({
  organizationId: "org",
  events: Array.from({ length: n }, () => ({ feature: "f", team: "t", timestamp: new Date(0), costPico: 1n, tenantId: null, tier: null })),
});

describe("after-ingest reactions", () => {
  test("the list is explicit: guardrail spend, anomaly detection, batch true-ups, budget thresholds, in that order", () => {
    expect(AFTER_INGEST_REACTIONS.map((r) => r.name)).toEqual([
      "guardrails.spend",
      "anomaly.detect",
      "batches.trueup",
      "budgets.thresholds",
    ]);
  });

  test("each reaction runs once, in order; a failing one is logged and the rest still run", async () => {
    const calls: string[] = [];
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    const reactions: AfterIngestReaction[] = [
      { name: "a", run: () => void calls.push("a") },
      {
        name: "b",
        run: async () => {
          calls.push("b");
          throw new Error("boom");
        },
      },
      { name: "c", run: () => void calls.push("c") },
    ];
    await expect(runAfterIngest(summary(2), reactions)).resolves.toBeUndefined();
    expect(calls).toEqual(["a", "b", "c"]);
    expect(err.mock.calls[0][0]).toContain('"b" failed');
    err.mockRestore();
  });

  test("an empty batch (all duplicates) triggers nothing", async () => {
    const run = vi.fn();
    await runAfterIngest(summary(0), [{ name: "x", run }]);
    expect(run).not.toHaveBeenCalled();
  });
});
