/**
 * The security headers of every response (docs/security.md), set by proxy.ts. Pure.
 *
 * Pages get a nonce-based Content-Security-Policy: Next.js reads the nonce from the request's
 * CSP header and puts it on its own inline scripts (hydration data), which is why every page
 * renders dynamically (app/layout.tsx). 'strict-dynamic' lets those scripts load the app's
 * chunks; styles allow 'unsafe-inline' because React writes style attributes. API answers get
 * a policy that loads nothing. Every response: no framing (frame-ancestors + X-Frame-Options),
 * nosniff, a referrer that never leaves the origin, no powerful features; HSTS only when the
 * public URL (NEXTAUTH_URL) is https, so an http installation is not locked out.
 */
export type SecurityOptions = {
  /** a fresh random value per page request; omitted for API and asset responses */
  nonce?: string;
  /** NEXTAUTH_URL: decides HSTS and upgrade-insecure-requests */
  publicUrl?: string;
  /** development: React needs eval for its error overlays */
  dev?: boolean;
};

const isHttps = (url?: string) => !!url && /^https:\/\//i.test(url.trim());

export function pageCsp(o: SecurityOptions & { nonce: string }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps(o.publicUrl) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The policy of responses that are not pages (JSON, CSV, PDF, assets): load nothing, never framed. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(o: SecurityOptions): Record<string, string> {
  return {
    "Content-Security-Policy": o.nonce ? pageCsp({ ...o, nonce: o.nonce }) : NON_PAGE_CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(isHttps(o.publicUrl) ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** Whether a path is a page (HTML or the RSC payload of one), which gets the nonce policy. */
export function isPagePath(pathname: string): boolean {
  return !/^\/(api|_next)(\/|$)/.test(pathname) && !/\.[a-z0-9]+$/i.test(pathname);
}
