/**
 * Whether Spendline may open a connection to (hostname, address) — the decision half of the
 * outbound guard, pure so it is table-tested (outbound-policy.test.ts). lib/net/safe-fetch.ts
 * resolves the name and calls this for every address before it connects.
 *
 * Default: public internet addresses only. An installation opens more by configuration
 * (GitLab's "allow requests to the local network" model, docs/security.md):
 *  - SPENDLINE_ALLOW_PRIVATE_NETWORK=1 opens loopback, RFC 1918, CGNAT, link-local and
 *    unique-local addresses — but not cloud metadata addresses;
 *  - SPENDLINE_OUTBOUND_ALLOWLIST opens named hosts ("hooks.corp", ".corp" for its subdomains)
 *    and networks ("10.1.0.0/16", "fd00::/8", "169.254.169.254" if you really mean it).
 * Unspecified (0.0.0.0, ::) and multicast addresses are never opened. Spendline's own host names
 * are refused unless allow-listed by name, so a webhook cannot call Spendline's own API.
 */
import { classifyAddress, isLoopbackName, LOCAL_NETWORK_CLASSES, NEVER_CLASSES, parseCidr, type AddressClass } from "./address-class";

export type OutboundPolicy = {
  allowPrivateNetwork: boolean;
  /** raw allow-list entries: host names, ".suffix" names, IP addresses or CIDRs */
  allowList: readonly string[];
  /** Spendline's own host names (NEXTAUTH_URL, SPENDLINE_INTERNAL_URL) */
  ownHosts: readonly string[];
};

/** Why a connection is refused — for logs and tests, never shown to the person who typed the URL. */
export type Refusal = { reason: AddressClass | "own-host" | "not-an-address" };

export function parseAllowList(text: string | undefined): { entries: string[]; invalid: string[] } {
  const entries: string[] = [];
  const invalid: string[] = [];
  for (const raw of (text ?? "").split(/[,\s]+/)) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    const looksLikeAddress = /^[\d.:a-f/[\]]+$/.test(e) && (e.includes("/") || e.includes(":") || /^\d+(\.\d+){3}$/.test(e));
    if (looksLikeAddress ? parseCidr(e.replace(/^\[|\]$/g, "")) : /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(e)) entries.push(e);
    else invalid.push(raw);
  }
  return { entries, invalid };
}

const normalHost = (h: string) =>
  h
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");

function allowListed(hostname: string, address: string, allowList: readonly string[]): boolean {
  const host = normalHost(hostname);
  return allowList.some((entry) => {
    const cidr = parseCidr(entry.replace(/^\[|\]$/g, ""));
    if (cidr) return cidr(address);
    return entry.startsWith(".") ? host.endsWith(entry) : host === entry;
  });
}

/**
 * null: the connection may be opened. `trusted`: an installation administrator named this exact
 * origin in configuration (a connector base URL) — everything but unspecified/multicast is open.
 */
export function refusalFor(hostname: string, address: string, policy: OutboundPolicy, trusted = false): Refusal | null {
  const host = normalHost(hostname);
  const addressClass = classifyAddress(normalHost(address));
  if (addressClass === null) return { reason: "not-an-address" };
  // "localhost" and "*.localhost" are loopback by definition, whatever a resolver answered
  const cls: AddressClass = isLoopbackName(host) && !NEVER_CLASSES.has(addressClass) ? "loopback" : addressClass;
  if (NEVER_CLASSES.has(cls)) return { reason: cls };
  if (trusted) return null;
  const listed = allowListed(host, normalHost(address), policy.allowList);
  if (policy.ownHosts.map(normalHost).includes(host) && !listed) return { reason: "own-host" };
  if (cls === "public") return null;
  if (listed) return null;
  if (policy.allowPrivateNetwork && LOCAL_NETWORK_CLASSES.has(cls)) return null;
  return { reason: cls };
}
