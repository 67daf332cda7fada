import { describe, expect, test } from "vitest";
import { evidenceValue, EVIDENCE_UNITS } from "../format";
import {
  detectAbortGap,
  detectAgenticLoop,
  detectCacheRegression,
  detectNegativeUnitEconomics,
  detectTechnologyChurn,
  detectZombie,
  trendWindows,
  type Finding,
} from "./anti-patterns";

// the period ends on Monday 2026-11-30 (exclusive): the whole weeks judged start on these Mondays
const MONDAYS = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
const TO = "2026-11-30";
const weeks = (pairs: [number, number][]) => pairs.map(([tokens, activeUsers], i) => ({ week: MONDAYS[i], tokens, activeUsers }));

describe("trend windows: whole weeks of equal length, fixed by the period's end", () => {
  test.each([
    // [period end (exclusive), before, after]
    ["2026-11-30", ["2026-11-02", "2026-11-09"], ["2026-11-16", "2026-11-23"]], // Monday: the week before it is whole
    ["2026-11-29", ["2026-10-26", "2026-11-02"], ["2026-11-09", "2026-11-16"]], // Sunday: its week is not over
    ["2026-11-26", ["2026-10-26", "2026-11-02"], ["2026-11-09", "2026-11-16"]], // Thursday (the default: tomorrow)
  ])("to %s", (to, before, after) => {
    const w = trendWindows(to);
    expect(w.before).toEqual(before);
    expect(w.after).toEqual(after);
    expect(w.label).toContain("whole weeks");
  });
});

describe("zombie feature", () => {
  test.each([
    [
      [
        [100, 50],
        [100, 50],
        [110, 20],
        [120, 10],
      ],
      true,
    ], // users collapse, tokens rise
    [
      [
        [100, 50],
        [100, 50],
        [50, 20],
        [40, 10],
      ],
      false,
    ], // tokens fall with users: healthy decline
    [
      [
        [100, 50],
        [100, 50],
        [100, 45],
        [100, 50],
      ],
      false,
    ], // users steady
    [
      [
        [100, 4],
        [100, 4],
        [100, 1],
        [100, 1],
      ],
      false,
    ], // too few users to call a fall
  ] as [[number, number][], boolean][])("%j → %s", (rows, fired) => expect(detectZombie("f", weeks(rows), TO).fired).toBe(fired));

  test("a partial week outside the windows does not count, and the judged range is stated", () => {
    // a last, partial week with few tokens and users would have looked like a fall or a rise
    const rows = [
      ...weeks([
        [100, 50],
        [100, 50],
        [100, 50],
        [100, 50],
      ]),
      { week: "2026-11-30", tokens: 10, activeUsers: 3 },
    ];
    const f = detectZombie("f", rows, "2026-12-02");
    expect(f.fired).toBe(false);
    expect(f.evidence.user_change).toBe(0);
    expect(f.evidence.compared).toBe("2026-11-02 – 2026-11-15 vs 2026-11-16 – 2026-11-29 (whole weeks)");
  });

  test("the verdict does not depend on where the period starts (the rows a 7-day or a 90-day view loads agree)", () => {
    const rows = weeks([
      [100, 50],
      [100, 50],
      [110, 20],
      [120, 10],
    ]);
    expect(detectZombie("f", rows, TO)).toEqual(detectZombie("f", [{ week: "2026-09-07", tokens: 1, activeUsers: 1 }, ...rows], TO));
  });
});

describe("agentic loop", () => {
  const base = { interactions: 100, events: 300, tokens: 300_000, designTokens: 3000, designCalls: 3, costMean: 0.1, costStddev: 0.05 };
  test.each([
    [{}, false],
    [{ tokens: 900_000 }, true], // 9000 tokens per interaction vs design 3000
    [{ events: 900 }, true], // 9 calls vs design 3
    [{ costStddev: 0.25 }, true], // cv 2.5
    [{ designTokens: null, designCalls: null }, false],
  ])("%j → %s", (patch, fired) => expect(detectAgenticLoop("f", { ...base, ...patch }).fired).toBe(fired));
});

