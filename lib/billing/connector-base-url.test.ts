import { describe, expect, test } from "vitest";
import { allowedConnectorOrigins, checkConnectorBaseUrl } from "./connector-base-url";

const allowed = allowedConnectorOrigins("http://127.0.0.1:4010, https://llm-proxy.corp.example/openai  not-a-url");

describe("where a connector may send the admin key", () => {
  test("the configured list is kept as origins; junk is dropped", () => {
    expect(allowed).toEqual(["http://127.0.0.1:4010", "https://llm-proxy.corp.example"]);
  });
  test.each([
    ["openai", undefined, { ok: true, origin: "https://api.openai.com", configured: false }],
    ["anthropic", "", { ok: true, origin: "https://api.anthropic.com", configured: false }],
    ["openai", "https://api.openai.com/", { ok: true, origin: "https://api.openai.com", configured: false }],
    ["anthropic", "https://api.anthropic.com", { ok: true, origin: "https://api.anthropic.com", configured: false }],
    ["openai", "http://127.0.0.1:4010", { ok: true, origin: "http://127.0.0.1:4010", configured: true }],
    ["openai", "https://llm-proxy.corp.example/v2", { ok: true, origin: "https://llm-proxy.corp.example", configured: true }],
    ["openai", "http://2130706433:4010", { ok: true, origin: "http://127.0.0.1:4010", configured: true }], // the same origin, spelled in decimal
  ] as const)("%s %s is allowed", (provider, base, result) => {
    expect(checkConnectorBaseUrl(provider, base, allowed)).toEqual(result);
  });
  test.each([
    ["openai", "http://127.0.0.1:5432"], // another port of an allowed host
    ["openai", "http://api.openai.com"], // not https
    ["openai", "https://api.anthropic.com"], // the other provider's host is not this provider's
    ["anthropic", "http://2130706433:9999"], // decimal loopback, a port nobody allowed
    ["openai", "http://169.254.169.254/latest"],
    ["openai", "https://api.openai.com.attacker.test"],
    ["openai", "https://api.openai.com@attacker.test"],
  ] as const)("%s %s is refused, naming the official host and the switch", (provider, base) => {
    const r = checkConnectorBaseUrl(provider, base, allowed);
    expect(r).toMatchObject({ ok: false });
    expect((r as { message: string }).message).toMatch(
      /not allowed: .* talk to https:\/\/api\.(openai|anthropic)\.com.*SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS/,
    );
  });
  test("nothing but http(s) URLs", () => {
    expect(checkConnectorBaseUrl("openai", "file:///etc/passwd", [])).toMatchObject({ ok: false, message: /not an http\(s\) URL/ });
  });
});
