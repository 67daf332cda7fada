import { expect, test } from "vitest";
import { mintRenderToken, verifyRenderToken } from "./render-token";

const T0 = 1_800_000_000_000;

test("a fresh token verifies for its month and names the organisation", () => {
  const t = mintRenderToken({ org: "org_1", month: "2026-10" }, "s3cret", T0);
  expect(verifyRenderToken(t, "2026-10", "s3cret", T0 + 1000)).toEqual({ org: "org_1", month: "2026-10", exp: T0 + 120_000 });
});

test.each([
  ["another month", "2026-09", "s3cret", T0 + 1000],
  ["another secret", "2026-10", "other", T0 + 1000],
  ["expired", "2026-10", "s3cret", T0 + 120_000],
])("refused: %s", (_name, month, secret, now) => {
  const t = mintRenderToken({ org: "org_1", month: "2026-10" }, "s3cret", T0);
  expect(verifyRenderToken(t, month, secret, now)).toBeNull();
});

test("a tampered payload (other organisation) is refused", () => {
  const t = mintRenderToken({ org: "org_1", month: "2026-10" }, "s3cret", T0);
  const [, sig] = t.split(".");
  const forged = Buffer.from(JSON.stringify({ org: "org_2", month: "2026-10", exp: T0 + 120_000 })).toString("base64url");
  expect(verifyRenderToken(`${forged}.${sig}`, "2026-10", "s3cret", T0)).toBeNull();
  expect(verifyRenderToken("garbage", "2026-10", "s3cret", T0)).toBeNull();
  expect(verifyRenderToken(`${t}.x`, "2026-10", "s3cret", T0)).toBeNull();
});
