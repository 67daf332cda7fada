import { describe, expect, test } from "vitest";
import { retentionCutQuestion } from "./retention-form";
import { plural } from "@/lib/format";

describe("retention", () => {
  test("cutting retention asks first; keeping more or the same does not", () => {
    expect(retentionCutQuestion(13, 1)).toMatch(/^Keep raw events for 1 month only \(the current month and the 1 month before it\)\?/);
    expect(retentionCutQuestion(null, 6)).toMatch(/for 6 months only/);
    expect(retentionCutQuestion(6, 6)).toBeUndefined();
    expect(retentionCutQuestion(6, 12)).toBeUndefined();
    expect(retentionCutQuestion(6, null)).toBeUndefined();
  });
  test("counts pluralise", () => {
    expect(plural(1, "month")).toBe("1 month");
    expect(plural(2, "month")).toBe("2 months");
    expect(plural(1200, "event")).toBe("1,200 events");
  });
});
