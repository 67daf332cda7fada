import { expect, test } from "vitest";
import { isPagePath, securityHeaders } from "./security-headers";

test("every response: no framing, nosniff, referrer and feature policies", () => {
  for (const nonce of [undefined, "abc"]) {
    const h = securityHeaders({ nonce });
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("same-origin");
    expect(h["Permissions-Policy"]).toMatch(/camera=\(\)/);
    expect(h["Content-Security-Policy"]).toMatch(/frame-ancestors 'none'/);
  }
});

test("pages: scripts only with the request's nonce; eval only in development", () => {
  const csp = securityHeaders({ nonce: "n0nce" })["Content-Security-Policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-n0nce' 'strict-dynamic';/);
  expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(securityHeaders({ nonce: "n", dev: true })["Content-Security-Policy"]).toMatch(/'unsafe-eval'/);
  expect(securityHeaders({})["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test.each([
  ["https://spend.example.com", true],
  ["http://localhost:3000", false],
  [undefined, false],
])("HSTS and upgrade-insecure-requests only for an https public URL (%s → %s)", (publicUrl, on) => {
  const h = securityHeaders({ nonce: "n", publicUrl });
  expect("Strict-Transport-Security" in h).toBe(on);
  expect(h["Content-Security-Policy"].includes("upgrade-insecure-requests")).toBe(on);
});

test.each([
  ["/overview", true],
  ["/", true],
  ["/reports/board", true],
  ["/api/v1/events", false],
  ["/api", false],
  ["/_next/static/chunks/a.js", false],
  ["/favicon.svg", false],
])("isPagePath(%s) = %s", (path, page) => {
  expect(isPagePath(path)).toBe(page);
});
