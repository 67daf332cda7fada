import { NextResponse, type NextRequest } from "next/server";
import { isPagePath, securityHeaders } from "@/lib/api/security-headers";

/**
 * Pages only (the matcher below): Next.js copies the body of every request that passes a proxy
 * and silently truncates it past `proxyClientMaxBodySize` (10 MB), which cut 100,000-line billing
 * files short. API and asset answers get their fixed headers from next.config.ts instead.
 *
 * Security headers on every page response (lib/api/security-headers.ts, docs/security.md). Pages get
 * a fresh CSP nonce: Next.js finds it in the request's Content-Security-Policy header and puts
 * it on the scripts it renders.
 */
export function proxy(req: NextRequest) {
  const page = isPagePath(req.nextUrl.pathname);
  const nonce = page ? Buffer.from(crypto.randomUUID()).toString("base64") : undefined;
  const headers = securityHeaders({ nonce, publicUrl: process.env.NEXTAUTH_URL, dev: process.env.NODE_ENV === "development" });
  let res: NextResponse;
  if (nonce) {
    const forward = new Headers(req.headers);
    forward.set("x-nonce", nonce);
    forward.set("Content-Security-Policy", headers["Content-Security-Policy"]);
    res = NextResponse.next({ request: { headers: forward } });
  } else {
    res = NextResponse.next();
  }
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // everything but the API and Next's assets: pages (and their RSC payloads) and public files
  matcher: ["/((?!api/|_next/).*)"],
};
