import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import type { Member } from "@/lib/auth/session";

/**
 * Issue 19 items 2 and 6 at the route wrapper: writes made with the session cookie must prove
 * same origin and be JSON (CSRF); every body is bounded before authentication (Content-Length)
 * and while streaming.
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => session.member,
}));

useTestDatabase();

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const SYSTEM = { userId: null, apiKeyId: null };
let admin: Member;
let orgId = "";
let adminKey = "";
let readKey = "";

beforeAll(async () => {
  const org = await createOrganization("guards", "Guards");
  orgId = org.id;
  const user = await db().user.create({ data: { email: "admin@guards.test", name: "Ada", passwordHash: "x" } });
  await db().membership.create({ data: { organizationId: orgId, userId: user.id, role: "ADMIN" } });
  admin = {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: orgId,
    orgSlug: org.slug,
    orgName: org.name,
    role: "ADMIN",
    teamName: null,
  };
  adminKey = (await issueApiKey(orgId, { name: "admin", scopes: ["admin"] }, SYSTEM)).key;
  readKey = (await issueApiKey(orgId, { name: "read", scopes: ["read"] }, SYSTEM)).key;
});

afterEach(() => {
  session.member = null;
  delete process.env.NEXTAUTH_URL;
  resetEnvCache();
});

async function createKey(headers: Record<string, string>, body: BodyInit = JSON.stringify({ name: "k", scopes: ["admin"] })) {
  const { POST } = (await import("@/app/api/v1/admin/api-keys/route")) as unknown as Record<string, Handler>;
  const res = await POST(new NextRequest("http://spendline.test:3000/api/v1/admin/api-keys", { method: "POST", headers, body }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: await res.json() };
}

const keysNamed = (name: string) => db().apiKey.count({ where: { organizationId: orgId, name } });

describe("CSRF: session-authenticated writes", () => {
  test("a form-style cross-origin POST (text/plain, session cookie) is refused and creates nothing", async () => {
    session.member = admin;
    const res = await createKey(
      { origin: "http://spendline.test:4000", "content-type": "text/plain", host: "spendline.test:3000" },
      JSON.stringify({ name: "csrf", scopes: ["admin"] }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Cross-origin request refused.*API key/);
    // a sibling subdomain, and a JSON-typed body, fare no better
    const json = await createKey(
      { origin: "http://evil.spendline.test:3000", "content-type": "application/json", host: "spendline.test:3000" },
      JSON.stringify({ name: "csrf", scopes: ["admin"] }),
    );
    expect(json.status).toBe(403);
    expect(await keysNamed("csrf")).toBe(0);
  });

  test.each([
    ["Origin = the request's host", { origin: "http://spendline.test:3000", host: "spendline.test:3000" }],
    ["Sec-Fetch-Site: same-origin (no Origin)", { "sec-fetch-site": "same-origin", host: "spendline.test:3000" }],
  ])("same-origin JSON works: %s", async (_n, headers) => {
    session.member = admin;
    const res = await createKey({ ...headers, "content-type": "application/json" }, JSON.stringify({ name: "same", scopes: ["read"] }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  test("Origin = NEXTAUTH_URL's origin works behind a proxy that rewrites Host", async () => {
    process.env.NEXTAUTH_URL = "https://spend.example.com/";
    resetEnvCache();
    session.member = admin;
    const ok = await createKey(
      { origin: "https://spend.example.com", host: "10.0.0.5:3000", "content-type": "application/json" },
      JSON.stringify({ name: "proxied", scopes: ["read"] }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  test.each([
    ["no Origin and no Sec-Fetch-Site", { host: "spendline.test:3000" }, 403, /must carry an Origin/],
    ["Origin: null (sandboxed frame)", { origin: "null", host: "spendline.test:3000" }, 403, /must carry an Origin/],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site", host: "spendline.test:3000" }, 403, /Cross-site/],
    [
      "same origin but text/plain",
      { origin: "http://spendline.test:3000", host: "spendline.test:3000", ct: "text/plain" },
      415,
      /application\/json/,
    ],
    [
      "same origin but a urlencoded form",
      { origin: "http://spendline.test:3000", host: "spendline.test:3000", ct: "application/x-www-form-urlencoded" },
      415,
      /application\/json/,
    ],
  ] as const)("%s is refused", async (_n, h, status, message) => {
    session.member = admin;
    const { ct, ...headers } = { ct: "application/json", ...h } as Record<string, string>;
    const res = await createKey({ ...headers, "content-type": ct });
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  test("API-key requests are unaffected (no Origin, any content type)", async () => {
    const res = await createKey(
      { authorization: `Bearer ${adminKey}`, "content-type": "text/plain", origin: "http://elsewhere.test" },
      JSON.stringify({ name: "scripted", scopes: ["read"] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  test("file uploads by a person: only the declared types, still same-origin", async () => {
    session.member = admin;
    const { POST } = (await import("@/app/api/v1/billing/imports/route")) as unknown as Record<string, Handler>;
    const up = (headers: Record<string, string>) =>
      POST(
        new NextRequest("http://spendline.test:3000/api/v1/billing/imports?source=focus&account=main", {
          method: "POST",
          headers,
          body: "x",
        }),
        { params: Promise.resolve({}) },
      );
    expect((await up({ origin: "http://evil.test", "content-type": "text/csv" })).status).toBe(403);
    expect((await up({ origin: "http://spendline.test:3000", "content-type": "text/plain" })).status).toBe(415);
    expect((await up({ origin: "http://spendline.test:3000", "content-type": "multipart/form-data; boundary=x" })).status).toBe(415);
    // the declared type gets past the guards to the importer (which judges the file)
    expect((await up({ origin: "http://spendline.test:3000", "content-type": "text/csv" })).status).not.toBe(403);
  });
});

/** A body that streams `total` bytes lazily, counting what the server pulled. */
function lazyBody(total: number, chunk = 64 * 1024) {
  const pulled = { bytes: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      const n = Math.min(chunk, total - sent);
      const bytes = new Uint8Array(n).fill(0x20);
      if (sent === 0) bytes[0] = 0x7b; // "{"
      sent += n;
      pulled.bytes = sent;
      c.enqueue(bytes);
    },
  });
  return { stream, pulled };
}

