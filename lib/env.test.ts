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
