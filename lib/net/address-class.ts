/**
 * What kind of network an IP address belongs to, for the outbound guard (lib/net). Pure.
 *
 * Input is a canonical address as WHATWG URL or getaddrinfo gives it ("127.0.0.1", "::1",
 * "::ffff:7f00:1"); `hostToAddress` turns any URL hostname spelling into that form first, so
 * decimal (2130706433), octal (0177.0.0.1), hex (0x7f.1) and short (127.1) IPv4 all land on
 * the same dotted quad. IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d,
 * IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are classified by the IPv4
 * address they reach, so ::ffff:127.0.0.1 is loopback, not "public IPv6".
 * Ranges: IANA IPv4/IPv6 special-purpose registries (RFC 6890 and successors).
 */

export type AddressClass =
  | "public"
  | "loopback"
  | "private" // RFC 1918
  | "shared" // RFC 6598 carrier-grade NAT 100.64.0.0/10
  | "link-local"
  | "unique-local" // fc00::/7
  | "metadata" // cloud instance metadata services
  | "unspecified" // 0.0.0.0/8, ::
  | "multicast"
  | "reserved"; // broadcast, 240/4, documentation, benchmarking, IETF protocol, Teredo, discard

/** Classes an installation may open with SPENDLINE_ALLOW_PRIVATE_NETWORK=1 (its own networks). */
export const LOCAL_NETWORK_CLASSES: ReadonlySet<AddressClass> = new Set(["loopback", "private", "shared", "link-local", "unique-local"]);
/** Classes nothing opens, not even the allow-list: no host is reachable there on purpose. */
export const NEVER_CLASSES: ReadonlySet<AddressClass> = new Set(["unspecified", "multicast"]);

type V4Range = [number, number, AddressClass]; // network as uint32, prefix length
const v4 = (a: string): number => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);

const V4_METADATA = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack, DigitalOcean …
  "169.254.170.2", // AWS ECS task metadata
  "169.254.169.253", // AWS VPC DNS
  "100.100.100.200", // Alibaba Cloud
  "168.63.129.16", // Azure WireServer (in public space)
]);
const V6_METADATA = new Set(["fd00:ec2:0:0:0:0:0:254"]); // AWS IMDS over IPv6 (expanded form)

// most specific first
const V4_RANGES: V4Range[] = (
  [
    ["0.0.0.0", 8, "unspecified"],
    ["10.0.0.0", 8, "private"],
    ["100.64.0.0", 10, "shared"],
    ["127.0.0.0", 8, "loopback"],
    ["169.254.0.0", 16, "link-local"],
    ["172.16.0.0", 12, "private"],
    ["192.0.0.0", 24, "reserved"],
    ["192.0.2.0", 24, "reserved"],
    ["192.88.99.0", 24, "reserved"],
    ["192.168.0.0", 16, "private"],
    ["198.18.0.0", 15, "reserved"],
    ["198.51.100.0", 24, "reserved"],
    ["203.0.113.0", 24, "reserved"],
    ["224.0.0.0", 4, "multicast"],
    ["240.0.0.0", 4, "reserved"], // includes 255.255.255.255
  ] as [string, number, AddressClass][]
).map(([a, p, c]) => [v4(a), p, c]);

function inV4(addr: number, net: number, prefix: number): boolean {
  if (prefix === 0) return true;
  const size = 2 ** (32 - prefix);
  return Math.floor(addr / size) === Math.floor(net / size);
}

export function isIpv4(s: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
}