describe("body limits", () => {
  async function draft(headers: Record<string, string>, body: BodyInit | ReadableStream) {
    const { POST } = (await import("@/app/api/v1/policy-drafts/route")) as unknown as Record<string, Handler>;
    const res = await POST(
      new NextRequest("http://spendline.test/api/v1/policy-drafts", {
        method: "POST",
        headers,
        body,
        duplex: "half",
      } as unknown as ConstructorParameters<typeof NextRequest>[1]),
      { params: Promise.resolve({}) },
    );
    return { status: res.status, body: await res.json() };
  }

  test("a declared Content-Length over 1 MiB is refused before authentication (even with a bogus key)", async () => {
    const res = await draft(
      { authorization: "Bearer sl_bogus", "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
      "{}",
    );
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/1048576 bytes \(1 MiB\)/);
  });

  test("a chunked 200 MB body (no Content-Length) is cut off at the limit, not buffered", async () => {
    const { stream, pulled } = lazyBody(200 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const res = await draft({ authorization: `Bearer ${readKey}`, "content-type": "application/json" }, stream);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    // read stopped one chunk past the limit (plus what the stream had queued), far from 200 MB
    expect(pulled.bytes).toBeLessThan(2 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  test("a body just under the limit is read and judged by its schema (400, not 413)", async () => {
    const res = await draft(
      { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      JSON.stringify({ opportunity_id: "x".repeat(1024 * 1024 - 40) }),
    );
    expect(res.status).toBe(400);
  });

  test("billing file uploads take far more than 2 MiB (a 100,000-line file), up to 64 MiB", async () => {
    const { POST } = (await import("@/app/api/v1/billing/imports/route")) as unknown as Record<string, Handler>;
    const call = (body: BodyInit | ReadableStream, headers: Record<string, string> = {}) =>
      POST(
        new NextRequest("http://spendline.test/api/v1/billing/imports?source=focus&account=main", {
          method: "POST",
          headers: { authorization: `Bearer ${adminKey}`, "content-type": "text/csv", ...headers },
          body,
          duplex: "half",
        } as unknown as ConstructorParameters<typeof NextRequest>[1]),
        { params: Promise.resolve({}) },
      );
    const fiveMiB = "x".repeat(5 * 1024 * 1024);
    expect((await call(fiveMiB)).status).not.toBe(413);
    const { stream, pulled } = lazyBody(300 * 1024 * 1024, 1024 * 1024);
    const res = await call(stream);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/64 MiB/);
    expect(pulled.bytes).toBeLessThan(70 * 1024 * 1024);
  });

  test("NextAuth's own routes (not an apiRoute) are bounded too: a chunked 100 MB sign-in post is cut off at 64 KiB", async () => {
    const { POST } = (await import("@/app/api/auth/[...nextauth]/route")) as unknown as Record<string, Handler>;
    const { stream, pulled } = lazyBody(100 * 1024 * 1024, 16 * 1024);
    const res = await POST(
      new NextRequest("http://spendline.test/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: stream,
        duplex: "half",
      } as unknown as ConstructorParameters<typeof NextRequest>[1]),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) } as unknown as { params: Promise<Record<string, string>> },
    );
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThan(256 * 1024);
  });
});
