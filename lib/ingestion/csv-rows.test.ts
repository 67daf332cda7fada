import { describe, expect, test } from "vitest";
import { csvRowToEvent } from "./csv-rows";

describe("csvRowToEvent", () => {
  test.each([
    [
      {
        id: "e1",
        "usage.input_tokens": "1200",
        "usage.output_tokens": "30",
        "tenant.id": "acme",
        "tenant.tier": "pro",
        correct: "true",
        cost_usd: "0.0123",
      },
      {
        id: "e1",
        usage: { input_tokens: 1200, output_tokens: 30 },
        tenant: { id: "acme", tier: "pro" },
        correct: true,
        cost_usd: "0.0123",
      },
    ],
    [
      { id: "e2", team: "", "usage.input_tokens": " 5 " },
      { id: "e2", usage: { input_tokens: 5 } },
    ],
    [
      { "usage.input_tokens": "1.5", aborted: "maybe" },
      { usage: { input_tokens: "1.5" }, aborted: "maybe" },
    ],
    [
      { metadata: '{"a":1}', "prompt.version": "v2" },
      { metadata: { a: 1 }, prompt: { version: "v2" } },
    ],
    [{ "metadata.region": "eu", "metadata.plan": "x" }, { metadata: { region: "eu", plan: "x" } }],
  ])("%j", (row, expected) => expect(csvRowToEvent(row)).toEqual(expected));
});
