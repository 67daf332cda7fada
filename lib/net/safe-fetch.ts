import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "../env";
import { hostToAddress } from "./address-class";
import { parseAllowList, refusalFor, type OutboundPolicy, type Refusal } from "./outbound-policy";

/**
 * The outbound guard: every request Spendline makes to a URL someone typed (webhooks, billing
 * connectors, coding-agent connectors) goes through `safeFetch`; URLs are checked when saved
 * with `assertPublicUrl`. See docs/security.md "Outbound requests and uploads".
 *
 *  - The URL is parsed by WHATWG URL (decimal/octal/hex IPv4 spellings become a dotted quad),
 *    the host name is resolved (getaddrinfo, as the connection would), and EVERY address is
 *    checked by outbound-policy.ts; one refused address refuses the request.
 *  - The connection goes to the address that was checked: the socket's DNS lookup is pinned to
 *    it, so a name that re-resolves to 127.0.0.1 between check and connect (DNS rebinding)
 *    changes nothing. TLS still verifies the certificate against the host name.
 *  - Redirects are never followed: a 3xx is returned to the caller as it came.
 *  - Errors are uniform (OutboundError.message): a refused target, a name that does not
 *    resolve, a refused connection and a timeout do not read differently, so recorded
 *    delivery errors cannot be used to map an internal network. `detail` keeps the cause for
 *    server logs.
 */

export type OutboundOptions = {
  /** what the request is for, in messages: "webhook", "billing connector" … */
  purpose: string;
  /**
   * The caller checked this exact origin against an administrator's configuration (e.g.
   * SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS): private addresses are open for it. Never set this
   * for a URL a user typed without such a check.
   */
  trustedOrigin?: boolean;
  /** default 10 s for the whole request */
  timeoutMs?: number;
  /** the answer is read into memory up to this size (default 16 MiB); larger fails */
  maxResponseBytes?: number;
  /** false: the answer's body is not read (a webhook only needs the status) */
  readBody?: boolean;
};

export type SafeFetchInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
};

/** kind "refused": the guard refused the target; "failed": connecting or reading failed. */
export class OutboundError extends Error {
  constructor(
    readonly kind: "refused" | "failed",
    message: string,
    /** for server logs only: the address class or network error behind the message */
    readonly detail: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

const DOCS = "see docs/security.md, “Outbound requests and uploads”";

/** The installation's outbound policy (lib/env.ts). */
export function outboundPolicy(): OutboundPolicy {
  const e = env();
  const ownHosts = [e.NEXTAUTH_URL, e.SPENDLINE_INTERNAL_URL].flatMap((u) => {
    try {
      return u ? [new URL(u).hostname] : [];
    } catch {
      return [];
    }
  });
  return {
    allowPrivateNetwork: e.SPENDLINE_ALLOW_PRIVATE_NETWORK === "1",
    allowList: parseAllowList(e.SPENDLINE_OUTBOUND_ALLOWLIST).entries,
    ownHosts,
  };
}

function refusedError(purpose: string, host: string, detail: string): OutboundError {
  return new OutboundError(
    "refused",
    `The ${purpose} address ${host} is not a public internet address Spendline may connect to (or it does not resolve). ` +
      `An installation administrator can allow the local network (SPENDLINE_ALLOW_PRIVATE_NETWORK=1) or named hosts and networks (SPENDLINE_OUTBOUND_ALLOWLIST); ${DOCS}.`,
    detail,
  );
}

function parseHttpUrl(url: string | URL, purpose: string): URL {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    throw new OutboundError("refused", `The ${purpose} address is not a URL: give an http(s) URL.`, "unparsable");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new OutboundError("refused", `The ${purpose} address must start with http:// or https://.`, `scheme ${u.protocol}`);
  return u;
}

/** Resolves the URL's host and checks every address; answers the address to connect to. */
async function checkedAddress(u: URL, opts: OutboundOptions): Promise<{ address: string; family: 4 | 6 }> {
  const policy = outboundPolicy();
  const literal = hostToAddress(u.hostname);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await dns.promises.lookup(u.hostname, { all: true, verbatim: true });
    } catch (e) {
      throw refusedError(opts.purpose, u.hostname, `dns: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (addresses.length === 0) throw refusedError(opts.purpose, u.hostname, "dns: no address");
  let refusal: Refusal | null = null;
  for (const a of addresses) {
    refusal = refusalFor(u.hostname, a.address, policy, opts.trustedOrigin === true);
    if (refusal) throw refusedError(opts.purpose, u.hostname, `${a.address}: ${refusal.reason}`);
  }
  return { address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

/**
 * Checks a URL someone is saving (a webhook): http(s), resolves, every address allowed.
 * Throws OutboundError (kind "refused") with a message safe to show; answers the parsed URL.
 */
export async function assertPublicUrl(url: string | URL, opts: { purpose: string; trustedOrigin?: boolean }): Promise<URL> {
  const u = parseHttpUrl(url, opts.purpose);
  await checkedAddress(u, opts);
  return u;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * fetch() through the guard: checked and pinned address, no redirects, bounded time and size.
 * Answers a standard Response (3xx included, as it came). Throws OutboundError.
 */
export async function safeFetch(url: string | URL, init: SafeFetchInit, opts: OutboundOptions): Promise<Response> {
  const u = parseHttpUrl(url, opts.purpose);
  const pinned = await checkedAddress(u, opts);
  const lookup: LookupFunction = (_host, options, cb) => {
    // node calls with { all: true } when it races address families (autoSelectFamily)
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const max = opts.maxResponseBytes ?? 16 * 1024 * 1024;
  const failed = (detail: string) =>
    new OutboundError("failed", `No answer from the ${opts.purpose} address ${u.hostname} (connection failed or timed out).`, detail);

  return new Promise<Response>((resolve, reject) => {
    const req = (u.protocol === "https:" ? https : http).request(
      {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ""),
        port: u.port || undefined,
        path: `${u.pathname}${u.search}`,
        method: init.method ?? "GET",
        headers: init.body === undefined ? init.headers : { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
        lookup,
        agent: false,
        signal,
      },
      (res) => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
          else if (v !== undefined) headers.set(k, v);
        }
        const status = res.statusCode ?? 502;
        const answer = (body: Uint8Array | null) =>
          resolve(
            new Response(NULL_BODY.has(status) ? null : (body as BodyInit | null), { status, statusText: res.statusMessage, headers }),
          );
        if (opts.readBody === false || NULL_BODY.has(status)) {
          res.destroy();
          return answer(null);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > max) {
            res.destroy();
            reject(failed(`answer over ${max} bytes`));
          } else chunks.push(c);
        });
        res.on("end", () => answer(Buffer.concat(chunks)));
        res.on("error", (e) => reject(failed(e.message)));
      },
    );
    req.on("error", (e) => reject(failed(`${(e as NodeJS.ErrnoException).code ?? ""} ${e.message}`.trim())));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
