import { expect, test } from "vitest";
import { gapSummary } from "./gap-summary";

const openai = { provider: "openai", gap_usd: "115.000000", gap_share: 0.115, over_threshold: true };
const anthropic = { provider: "anthropic", gap_usd: "19.000000", gap_share: 0.019, over_threshold: false };

test("the Gap card over two providers says so and lists each provider's gap, the alert's figure first", () => {
  const s = gapSummary({ gap_usd: "134.000000", providers: [anthropic, openai] }, 0.067, false);
  expect(s.label).toBe("Gap, both providers");
  expect(s.sub).toBe("6.7% of the invoice");
  expect(s.perProvider.map((p) => p.text)).toEqual(["openai: $115.00 (11.5% of its invoice)", "anthropic: $19.00 (1.9% of its invoice)"]);
  expect(s.perProvider.map((p) => p.over)).toEqual([true, false]);
  const three = { provider: "google", gap_usd: "0", gap_share: 0, over_threshold: false };
  expect(gapSummary({ gap_usd: "134", providers: [anthropic, openai, three] }, 0.06, false).label).toBe("Gap, all 3 providers");
});

test("one provider: the card names it and needs no per-provider lines; a partial month says so", () => {
  const s = gapSummary({ gap_usd: "115.000000", providers: [openai] }, 0.115, true);
  expect(s.label).toBe("Gap, openai");
  expect(s.sub).toBe("11.5% of the invoice, covered days only");
  expect(s.perProvider).toEqual([]);
  expect(gapSummary({ gap_usd: "0", providers: [] }, null, false)).toEqual({ label: "Gap", sub: "—", perProvider: [] });
});
