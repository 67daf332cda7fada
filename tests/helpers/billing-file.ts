/**
 * An OpenAI Costs API export (GET /v1/organization/costs, saved as a script saves it: an array of
 * pages) with `lines` distinct cost lines: 300 line items a day, as many days as needed from
 * `firstDay`. Amounts are deterministic; `total` is their exact sum in dollars (string).
 */
export function openAiCostsFile(lines: number, firstDay = "2025-01-01"): { text: string; total: string; days: number } {
  const perDay = 300;
  const days = Math.ceil(lines / perDay);
  const start = Date.parse(`${firstDay}T00:00:00Z`) / 1000;
  let milli = 0n; // amounts are whole thousandths of a dollar
  const pages: unknown[] = [];
  let made = 0;
  for (let d = 0; d < days; d++) {
    const results = [];
    for (let k = 0; k < perDay && made < lines; k++, made++) {
      const m = BigInt((made * 7919) % 100_000);
      milli += m;
      results.push({
        object: "organization.costs.result",
        amount: { value: Number(m) / 1000, currency: "usd" },
        line_item: `ft:gpt-4o-mini:corp:job-${k}, ${k % 2 ? "output" : "input"}`,
        project_id: `proj_${k % 7}`,
      });
    }
    const bucket = { object: "bucket", start_time: start + d * 86_400, end_time: start + (d + 1) * 86_400, results };
    // a page per 31 days, as the API pages with limit=31
    if (d % 31 === 0) pages.push({ object: "page", data: [bucket], has_more: true, next_page: `page_${d}` });
    else (pages[pages.length - 1] as { data: unknown[] }).data.push(bucket);
  }
  const whole = milli / 1000n;
  const frac = String(milli % 1000n).padStart(3, "0");
  return { text: JSON.stringify(pages), total: `${whole}.${frac}`, days };
}
