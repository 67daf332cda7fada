import { describe, expect, it, test } from "vitest";
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

describe("service tier and priced units (decision 045)", () => {
  const base = { id: "e1", timestamp: "2026-11-01T00:00:00Z", feature: "f", model: "gpt-4o", usage: { input_tokens: 1, output_tokens: 1 } };
  test.each<[string, Record<string, unknown>, string | null]>([
    ["the provider's spelling is normalised", { service_tier: "default" }, null],
    [
      "an unknown tier is a clear error",
      { service_tier: "turbo" },
      "service_tier: expected one of standard, default, auto, standard_only, on_demand, flex, priority, scale, batch",
    ],
    ["audio seconds with 3 decimals", { usage: { ...base.usage, audio_seconds: 90.5 } }, null],
    [
      "audio seconds with 4 decimals is refused",
      { usage: { ...base.usage, audio_seconds: "1.2345" } },
      "usage.audio_seconds: expected seconds ≥ 0 (at most 3 decimals)",
    ],
    [
      "negative web searches are refused",
      { usage: { ...base.usage, web_search_calls: -1 } },
      "usage.web_search_calls: expected integer ≥ 0",
    ],
  ])("%s", (_n, patch, error) => {
    const r = costEventSchema.safeParse({ ...base, ...patch });
    if (error === null) expect(r.success).toBe(true);
    else expect(r.success ? [] : formatIssues(r.error)).toEqual([error]);
  });

  test("audio seconds are kept as whole milliseconds, the tier normalised", () => {
    const r = costEventSchema.parse({ ...base, service_tier: "Priority", usage: { ...base.usage, audio_seconds: "90.5" } });
    expect(r.usage.audio_seconds).toBe(90_500);
    expect(r.service_tier).toBe("priority");
  });
});
