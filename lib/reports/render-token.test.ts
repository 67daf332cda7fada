import { expect, test } from "vitest";
import { mintRenderToken, verifyRenderToken } from "./render-token";

const T0 = 1_800_000_000_000;
const OCT_A4 = { month: "2026-10", paper: "a4" };

test("a fresh token verifies for its month and paper and names the organisation", () => {
  const t = mintRenderToken({ org: "org_1", ...OCT_A4 }, "s3cret", T0, undefined, "nonce-0123456789abcdef");
  expect(verifyRenderToken(t, OCT_A4, "s3cret", T0 + 1000)).toEqual({
    org: "org_1",
    month: "2026-10",
    paper: "a4",
    nonce: "nonce-0123456789abcdef",
    exp: T0 + 120_000,
  });
});

test("every token carries its own nonce (so each can be used up on its own)", () => {
  const a = verifyRenderToken(mintRenderToken({ org: "o", ...OCT_A4 }, "s", T0), OCT_A4, "s", T0);
  const b = verifyRenderToken(mintRenderToken({ org: "o", ...OCT_A4 }, "s", T0), OCT_A4, "s", T0);
  expect(a?.nonce).toBeTruthy();
  expect(a?.nonce).not.toBe(b?.nonce);
});

test.each([
  ["another month", { month: "2026-09", paper: "a4" }, "s3cret", T0 + 1000],
  ["another paper", { month: "2026-10", paper: "letter" }, "s3cret", T0 + 1000],
  ["another secret", OCT_A4, "other", T0 + 1000],
  ["expired", OCT_A4, "s3cret", T0 + 120_000],
])("refused: %s", (_name, want, secret, now) => {
  const t = mintRenderToken({ org: "org_1", ...OCT_A4 }, "s3cret", T0);
  expect(verifyRenderToken(t, want, secret, now)).toBeNull();
});

test("a tampered payload (other organisation, other paper, no nonce) is refused", () => {
  const t = mintRenderToken({ org: "org_1", ...OCT_A4 }, "s3cret", T0);
  const [, sig] = t.split(".");
  const forge = (o: object) => `${Buffer.from(JSON.stringify(o)).toString("base64url")}.${sig}`;
  expect(verifyRenderToken(forge({ org: "org_2", ...OCT_A4, nonce: "x".repeat(22), exp: T0 + 120_000 }), OCT_A4, "s3cret", T0)).toBeNull();
  expect(verifyRenderToken("garbage", OCT_A4, "s3cret", T0)).toBeNull();
  expect(verifyRenderToken(`${t}.x`, OCT_A4, "s3cret", T0)).toBeNull();
});
