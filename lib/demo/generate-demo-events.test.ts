import { describe, expect, test } from "vitest";
import { generateDemoEvents } from "./generate-demo-events";
import { DEMO_FEATURES, DEMO_TEAMS } from "./demo-story";

const now = new Date("2026-11-22T15:30:00Z");
const events = generateDemoEvents({ now });

describe("demo events", () => {
  test("are deterministic for the same end date", () => {
    const again = generateDemoEvents({ now });
    expect(again.length).toBe(events.length);
    expect(again[1234]).toEqual(events[1234]);
  });

  test("cover 90 days ending now, sorted, with unique ids", () => {
    expect(events[0].timestamp >= "2026-08-25T00:00:00.000Z").toBe(true);
    expect(events[0].timestamp < "2026-08-26T00:00:00.000Z").toBe(true);
    expect(events.at(-1)!.timestamp <= now.toISOString()).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i - 1].timestamp <= events[i].timestamp).toBe(true);
  });

  test("span every feature, ≥4 teams and the three tiers", () => {
    const features = new Set(events.map((e) => e.feature));
    for (const f of DEMO_FEATURES) expect(features).toContain(f.name);
    expect(new Set(events.map((e) => e.team)).size).toBeGreaterThanOrEqual(4);
    for (const t of DEMO_TEAMS) expect(new Set(events.map((e) => e.team))).toContain(t);
    const tiers = new Set(events.map((e) => (e.tenant as { tier?: string } | undefined)?.tier).filter(Boolean));
    expect([...tiers].sort()).toEqual(["enterprise", "free", "pro"]);
  });

  test("volume stays seedable in seconds (40k-90k events)", () => {
    expect(events.length).toBeGreaterThan(40_000);
    expect(events.length).toBeLessThan(90_000);
  });

  test("the agentic loop shows: some review sessions have 30+ calls", () => {
    const perSession = new Map<string, number>();
    for (const e of events)
      if (e.feature === "code_review_agent") perSession.set(e.session_id as string, (perSession.get(e.session_id as string) ?? 0) + 1);
    const long = [...perSession.values()].filter((n) => n >= 30).length;
    expect(long).toBeGreaterThan(20);
  });

  test("usage is valid for the contract (cached ≤ input, reasoning ≤ output)", () => {
    for (const e of events) {
      const u = e.usage as Record<string, number>;
      expect(u.cached_input_tokens ?? 0).toBeLessThanOrEqual(u.input_tokens);
      expect((u.cached_input_tokens ?? 0) + (u.cache_write_tokens ?? 0)).toBeLessThanOrEqual(u.input_tokens);
      expect(u.reasoning_tokens ?? 0).toBeLessThanOrEqual(u.output_tokens);
    }
  });
});
