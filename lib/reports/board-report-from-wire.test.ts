import { describe, expect, test } from "vitest";
import { boardReportFromWire } from "./board-report-from-wire";
import type { BoardReport } from "./get-board-report";

const failed = { ok: false as const, message: "This section could not be computed (boom); the error was logged." };
/** A document as a month closed before decision 058 froze it: no currency block. */
const doc = (over: Partial<Record<keyof BoardReport, unknown>> = {}) =>
  ({
    organization: "Acme",
    month: "2026-02",
    period: { from: "2026-02-01", to: "2026-03-01" },
    complete: true,
    generated_at: "2026-03-10T12:00:00.000Z",
    data_cutoff: "2026-03-02T09:00:00.000Z",
    first_data_day: "2026-01-15",
    ...Object.fromEntries(
      [
        "chargeback",
        "trend",
        "forecast",
        "cost_per_interaction",
        "token_efficiency",
        "freemium",
        "unit_economics",
        "movers",
        "actions",
        "readiness",
        "billing",
        "unpriced",
        "opportunities",
        "coding_agents",
        "shadow_ai",
      ].map((k) => [k, failed]),
    ),
    ...over,
  }) as unknown as BoardReport;

describe("boardReportFromWire", () => {
  test("a document without a currency block reads in USD; dates become Dates; a failed section keeps its message", () => {
    const r = boardReportFromWire(doc());
    expect(r.currency).toMatchObject({ code: "USD", conversion: null, note: null });
    expect(r.dataCutoff.toISOString()).toBe("2026-03-02T09:00:00.000Z");
    expect(r.costPerInteraction).toEqual(failed);
  });

  test.each([
    ["10.333333", 10_333_333_000_000n],
    ["0.000001", 1_000_000n],
    ["-2.500000", -2_500_000_000_000n],
  ])("money %s reads back as %s picodollars (the document's six decimals, exactly)", (s, pico) => {
    const r = boardReportFromWire(
      doc({
        trend: {
          ok: true,
          data: [{ month: "2026-02", total_usd: s, events_usd: s, fixed_costs_usd: "0.000000", status: "open", partial: false }],
        },
      }),
    );
    expect(r.trend.ok && r.trend.data[0]).toMatchObject({ total: pico, eventsCost: pico, fixedCosts: 0n });
  });

  test("a mover's kind follows the reader's rule on the document's figures; its sentence is the document's", () => {
    const r = boardReportFromWire(
      doc({
        movers: {
          ok: true,
          data: [
            {
              dimension: "team",
              movers: [
                {
                  key: "support",
                  current_usd: "10.500000",
                  previous_usd: "0.000000",
                  change_usd: "10.500000",
                  relative: null,
                  sentence: "Team support is new this month: $10.50.",
                },
                {
                  key: "search",
                  current_usd: "1.000000",
                  previous_usd: "3.000000",
                  change_usd: "-2.000000",
                  relative: -0.666666,
                  sentence: "s",
                },
              ],
            },
          ],
        },
      }),
    );
    expect(r.movers.ok && r.movers.data[0].movers.map((m) => [m.kind, m.change, m.sentence])).toEqual([
      ["new", 10_500_000_000_000n, "Team support is new this month: $10.50."],
      ["down", -2_000_000_000_000n, "s"],
    ]);
  });

  test.each([
    ["open, no true-up", "open", null, undefined, undefined],
    ["closed, with a true-up", "closed", "2026-03-02T09:00:00.000Z", "1.250000", 1_250_000_000_000n],
  ] as const)(
    "the chargeback section (%s) reads as the chargeback's own reader gives it, plus mode, status and close",
    (_, status, closedAt, trueUp, trueUpPico) => {
      const row = { team: "support", direct_usd: "10.333333", allocated_usd: "0.000000", total_usd: "10.333333", events: 2, share: 1 };
      const chargeback = {
        month: "2026-02",
        mode: "showback",
        status,
        closed_at: closedAt,
        reopened_at: null,
        late_arrivals: null,
        events_usd: "10.333333",
        fixed_costs_usd: "0.000000",
        ...(trueUp ? { true_up_usd: trueUp } : {}),
        total_usd: "10.333333",
        events: 2,
        rows: [{ ...row, success_rate: 1, correct_rate: null, ter: 0.1, ter_previous: null, ter_change: null }],
        allocations: [],
      };
      const r = boardReportFromWire(doc({ chargeback: { ok: true, data: chargeback } }));
      const c = r.chargeback.ok ? r.chargeback.data : null;
      expect(c).toMatchObject({ mode: "showback", status, closedAt: closedAt ? new Date(closedAt) : null, totalPico: 10_333_333_000_000n });
      expect(c?.trueUpPico).toBe(trueUpPico);
      expect(c?.rows[0]).toMatchObject({ team: "support", directPico: 10_333_333_000_000n, totalPico: 10_333_333_000_000n, share: 1 });
    },
  );
});
