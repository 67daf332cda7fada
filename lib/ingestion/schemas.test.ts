import { describe, expect, it } from "vitest";
import { costEventSchema, formatIssues } from "./schemas";

function errorsFor(usage: Record<string, number>): string[] {
  const r = costEventSchema.safeParse({
    id: "e1",
    timestamp: "2026-10-01T12:00:00Z",
    feature: "f",
    model: "gpt-4o",
    usage,
  });
  return r.success ? [] : formatIssues(r.error);
}

describe("costEventSchema names the field whose value is wrong", () => {
  it.each([
    // [usage, expected field prefix, value repeated in the message]
    [{ input_tokens: 100, output_tokens: 1, cache_write_tokens: 150 }, "usage.cache_write_tokens:", "150"],
    [{ input_tokens: 100, output_tokens: 1, cached_input_tokens: 150 }, "usage.cached_input_tokens:", "150"],
    [{ input_tokens: 100, output_tokens: 1, cached_input_tokens: 60, cache_write_tokens: 50 }, "usage.cache_write_tokens:", "110"],
    [{ input_tokens: 100, output_tokens: 10, reasoning_tokens: 11 }, "usage.reasoning_tokens:", "11"],
  ])("%j → %s", (usage, field, value) => {
    const errs = errorsFor(usage);
    expect(errs).toHaveLength(1);
    expect(errs[0].startsWith(field)).toBe(true);
    expect(errs[0]).toContain(value);
  });

  it("accepts cache counts that fit inside input", () => {
    expect(errorsFor({ input_tokens: 100, output_tokens: 1, cached_input_tokens: 60, cache_write_tokens: 40 })).toEqual([]);
  });
});

describe("formatIssues repeats the bad value", () => {
  it.each([
    [{ usage: { input_tokens: "12x", output_tokens: 1 } }, /^usage\.input_tokens: .* \(got "12x"\)$/],
    [{ usage: { input_tokens: -3, output_tokens: 1 } }, /^usage\.input_tokens: .* \(got -3\)$/],
    [
      { environment: "production", usage: { input_tokens: 1, output_tokens: 1 } },
      /^environment: expected one of prod, staging, dev \(got "production"\)$/,
    ],
  ])("%j", (patch, expected) => {
    const raw = { id: "e1", timestamp: "2026-10-01T12:00:00Z", feature: "f", model: "m", ...patch };
    const r = costEventSchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(formatIssues(r.error!, raw)[0]).toMatch(expected);
  });
});
