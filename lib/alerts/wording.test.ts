import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { alertUsd, anomalyAlertTitle, gapAlertTitle } from "./wording";

describe("alert wording: money as money, never raw decimals with a currency code", () => {
  test.each([
    ["34.085328", "$34.09"],
    ["0.046659", "$0.0467"],
    ["-105.89", "-$105.89"],
    ["1234.5", "$1,234.50"],
    ["0", "$0.00"],
  ])("%s → %s", (raw, shown) => expect(alertUsd(parseUsd(raw))).toBe(shown));

  test("invoice gap and anomaly titles", () => {
    expect(gapAlertTitle("openai", "2026-11", parseUsd("34.085328"), 0.1149)).toBe(
      "openai invoice for 2026-11 is $34.09 off: more than Spendline attributed (11.5 %)",
    );
    expect(gapAlertTitle("openai", "2026-10", parseUsd("-1.5"), -0.2)).toBe(
      "openai invoice for 2026-10 is $1.50 off: less than Spendline attributed (-20.0 %)",
    );
    const t = anomalyAlertTitle("support_chatbot", parseUsd("0.046659"), 12, parseUsd("0.0039"));
    expect(t).toBe("support_chatbot: $0.0467 in one minute, 12× its baseline of $0.0039/min");
    expect(t).not.toMatch(/USD|\d\.\d{5}/);
  });
});
