import { createHmac } from "node:crypto";
import { expect, test } from "vitest";
import { backoffMs, signBody, verifySignature } from "./sign";

const body = JSON.stringify({ type: "alert.opened", alert: { id: "a1" } });

test("signature is HMAC-SHA256 of t.body", () => {
  const want = createHmac("sha256", "s3cret").update(`1700000000.${body}`).digest("hex");
  expect(signBody("s3cret", body, 1700000000)).toBe(`t=1700000000,v1=${want}`);
});

test.each([
  { name: "valid", secret: "s3cret", body, now: 1700000100, want: true },
  { name: "wrong secret", secret: "other", body, now: 1700000100, want: false },
  { name: "tampered body", secret: "s3cret", body: body + " ", now: 1700000100, want: false },
  { name: "replayed late", secret: "s3cret", body, now: 1700001000, want: false },
])("verify: $name", ({ secret, body: b, now, want }) => {
  const header = signBody("s3cret", body, 1700000000);
  expect(verifySignature(secret, b, header, now)).toBe(want);
});

test.each([
  [1, 1000],
  [2, 4000],
  [3, 16000],
])("backoff after attempt %i = %i ms", (n, ms) => expect(backoffMs(n, 1000)).toBe(ms));
