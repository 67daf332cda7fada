import { describe, expect, test } from "vitest";
import { childrenFirst } from "./wipe-organization";

describe("childrenFirst", () => {
  test.each([
    { names: ["A", "B", "C"], edges: [], want: ["A", "B", "C"] },
    // WebhookDelivery → WebhookEndpoint: the delivery goes first
    {
      names: ["WebhookEndpoint", "WebhookDelivery"],
      edges: [{ child: "WebhookDelivery", parent: "WebhookEndpoint" }],
      want: ["WebhookDelivery", "WebhookEndpoint"],
    },
    // a chain A → B → C, listed parent first
    {
      names: ["C", "B", "A"],
      edges: [
        { child: "A", parent: "B" },
        { child: "B", parent: "C" },
      ],
      want: ["A", "B", "C"],
    },
    // an edge to a table outside the set (Organization) does not hold anything back
    { names: ["Budget", "Alert"], edges: [{ child: "Budget", parent: "Organization" }], want: ["Alert", "Budget"] },
  ])("$names with $edges.length edge(s)", ({ names, edges, want }) => {
    expect(childrenFirst(names, edges)).toEqual(want);
  });

  test("a cycle is refused, naming the tables", () => {
    expect(() =>
      childrenFirst(
        ["A", "B"],
        [
          { child: "A", parent: "B" },
          { child: "B", parent: "A" },
        ],
      ),
    ).toThrow(/cycle among: A, B/);
  });
});
