import { describe, expect, test } from "vitest";
import { matchLine, rulesFor } from "./match";

const org = [
  { id: "r1", pattern: "OPENAI *CHATGPT ENTERPRISE", vendor: "OpenAI", product: "ChatGPT Enterprise", sanctioned: true, ignore: false },
  { id: "r2", pattern: "SUNOCO", vendor: "fuel", product: "", sanctioned: false, ignore: true },
];
const rules = rulesFor(org);

describe("matching statements against the vendor list", () => {
  test.each([
    { m: "OPENAI *CHATGPT SUBSCR", d: "", vendor: "OpenAI", product: "ChatGPT", sanctioned: false },
    { m: "OPENAI *CHATGPT ENTERPRISE", d: "", vendor: "OpenAI", product: "ChatGPT Enterprise", sanctioned: true },
    { m: "Claude.ai  subscription", d: "", vendor: "Anthropic", product: "Claude", sanctioned: false },
    { m: "PAYPAL *SOMETHING", d: "Midjourney basic plan", vendor: "Midjourney", product: "Midjourney", sanctioned: false },
    { m: "SUNOCO 0423 GAS", d: "", vendor: null },
    { m: "STAPLES", d: "printer paper", vendor: null },
  ])("$m / $d", ({ m, d, vendor, product, sanctioned }) => {
    const r = matchLine({ merchant: m, description: d }, rules);
    if (vendor === null) return expect(r).toBeNull();
    expect(r).toMatchObject({ vendor, product, sanctioned });
    expect(r!.explanation).toContain("contains");
  });

  test("an organisation rule explains itself and wins over the list", () => {
    const r = matchLine({ merchant: "OPENAI *CHATGPT ENTERPRISE", description: "" }, rules)!;
    expect(r.rule_id).toBe("r1");
    expect(r.explanation).toBe(
      'merchant "OPENAI *CHATGPT ENTERPRISE" contains "OPENAI *CHATGPT ENTERPRISE" (organisation: OpenAI ChatGPT Enterprise, sanctioned account)',
    );
  });
});
