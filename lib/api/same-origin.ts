/**
 * CSRF defence for writes made with the session cookie (docs/security.md): the browser must
 * prove the request comes from Spendline's own pages. Browsers set `Origin` on every
 * cross-origin request and on same-origin POST/PUT/PATCH/DELETE, and `Sec-Fetch-Site` on all
 * requests; a page elsewhere (another port, a sibling subdomain) can forge neither. A write
 * with neither header is refused: only non-browser clients omit both, and they use API keys.
 * Pure: the caller passes the headers and the configured public URL.
 */
export type OriginHeaders = {
  origin: string | null;
  secFetchSite: string | null;
  host: string | null;
};

const HOW = "Make the change from Spendline's own pages, or from a script with an API key (`Authorization: Bearer <key>`).";

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Null when the request provably comes from Spendline's origin, else why it is refused. */
export function crossOriginProblem(h: OriginHeaders, publicUrl?: string): string | null {
  const site = h.secFetchSite?.trim().toLowerCase();
  if (site === "same-origin") return null;
  const origin = h.origin?.trim();
  if (origin && origin !== "null") {
    if (origin === originOf(publicUrl)) return null;
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host && h.host && host.toLowerCase() === h.host.trim().toLowerCase()) return null;
    return `Cross-origin request refused: this write came from a page at ${origin}, not from Spendline. ${HOW}`;
  }
  if (site && site !== "none") return `Cross-site request refused (Sec-Fetch-Site: ${site}). ${HOW}`;
  return `Request refused: a signed-in write must carry an Origin (or Sec-Fetch-Site: same-origin) header, as browsers send. ${HOW}`;
}

/** The media types a JSON endpoint takes. `text/plain` and form encodings are refused: HTML forms can send them cross-site. */
export function isJsonMediaType(type: string): boolean {
  return type === "application/json";
}
