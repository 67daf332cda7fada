import { pct, usd } from "@/lib/format";

type ProviderGap = { provider: string; gap_usd: string; gap_share: number | null; over_threshold: boolean };

/**
 * What the Gap card says (STYLE.md: a figure says what it covers). The card's figure is over
 * every invoiced provider together, so it names them; beside it, each provider's own gap, the
 * figure a per-provider alert quotes (an alert can say 11.5 % while the card's total says 6.7 %:
 * another provider's smaller gap dilutes it). Pure.
 */
export function gapSummary(report: { gap_usd: string; providers: ProviderGap[] }, totalShare: number | null, partial: boolean) {
  const n = report.providers.length;
  return {
    label: n === 2 ? "Gap, both providers" : n > 2 ? `Gap, all ${n} providers` : n === 1 ? `Gap, ${report.providers[0].provider}` : "Gap",
    sub: totalShare === null ? "—" : `${pct(totalShare)} of the invoice${partial ? ", covered days only" : ""}`,
    // only worth a line each when there is more than one: with one, the card is that provider's gap
    perProvider:
      n > 1
        ? [...report.providers]
            .sort((a, b) => Math.abs(b.gap_share ?? 0) - Math.abs(a.gap_share ?? 0) || a.provider.localeCompare(b.provider))
            .map((p) => ({
              provider: p.provider,
              text: `${p.provider}: ${usd(p.gap_usd)} (${p.gap_share === null ? "nothing invoiced" : `${pct(p.gap_share)} of its invoice`})`,
              over: p.over_threshold,
            }))
        : [],
  };
}