describe("negative unit economics at scale", () => {
  test.each([
    [
      [
        [100, 0.5],
        [100, 0.5],
        [200, 0.2],
        [300, -0.1],
      ],
      true,
    ],
    [
      [
        [100, 0.5],
        [100, 0.5],
        [200, 0.6],
        [300, 0.7],
      ],
      false,
    ],
    [
      [
        [100, 0.5],
        [100, 0.5],
        [100, 0.1],
        [100, 0.1],
      ],
      false,
    ], // margin falls but volume flat
    // the case: volume up, margin $3.6157 → $3.6024 (0.4 %): below the minimum effect
    [
      [
        [100, 3.6157],
        [100, 3.6157],
        [130, 3.6024],
        [130, 3.6024],
      ],
      false,
    ],
    [
      [
        [10, 0.5],
        [10, 0.5],
        [20, 0.2],
        [20, 0.1],
      ],
      false,
    ], // too few units to judge
  ] as [[number, number][], boolean][])("%j → %s", (rows, fired) =>
    expect(
      detectNegativeUnitEconomics(
        "f",
        rows.map(([units, unitMargin], i) => ({ week: MONDAYS[i], units, unitMargin })),
        TO,
      ).fired,
    ).toBe(fired),
  );

  test("volume is compared per day over equal whole weeks: a 3-day and a 6-day half are not a rise", () => {
    // the old halves split a 30-day view into unequal parts; whole weeks with steady volume do not fire
    const rows = MONDAYS.map((week) => ({ week, units: 700, unitMargin: 1 - (week === MONDAYS[3] ? 0.2 : 0) }));
    const f = detectNegativeUnitEconomics("f", rows, TO);
    expect(f.evidence.units_per_day_before).toBe(100);
    expect(f.fired).toBe(false);
  });
});

describe("technology churn", () => {
  test("spend on a model idle for ≥ 14 days at period end", () => {
    const f = detectTechnologyChurn(
      [
        { model: "old", cost: 20, lastDay: "2026-01-05" },
        { model: "new", cost: 80, lastDay: "2026-01-30" },
      ],
      "2026-01-31",
    );
    expect(f.map((x) => [x.subject, x.fired])).toEqual([
      ["old", true],
      ["new", false],
    ]);
    expect(f[0].evidence.idle_days).toBe(25);
  });
});

describe("prompt-cache regression", () => {
  const day = (i: number, model: string, cached: number) => ({
    day: `2026-01-${String(i + 1).padStart(2, "0")}`,
    model,
    inputTokens: 1000,
    cachedTokens: cached,
  });
  test.each([
    [[day(0, "m-1", 600), day(1, "m-1", 600), day(2, "m-2", 100), day(3, "m-2", 100)], true],
    [[day(0, "m-1", 600), day(1, "m-1", 600), day(2, "m-2", 550), day(3, "m-2", 580)], false],
    [[day(0, "m-1", 600), day(1, "m-1", 100)], false], // drop without a model change
  ])("case %# → %s", (rows, fired) => expect(detectCacheRegression("f", rows).fired).toBe(fired));
});

describe("streaming-abort gap", () => {
  test.each([
    [1000, 950, false],
    [1000, 800, true],
    [0, 0, false],
  ])("billed %i delivered %i → %s", (b, d, fired) =>
    expect(detectAbortGap("f", { streamedOutputTokens: b, deliveredOutputTokens: d, abortedEvents: 1, events: 10 }).fired).toBe(fired),
  );
});

