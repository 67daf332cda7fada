import { afterEach, describe, expect, test, vi } from "vitest";
import { authSecret, resetEnvCache } from "./env";

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
