import { NextResponse, type NextRequest } from "next/server";
import { isPagePath, securityHeaders } from "@/lib/api/security-headers";

/**
 * Security headers on every response (lib/api/security-headers.ts, docs/security.md). Pages get
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
