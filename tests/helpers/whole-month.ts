/**
 * Test fixtures cover a few days of October 2026. Reconciliation compares a partial invoice on
 * its covered days only and offers no true-up (decision 037 / SPEC "partial periods"), so the tests
 * that need a complete month widen a cost file to the whole month with zero-cost lines on
 * 1 and 31 October (the import's period is its file's first to last day).
 */
const FIRST = Date.parse("2026-10-01T00:00:00Z") / 1000;
const LAST = Date.parse("2026-10-31T00:00:00Z") / 1000;

export function wholeOctober(source: "openai_costs" | "anthropic_cost_report" | "focus", text: string): string {
  if (source === "openai_costs") {
    const f = JSON.parse(text);
    for (const start of [FIRST, LAST])
      f.data.push({
        object: "bucket",
        start_time: start,
        end_time: start + 86_400,
        results: [{ object: "organization.costs.result", amount: { value: 0, currency: "usd" }, line_item: "gpt-4o-2024-08-06, input" }],
      });
    return JSON.stringify(f);
  }
  if (source === "anthropic_cost_report") {
    const f = JSON.parse(text);
    for (const day of ["2026-10-01", "2026-10-31"]) {
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace(".000", "");
      f.data.push({
        starting_at: `${day}T00:00:00Z`,
        ending_at: next,
        results: [{ ...f.data[0].results[0], amount: "0" }],
      });
    }
    return JSON.stringify(f);
  }
  const lines = text.trimEnd().split("\n");
  const row = lines[1].split(",");
  const extra = ["2026-10-01", "2026-10-31"].map((day) => {
    const r = [...row];
    r[5] = `${day}T00:00:00Z`;
    r[6] = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace(".000", "");
    r[10] = r[11] = r[12] = r[13] = "0";
    return r.join(",");
  });
  return [...lines, ...extra].join("\n") + "\n";
}
