import { describe, expect, test } from "vitest";
import { classifyAddress, hostToAddress, parseCidr, parseIpv6 } from "./address-class";
import { parseAllowList, refusalFor, type OutboundPolicy } from "./outbound-policy";

/** What WHATWG URL makes of a host spelling, then what class that address is. */
const classOfUrlHost = (host: string) => {
  const a = hostToAddress(new URL(`http://${host}/`).hostname);
  return a === null ? "name" : classifyAddress(a);
};

describe("every spelling of an internal address is classified by where it leads", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["2130706433", "loopback"], // decimal
    ["0x7f000001", "loopback"], // hex
    ["0177.0.0.1", "loopback"], // octal
    ["127.1", "loopback"], // short form
    ["0x7f.1", "loopback"],
    ["[::1]", "loopback"],
    ["[0:0:0:0:0:0:0:1]", "loopback"],
    ["[::ffff:127.0.0.1]", "loopback"], // IPv4-mapped
    ["[::ffff:7f00:1]", "loopback"],
    ["[::127.0.0.1]", "loopback"], // IPv4-compatible
    ["[64:ff9b::127.0.0.1]", "loopback"], // NAT64 of loopback
    ["[2002:7f00:1::]", "loopback"], // 6to4 of loopback
    ["169.254.169.254", "metadata"],
    ["2852039166", "metadata"], // 169.254.169.254 in decimal
    ["[::ffff:169.254.169.254]", "metadata"],
    ["[fd00:ec2::254]", "metadata"],
    ["100.100.100.200", "metadata"],
    ["168.63.129.16", "metadata"],
    ["169.254.1.1", "link-local"],
    ["[fe80::1]", "link-local"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["[::ffff:10.0.0.1]", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["[fc00::1]", "unique-local"],
    ["[fd12:3456::1]", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["0", "unspecified"],
    ["[::]", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["[ff02::1]", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["[2001:db8::1]", "reserved"],
    ["[2001:0:4136:e378::1]", "reserved"], // Teredo
    // public
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["100.128.0.1", "public"],
    ["169.255.0.1", "public"],
    ["[2606:4700::1111]", "public"],
    ["[64:ff9b::8.8.8.8]", "public"], // DNS64 of a public address
    ["[::ffff:8.8.8.8]", "public"],
    ["api.openai.com", "name"],
  ])("%s → %s", (host, cls) => {
    expect(classOfUrlHost(host)).toBe(cls);
  });

  test.each([
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["fe80::1%eth0", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
    ["::ffff:1.2.3.4", [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ["1::2::3", null],
    ["1:2:3:4:5:6:7:8:9", null],
    ["12345::", null],
    ["example.com", null],
  ])("parseIpv6(%s)", (text, words) => {
    expect(parseIpv6(text)).toEqual(words);
  });
});

describe("CIDR matching", () => {
  test.each([
    ["10.0.0.0/8", "10.255.1.2", true],
    ["10.0.0.0/8", "11.0.0.1", false],
    ["10.0.0.0/8", "::ffff:10.1.2.3", true],
    ["192.168.1.7", "192.168.1.7", true],
    ["192.168.1.7", "192.168.1.8", false],
    ["fd00::/8", "fd12::1", true],
    ["fd00::/8", "fe80::1", false],
    ["2001:db8:1::/48", "2001:db8:1:ffff::1", true],
    ["2001:db8:1::/48", "2001:db8:2::1", false],
    ["0.0.0.0/0", "8.8.8.8", true],
  ])("%s contains %s: %s", (cidr, address, inside) => {
    expect(parseCidr(cidr)!(address)).toBe(inside);
  });
  test.each(["10.0.0.0/33", "fd00::/129", "10.0.0/8", "nope"])("%s is malformed", (cidr) => {
    expect(parseCidr(cidr)).toBeNull();
  });
});

describe("the allow-list", () => {
  test("keeps host names, suffixes, addresses and CIDRs; reports the rest", () => {
    expect(parseAllowList("hooks.corp, .internal.example 10.1.0.0/16,[fd00::1],  192.168.1.5, bad_host!, 10.0.0.0/99")).toEqual({
      entries: ["hooks.corp", ".internal.example", "10.1.0.0/16", "[fd00::1]", "192.168.1.5"],
      invalid: ["bad_host!", "10.0.0.0/99"],
    });
    expect(parseAllowList(undefined)).toEqual({ entries: [], invalid: [] });
  });
});

const closed: OutboundPolicy = { allowPrivateNetwork: false, allowList: [], ownHosts: ["spendline.corp.example"] };
const localOpen: OutboundPolicy = { ...closed, allowPrivateNetwork: true };
const listed: OutboundPolicy = { ...closed, allowList: ["hooks.corp", ".svc.cluster.local", "10.1.0.0/16", "169.254.169.254"] };

describe("refusalFor: default closed, opened only by configuration", () => {
  test.each([
    // host, resolved address, policy, trusted origin, refusal reason or null
    ["hooks.slack.com", "52.1.2.3", closed, false, null],
    ["127.0.0.1", "127.0.0.1", closed, false, "loopback"],
    ["localhost", "127.0.0.1", closed, false, "loopback"],
    ["localhost", "93.184.216.34", closed, false, "loopback"], // a resolver lying about localhost
    ["rebind.attacker.test", "10.0.0.5", closed, false, "private"],
    ["x.test", "::ffff:192.168.0.1", closed, false, "private"],
    ["x.test", "100.64.1.1", closed, false, "shared"],
    ["x.test", "fd00::1", closed, false, "unique-local"],
    ["x.test", "169.254.169.254", closed, false, "metadata"],
    ["x.test", "0.0.0.0", closed, false, "unspecified"],
    ["spendline.corp.example", "52.1.2.3", closed, false, "own-host"],
    // SPENDLINE_ALLOW_PRIVATE_NETWORK=1 opens the local network, not metadata, not 0.0.0.0
    ["127.0.0.1", "127.0.0.1", localOpen, false, null],
    ["localhost", "::1", localOpen, false, null],
    ["gitlab.internal", "10.0.0.5", localOpen, false, null],
    ["x.test", "169.254.1.1", localOpen, false, null],
    ["x.test", "169.254.169.254", localOpen, false, "metadata"],
    ["x.test", "0.0.0.0", localOpen, false, "unspecified"],
    ["x.test", "ff02::1", localOpen, false, "multicast"],
    ["spendline.corp.example", "10.0.0.9", localOpen, false, "own-host"],
    // the allow-list opens exactly what it names
    ["hooks.corp", "10.9.9.9", listed, false, null],
    ["api.svc.cluster.local", "10.96.0.10", listed, false, null],
    ["other.corp", "10.9.9.9", listed, false, "private"],
    ["other.corp", "10.1.2.3", listed, false, null],
    ["x.test", "169.254.169.254", listed, false, null],
    ["x.test", "127.0.0.1", listed, false, "loopback"],
    // an origin an administrator configured (connector base URL) is trusted, but never 0.0.0.0
    ["127.0.0.1", "127.0.0.1", closed, true, null],
    ["x.test", "0.0.0.0", closed, true, "unspecified"],
    ["x.test", "not-an-ip", closed, false, "not-an-address"],
  ] as [string, string, OutboundPolicy, boolean, string | null][])("%s at %s (%#)", (host, address, policy, trusted, reason) => {
    expect(refusalFor(host, address, policy, trusted)?.reason ?? null).toBe(reason);
  });
});
