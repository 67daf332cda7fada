import { describe, expect, test } from "vitest";
import { optionalText, text } from "./form-values";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("form values", () => {
  test.each([
    ["trimmed", [["model", "  gpt-4o "]], "gpt-4o", "gpt-4o"],
    ["blank is empty text, null when optional", [["model", "   "]], "", null],
    ["missing field (disabled or not rendered)", [], "", null],
    ["zero stays a value", [["model", "0"]], "0", "0"],
  ] as [string, [string, string][], string, string | null][])("%s", (_name, entries, asText, asOptional) => {
    expect(text(form(entries), "model")).toBe(asText);
    expect(optionalText(form(entries), "model")).toBe(asOptional);
  });
});
