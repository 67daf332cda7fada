import { expect, test } from "vitest";
import { clientFromHeaders, normaliseIp } from "./request-client";

const h = (xff?: string, ua?: string) =>
  new Headers({ ...(xff !== undefined ? { "x-forwarded-for": xff } : {}), ...(ua ? { "user-agent": ua } : {}) });

test.each<[string, string | undefined, number, string | null]>([
  ["no header", undefined, 0, null],
  ["Next's own peer entry, no proxy", "192.0.2.1", 0, "192.0.2.1"],
  ["no proxy trusted: the rightmost entry, never the client's leftmost claim", "6.6.6.6, 192.0.2.1", 0, "192.0.2.1"],
  ["one trusted proxy: the entry it appended", "6.6.6.6, 198.51.100.9", 1, "198.51.100.9"],
  ["two trusted proxies: second from the right", "6.6.6.6, 198.51.100.9, 10.0.0.2", 2, "198.51.100.9"],
  ["a forged entry left of the trusted hops is ignored", "1.1.1.1, 6.6.6.6, 198.51.100.9", 1, "198.51.100.9"],
  ["fewer entries than hops: the leftmost there is", "198.51.100.9", 3, "198.51.100.9"],
  ["IPv4-mapped IPv6", "::ffff:192.0.2.1", 0, "192.0.2.1"],
  ["garbage", "<script>", 0, null],
])("%s", (_name, xff, hops, ip) => {
  expect(clientFromHeaders(h(xff, "UA/1"), hops)).toEqual({ ip, userAgent: "UA/1" });
});

test.each([
  ["[2001:db8::1]:443", "2001:db8::1"],
  ["192.0.2.1:5678", "192.0.2.1"],
  ["2001:DB8::1", "2001:db8::1"],
  ["not an address", null],
])("normaliseIp(%s) = %s", (raw, want) => {
  expect(normaliseIp(raw)).toBe(want);
});

test("a long user agent is cut", () => {
  expect(clientFromHeaders(h(undefined, "x".repeat(1000)), 0).userAgent).toHaveLength(300);
});