describe("every evidence value carries its unit", () => {
  const cacheDay = (i: number, model: string, cached: number) => ({
    day: `2026-01-0${i + 1}`,
    model,
    inputTokens: 1000,
    cachedTokens: cached,
  });
  const loop = { interactions: 70, events: 300, tokens: 300_000, designTokens: 3000, designCalls: 3, costMean: 0.1, costStddev: 0.25 };
  const margins = (rows: [number, number][]) => rows.map(([units, unitMargin], i) => ({ week: MONDAYS[i], units, unitMargin }));
  // each detector, with evidence and without (no rows, no model change, no interactions)
  const findings: [string, Finding][] = [
    [
      "zombie",
      detectZombie(
        "f",
        weeks([
          [100, 50],
          [100, 50],
          [110, 20],
          [125, 9],
        ]),
        TO,
      ),
    ],
    ["zombie, no rows", detectZombie("f", [], TO)],
    ["agentic loop", detectAgenticLoop("f", loop)],
    ["agentic loop, no interactions", detectAgenticLoop("f", { ...loop, interactions: 0, designTokens: null, costMean: null })],
    [
      "unit economics",
      detectNegativeUnitEconomics(
        "f",
        margins([
          [100, 0.5],
          [100, 0.5],
          [200, 0.1],
          [300, -0.2],
        ]),
        TO,
      ),
    ],
    ["unit economics, no rows", detectNegativeUnitEconomics("f", [], TO)],
    ["technology churn", detectTechnologyChurn([{ model: "old", cost: 20.5, lastDay: "2026-01-05" }], "2026-01-31")[0]],
    [
      "cache regression",
      detectCacheRegression("f", [cacheDay(0, "m-1", 600), cacheDay(1, "m-1", 600), cacheDay(2, "m-2", 100), cacheDay(3, "m-2", 130)]),
    ],
    ["cache regression, no model change", detectCacheRegression("f", [])],
    ["abort gap", detectAbortGap("f", { streamedOutputTokens: 12345, deliveredOutputTokens: 9876, abortedEvents: 7, events: 10 })],
    [
      "abort gap, nothing streamed",
      detectAbortGap("f", { streamedOutputTokens: 0, deliveredOutputTokens: 0, abortedEvents: 0, events: 0 }),
    ],
  ];

  test.each(findings)("%s: the same keys in evidence and evidence_units, each a known unit", (_, f) => {
    expect(Object.keys(f.evidence_units)).toEqual(Object.keys(f.evidence));
    for (const unit of Object.values(f.evidence_units)) expect(EVIDENCE_UNITS).toContain(unit);
  });

  // what the Anti-patterns page shows for each value: the strings it showed when it guessed the
  // unit from the key's name (share/change/cv → percent, usd → dollars, else a plain number)
  test.each([
    [
      "zombie",
      {
        compared: "2026-11-02 – 2026-11-15 vs 2026-11-16 – 2026-11-29 (whole weeks)",
        weekly_users_before: "50",
        weekly_users_after: "14.5",
        user_change: "-71.0 %",
        tokens_per_day_before: "14.29",
        tokens_per_day_after: "16.79",
        token_change: "17.5 %",
      },
    ],
    [
      "agentic loop",
      { tokens_per_interaction: "4,285.71", design_tokens: "3,000", calls_per_interaction: "4.29", design_calls: "3", cost_cv: "250.0 %" },
    ],
    [
      "unit economics",
      {
        compared: "2026-11-02 – 2026-11-15 vs 2026-11-16 – 2026-11-29 (whole weeks)",
        units_per_day_before: "14.29",
        units_per_day_after: "35.71",
        volume_change: "150.0 %",
        unit_margin_before_usd: "$0.5000",
        unit_margin_after_usd: "−$0.0800",
      },
    ],
    ["technology churn", { cost_usd: "$20.5000", spend_share: "100.0 %", last_used: "2026-01-05", idle_days: "25" }],
    [
      "cache regression",
      { changed_on: "2026-01-03", model_before: "m-1", model_after: "m-2", cache_share_before: "60.0 %", cache_share_after: "11.5 %" },
    ],
    ["cache regression, no model change", { changed_on: "—", cache_share_before: "—", cache_share_after: "—" }],
    [
      "abort gap",
      { billed_output_tokens: "12,345", delivered_output_tokens: "9,876", gap_tokens: "2,469", gap_share: "20.0 %", aborted_events: "7" },
    ],
  ])("%s: shown as before", (name, shown) => {
    const f = findings.find(([n]) => n === name)![1];
    expect(Object.fromEntries(Object.entries(f.evidence).map(([k, v]) => [k, evidenceValue(v, f.evidence_units[k])]))).toEqual(shown);
  });
});
