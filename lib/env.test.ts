import { afterEach, describe, expect, test, vi } from "vitest";
import { authSecret, directDatabaseUrl, resetEnvCache } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvCache();
}

describe("authSecret", () => {
  test("production without NEXTAUTH_SECRET refuses, naming the variable and the fix", () => {
    withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined, NEXT_PHASE: undefined });
    expect(() => authSecret()).toThrow(/NEXTAUTH_SECRET is not set.*openssl rand/);
  });
  test("production with a secret uses it", () => {
    withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "s3cret-from-the-operator" });
    expect(authSecret()).toBe("s3cret-from-the-operator");
  });
  test("`next build` (production mode, no secret yet) is not refused", () => {
    withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined, NEXT_PHASE: "phase-production-build" });
    expect(authSecret()).toBe("spendline-development-secret-change-me");
  });
  test("development and tests fall back to the development secret", () => {
    withEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: undefined });
    expect(authSecret()).toBe("spendline-development-secret-change-me");
  });
});

describe("refuseUnsafeStart (server start)", () => {
  test("exits with status 1 and the reason in production without a secret; does nothing with one", async () => {
    const { refuseUnsafeStart } = await import("./startup-check");
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined, NEXT_PHASE: undefined });
    refuseUnsafeStart();
    expect(exit).toHaveBeenCalledWith(1);
    expect(err.mock.calls[0][0]).toMatch(/NEXTAUTH_SECRET is not set/);
    exit.mockClear();
    withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "set-by-the-operator" });
    refuseUnsafeStart();
    expect(exit).not.toHaveBeenCalled();
    exit.mockRestore();
    err.mockRestore();
  });
});

describe("directDatabaseUrl: where LISTEN, the job queue and migrations connect", () => {
  const pooled = "postgresql://u@127.0.0.1:6432/spendline";
  const direct = "postgresql://u@haproxy:5000/spendline";
  test("DATABASE_DIRECT_URL when set (DATABASE_URL is a transaction-pooling PgBouncer)", () => {
    withEnv({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct });
    expect(directDatabaseUrl()).toBe(direct);
  });
  test("else DATABASE_URL, as before", () => {
    withEnv({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: undefined });
    expect(directDatabaseUrl()).toBe(pooled);
  });
  test("the embedded database has none, even with a stray DATABASE_DIRECT_URL", () => {
    withEnv({ DATABASE_URL: "", DATABASE_DIRECT_URL: direct });
    expect(directDatabaseUrl()).toBeUndefined();
  });
});
