import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEMO_FEATURES } from "@/lib/demo/demo-story";

const root = path.resolve(__dirname, "../..");
const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

/** What a newcomer copies from the READMEs must work against the demo. */
describe("README quick-start facts", () => {
  const docs = ["README.md", "packages/sdk/README.md"].map((f) => [f, read(f)] as const);

  test.each(docs)("%s: example API keys have the real key format (sl_ + 43 base64url characters)", (_, text) => {
    for (const key of text.match(/\bsl_[A-Za-z0-9_-]+/g) ?? []) expect(key).toMatch(/^sl_[A-Za-z0-9_-]{43}$/);
  });

  test.each(docs)("%s: the SDK example's feature exists in the demo", (_, text) => {
    const features = [...text.matchAll(/defaults: \{ feature: "([^"]+)"/g)].map((m) => m[1]);
    expect(features.length).toBeGreaterThan(0);
    for (const f of features) expect(DEMO_FEATURES.map((d) => d.name)).toContain(f);
  });

  test("the README says how to install the SDK from a running Spendline", () => {
    expect(read("README.md")).toContain("npm install http://localhost:3000/sdk/spendline-sdk.tgz");
  });
});
