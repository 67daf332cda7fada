/**
 * Who is on the other end of a request, for throttling and audit entries: the client address
 * and the user agent. Pure (headers in, answer out) except `requestClient`, which reads the
 * headers of the request being served, if any.
 *
 * X-Forwarded-For is honoured only as far as the installation trusts it
 * (SPENDLINE_TRUSTED_PROXY_HOPS): with N trusted proxies, each appending the address it saw, the
 * client is the N-th entry from the right — entries further left were written by the client
 * and can say anything. With 0, Next's own server records the peer address in that header only
 * when the request carries none, so the rightmost entry is the peer when nothing is in front,
 * and a client's own claim otherwise: docs/security.md says to put a proxy that overwrites it in
 * front and set the hop count.
 */
export type Client = { ip: string | null; userAgent: string | null };

export const NO_CLIENT: Client = { ip: null, userAgent: null };

const MAX_UA = 300;

export function clientFromHeaders(h: Pick<Headers, "get">, trustedHops: number): Client {
  const ua = h.get("user-agent");
  const userAgent = ua ? ua.slice(0, MAX_UA) : null;
  const entries = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // hops 0: the rightmost entry (what Next recorded); hops N: N entries from the right, since the
  // last proxy's own entry is the one it saw connect
  const index = entries.length - 1 - Math.max(0, trustedHops - 1);
  const raw = trustedHops === 0 ? entries.at(-1) : index >= 0 ? entries[index] : entries[0];
  return { ip: raw ? normaliseIp(raw) : null, userAgent };
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]:443" → "::1"; "1.2.3.4:5678" → "1.2.3.4"; garbage → null. */
export function normaliseIp(raw: string): string | null {
  let s = raw.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  if (s.toLowerCase().startsWith("::ffff:") && /^\d+\.\d+\.\d+\.\d+$/.test(s.slice(7))) s = s.slice(7);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s;
  if (/^[0-9a-f:]+$/i.test(s) && s.includes(":") && s.length <= 45) return s.toLowerCase();
  return null;
}

/** The client of the request being served (route handler, server component or action), else none. */
export async function requestClient(): Promise<Client> {
  try {
    const { headers } = await import("next/headers");
    const { env } = await import("../env");
    return clientFromHeaders(await headers(), env().SPENDLINE_TRUSTED_PROXY_HOPS);
  } catch {
    // outside a request: the CLI, background loops, tests calling domain code
    return NO_CLIENT;
  }
}