/** "::ffff:7f00:1" → eight 16-bit words; null if not IPv6 text. Accepts a trailing dotted quad. */
export function parseIpv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, "").toLowerCase();
  if (s.includes("%")) s = s.slice(0, s.indexOf("%")); // zone id (fe80::1%eth0)
  if (!/^[0-9a-f:.]+$/.test(s) || !s.includes(":")) return null;
  const tailV4 = s.match(/:(\d+\.\d+\.\d+\.\d+)$/);
  if (tailV4) {
    if (!isIpv4(tailV4[1])) return null;
    const n = v4(tailV4[1]);
    s = `${s.slice(0, -tailV4[1].length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const part = (h: string) => (h === "" ? [] : h.split(":"));
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const words = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (words.some((w) => !/^[0-9a-f]{1,4}$/.test(w))) return null;
  return words.map((w) => parseInt(w, 16));
}

function classifyV4(a: string): AddressClass {
  if (V4_METADATA.has(a)) return "metadata";
  const n = v4(a);
  for (const [net, prefix, cls] of V4_RANGES) if (inV4(n, net, prefix)) return cls;
  return "public";
}

const wordsToV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

function classifyV6(w: number[]): AddressClass {
  if (V6_METADATA.has(w.map((x) => x.toString(16)).join(":"))) return "metadata";
  const zeroUntil = (k: number) => w.slice(0, k).every((x) => x === 0);
  if (zeroUntil(8)) return "unspecified";
  if (zeroUntil(7) && w[7] === 1) return "loopback";
  // IPv4-mapped ::ffff:0:0/96 and IPv4-compatible ::/96: the IPv4 address is what is reached
  if (zeroUntil(5) && (w[5] === 0xffff || w[5] === 0)) return classifyV4(wordsToV4(w[6], w[7]));
  // NAT64 well-known prefix 64:ff9b::/96 (DNS64 networks reach public IPv4 this way)
  if (w[0] === 0x64 && w[1] === 0xff9b && w.slice(2, 6).every((x) => x === 0)) return classifyV4(wordsToV4(w[6], w[7]));
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) return "private"; // local-use NAT64 64:ff9b:1::/48
  if (w[0] === 0x2002) return classifyV4(wordsToV4(w[1], w[2])); // 6to4
  if (w[0] === 0x2001 && w[1] === 0) return "reserved"; // Teredo: the IPv4 peer is hidden
  if (w[0] === 0x2001 && w[1] === 0xdb8) return "reserved"; // documentation
  if (w[0] === 0x100 && zeroUntil(4)) return "reserved"; // discard-only 100::/64
  if ((w[0] & 0xfe00) === 0xfc00) return "unique-local";
  if ((w[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((w[0] & 0xffc0) === 0xfec0) return "unique-local"; // deprecated site-local
  if ((w[0] & 0xff00) === 0xff00) return "multicast";
  return "public";
}

/** The class of a canonical IPv4 or IPv6 address; null when the text is not an IP address. */
export function classifyAddress(address: string): AddressClass | null {
  if (isIpv4(address)) return classifyV4(address);
  const w = parseIpv6(address);
  return w ? classifyV6(w) : null;
}

/**
 * A URL hostname as the WHATWG URL parser leaves it ("127.0.0.1", "[::1]", "example.com") →
 * the IP address it literally is, or null for a name that needs DNS. Pass it through
 * `new URL()` first: that is what turns 2130706433 / 0x7f.1 / 0177.0.0.1 into 127.0.0.1.
 */
export function hostToAddress(hostname: string): string | null {
  if (isIpv4(hostname)) return hostname;
  if (hostname.startsWith("[") && hostname.endsWith("]")) return hostname.slice(1, -1);
  return null;
}

/** Names that are loopback by definition (RFC 6761), whatever a resolver says. */
export function isLoopbackName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
}

/** An IPv4/IPv6 CIDR ("10.0.0.0/8", "fd00::/8", or one address) → a matcher; null if malformed. */
export function parseCidr(text: string): ((address: string) => boolean) | null {
  const [addr, bitsText] = text.trim().split("/");
  if (isIpv4(addr)) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) return null;
    const net = v4(addr);
    return (a) => {
      if (isIpv4(a)) return inV4(v4(a), net, bits);
      const w = parseIpv6(a); // an IPv4-mapped IPv6 address matches its IPv4 network
      return !!w && w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff && inV4(v4(wordsToV4(w[6], w[7])), net, bits);
    };
  }
  const words = parseIpv6(addr);
  if (!words) return null;
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 128) return null;
  return (a) => {
    const w = parseIpv6(a);
    if (!w) return false;
    for (let i = 0; i < 8; i++) {
      const take = Math.max(0, Math.min(16, bits - i * 16));
      if (take === 0) return true;
      const mask = (0xffff << (16 - take)) & 0xffff;
      if ((w[i] & mask) !== (words[i] & mask)) return false;
    }
    return true;
  };
}
