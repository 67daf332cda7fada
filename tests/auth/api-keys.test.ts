import { beforeEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { randomBytes } from "node:crypto";
import { useTestDatabase } from "../helpers/db";
import { authenticateKey, KEY_FAILURE_POLICY, keyCacheSize, resetKeyCache } from "@/lib/auth/api-keys";
import { AppError } from "@/lib/core/errors";
import { orgWithIngestKey } from "../helpers/org-with-key";

/** Issue 19 item 13: the negative cache of API keys is bounded; failed key authentication is rate-limited per client. */
useTestDatabase();

const bogus = () => `sl_${randomBytes(32).toString("base64url")}`;
const client = (ip: string) => ({ ip, userAgent: "test" });
const T0 = 1_900_000_000_000;

beforeEach(() => resetKeyCache());

test("unknown keys do not grow memory without bound: the cache keeps at most its maximum", async () => {
  resetKeyCache(50);
  // distinct clients, so that the per-client backoff does not stop the flood first
  for (let i = 0; i < 200; i++) expect(await authenticateKey(bogus(), client(`10.0.${i >> 8}.${i & 255}`), T0)).toBeNull();
  expect(keyCacheSize()).toBe(50);
});

describe("failed key authentication backs off per client", () => {
  test("after the free failures a client's invalid keys get 429 with a growing Retry-After; other clients get 401", async () => {
    const x = client("203.0.113.7");
    for (let i = 0; i < KEY_FAILURE_POLICY.free; i++) expect(await authenticateKey(bogus(), x, T0 + i)).toBeNull();
    const refused = await authenticateKey(bogus(), x, T0 + 100).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).headers?.["Retry-After"]).toBe("2");
    expect((refused as AppError).message).toMatch(/retry in 2 s/);
    const again = await authenticateKey(bogus(), x, T0 + 200).catch((e) => e);
    expect((again as AppError).headers?.["Retry-After"]).toBe("4");
    // another address is not affected
    expect(await authenticateKey(bogus(), client("198.51.100.1"), T0 + 200)).toBeNull();
  });

  test("a valid key is honoured from an address that is backing off (a refused guardrail check would fail open)", async () => {
    const { key } = await orgWithIngestKey("keys-throttle", "Keys throttle", "good");
    const x = client("203.0.113.8");
    for (let i = 0; i < KEY_FAILURE_POLICY.free + 3; i++) await authenticateKey(bogus(), x, T0 + i).catch(() => null);
    expect(await authenticateKey(bogus(), x, T0 + 50).catch((e) => (e as AppError).status)).toBe(429);
    expect(await authenticateKey(key, x, T0 + 51)).toMatchObject({ keyId: expect.any(String) });
  });

  test("through a route: 401 while under the limit, then 429 with Retry-After", async () => {
    const { GET } = await import("@/app/api/v1/admin/api-keys/route");
    const call = () =>
      GET(new NextRequest("http://spendline.test/api/v1/admin/api-keys", { headers: { authorization: `Bearer ${bogus()}` } }), {
        params: Promise.resolve({}),
      });
    const statuses: number[] = [];
    for (let i = 0; i < KEY_FAILURE_POLICY.free + 1; i++) statuses.push((await call()).status);
    expect(statuses.slice(0, KEY_FAILURE_POLICY.free).every((s) => s === 401)).toBe(true);
    const res = await call();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("rate_limited");
  });
});
