import { describe, expect, test } from "vitest";
import { CHAR_PX, groupedBarsLayout, shorten } from "./grouped-bars-layout";

const FEATURES = [
  "support_chatbot",
  "code_review_agent",
  "doc_analysis",
  "sales_email_writer",
  "search_rerank",
  "meeting_summaries",
  "contract_extraction",
  "onboarding_assistant",
  "ticket_triage",
  "translation",
];
const LEGEND = ["TER (right axis, ratio)", "Success rate", "Correct rate"];
const RIGHT = { title: "TER (right axis, ratio)", short: "TER" };
const at = (labels: string[], width: number, height = 280) => groupedBarsLayout({ labels, width, height, legend: LEGEND, right: RIGHT });

describe("grouped bars: category labels", () => {
  test.each<[string, string[], number, 0 | -45 | -90, number]>([
    ["few short labels on a desktop stand level", ["growth", "support", "platform"], 660, 0, 0],
    ["ten features on a desktop half lean", FEATURES, 660, -45, 0],
    ["ten features on a phone lean", FEATURES, 358, -45, 0],
    ["ten features in a very narrow chart stand upright", FEATURES, 260, -90, 0],
    ["thirty categories in a narrow chart stand upright and skip labels", Array.from({ length: 30 }, (_, i) => `f${i}`), 300, -90, 2],
  ])("%s", (_name, labels, width, angle, interval) => {
    const l = at(labels, width);
    expect(l.angle).toBe(angle);
    expect(l.interval).toBe(interval);
  });

  test("neighbouring labels never overlap: level ones fit their slot, leaning ones are a line apart", () => {
    for (const width of [260, 300, 358, 500, 660, 900]) {
      const l = at(FEATURES, width);
      const slot = (width - 48 - 44 - 12) / FEATURES.length;
      if (l.angle === 0) expect(Math.max(...l.ticks.map((t) => t.length)) * CHAR_PX).toBeLessThanOrEqual(slot);
      else expect(slot * (l.interval + 1) * (l.angle === -45 ? Math.SQRT1_2 : 1)).toBeGreaterThanOrEqual(14);
    }
  });

  test("leaning and upright labels are cut with an ellipsis, and the label band holds the longest", () => {
    const lean = at(FEATURES, 358);
    expect(lean.ticks).toContain("onboarding_assi…");
    expect(Math.max(...lean.ticks.map((t) => t.length))).toBeLessThanOrEqual(16);
    expect(lean.labelBand).toBeGreaterThanOrEqual(Math.ceil(16 * CHAR_PX * Math.SQRT1_2));
    expect(lean.leftMargin).toBeGreaterThan(4); // the first label leans past the left axis
    const upright = at(FEATURES, 260);
    expect(upright.ticks).toContain("onboarding_…");
    expect(upright.labelBand).toBeGreaterThanOrEqual(12 * CHAR_PX);
  });

  test("labels that fit are kept whole", () => {
    expect(at(["a", "b"], 660).ticks).toEqual(["a", "b"]);
    expect(shorten("support", 7)).toBe("support");
    expect(shorten("support_chatbot", 8)).toBe("support…");
  });
});

describe("grouped bars: the right axis title fits the plot's height or shortens", () => {
  test.each<[string, string[], number, number, string | null]>([
    ["a tall desktop chart keeps the full title", ["growth", "support"], 660, 420, "TER (right axis, ratio)"],
    ["a 280 px desktop chart shortens it (the title reaches up from the axis's middle)", FEATURES, 660, 280, "TER"],
    ["a phone with leaning labels and a wrapped legend shortens it", FEATURES, 358, 280, "TER"],
    ["a tiny chart drops it (the legend still names the series)", FEATURES, 358, 120, null],
  ])("%s", (_name, labels, width, height, title) => {
    expect(at(labels, width, height).rightTitle).toBe(title);
  });

  test("no right axis, no title", () => {
    expect(groupedBarsLayout({ labels: ["a"], width: 600, height: 280, legend: ["x"] }).rightTitle).toBeNull();
  });
});

describe("stacked cost bars per feature (unit economics' cost layers): no label cut on the left", () => {
  // the chart used to lean every label 20° from a fixed 4 px margin: at 1400 px the first
  // feature's name ran past the chart's left edge ("support_chatbot" showed as "port_chatbot")
  const reachLeft = (l: ReturnType<typeof groupedBarsLayout>, slot: number, axis: number) => {
    const first = l.ticks[0];
    const x = l.leftMargin + axis + slot / 2; // where the first label is anchored (its end)
    const extent = l.angle === 0 ? (first.length * CHAR_PX) / 2 : l.angle === -45 ? first.length * CHAR_PX * Math.SQRT1_2 : 7;
    return x - extent;
  };
  test.each([330, 420, 560, 640, 900])("at a chart %i px wide the first label starts inside the chart", (width) => {
    for (const labels of [FEATURES, FEATURES.slice(0, 4), ["onboarding_assistant", "a"]]) {
      const l = groupedBarsLayout({ labels, width, height: 260, legend: ["inference", "harness"], leftAxis: 56 });
      const slot = (width - 56 - 12) / labels.length;
      expect(reachLeft(l, slot, 56), `${width} px, ${labels.length} labels, ${l.angle}°`).toBeGreaterThanOrEqual(0);
    }
  });
});
