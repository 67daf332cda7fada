import { displayUsd, type Pico } from "../money";

/** Money in an alert sentence: cents from $1, four decimals below (a per-minute cost is small). */
export function alertUsd(p: Pico): string {
  const abs = p < 0n ? -p : p;
  return displayUsd(p, { decimals: abs !== 0n && abs < 10n ** 12n ? 4 : 2 });
}

/** "openai invoice for 2026-11 is $34.09 off what Spendline attributed (11.5 %)" */
export function gapAlertTitle(provider: string, month: string, gapPico: Pico, gapShare: number | null): string {
  const abs = gapPico < 0n ? -gapPico : gapPico;
  const side = gapPico > 0n ? "more than" : "less than";
  return `${provider} invoice for ${month} is ${displayUsd(abs)} off: ${side} Spendline attributed (${((gapShare ?? 0) * 100).toFixed(1)} %)`;
}

/** "support_chatbot: $0.0467 in one minute, 12× its baseline of $0.0039/min" */
export function anomalyAlertTitle(feature: string, costPico: Pico, multiple: number | string, baselinePico: Pico): string {
  return `${feature}: ${alertUsd(costPico)} in one minute, ${multiple}× its baseline of ${alertUsd(baselinePico)}/min`;
}
