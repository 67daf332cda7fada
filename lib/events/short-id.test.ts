import { expect, test } from "vitest";
import { shortId } from "./short-id";

test.each([
  ["short ids stay whole", "ev-1", "ev-1"],
  ["exactly ten", "0123456789", "0123456789"],
  ["long ids keep start and end", "demo-000123-support", "demo-…port"],
  ["a uuid", "3f2b8c1e-9d4a-4b7e-8f00-1234567890ab", "3f2b8…90ab"],
])("%s", (_name, id, want) => {
  expect(shortId(id)).toBe(want);
  expect(shortId(id).length).toBeLessThanOrEqual(10);
});
