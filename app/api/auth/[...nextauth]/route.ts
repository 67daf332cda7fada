import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { AppError, errorBody } from "@/lib/core/errors";
import { readLimitedBody } from "@/lib/core/body";

/** Sign-in, sign-out and CSRF-token posts are a few hundred bytes: bounded like every body (docs/security.md). */
const AUTH_BODY_LIMIT = 64 * 1024;

async function bounded(req: NextRequest): Promise<NextRequest | Response> {
  if (req.method !== "POST") return req;
  try {
    const body = await readLimitedBody(req, AUTH_BODY_LIMIT);
    return new NextRequest(req.url, { method: req.method, headers: req.headers, body: Buffer.from(body) });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return Response.json(errorBody(e.code, e.message), { status: e.status });
  }
}

const handler = async (req: NextRequest, ctx: unknown) => {
  const r = await bounded(req);
  if (r instanceof Response) return r;
  return NextAuth(r as never, ctx as never, authOptions());
};

export { handler as GET, handler as POST };
