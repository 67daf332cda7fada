import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db, disconnectDb } from "@/lib/db";
import { closeEmbedded } from "@/lib/db/adapter";
import { resetEnvCache } from "@/lib/env";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey, revokeApiKey } from "@/lib/orgs/manage-api-keys";
import { GET, POST } from "@/app/api/v1/events/route";
import { verifyRollups } from "@/lib/rollups/verify-rollups";

useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
let orgA = "";
let orgB = "";
let keyA = "";
let keyB = "";
let readKey = "";

beforeAll(async () => {
  orgA = (await createOrganization("route-a", "A")).id;
  orgB = (await createOrganization("route-b", "B")).id;
  keyA = (await issueApiKey(orgA, { name: "ingest", scopes: ["ingest"] }, SYSTEM)).key;
  keyB = (await issueApiKey(orgB, { name: "ingest", scopes: ["ingest"] }, SYSTEM)).key;
  readKey = (await issueApiKey(orgA, { name: "read", scopes: ["read"] }, SYSTEM)).key;
});

function post(body: BodyInit | null, opts: { key?: string | null; type?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const key = opts.key === undefined ? keyA : opts.key;
  if (key) headers.authorization = `Bearer ${key}`;
  const type = opts.type === undefined ? "application/json" : opts.type;
  if (type) headers["content-type"] = type;
  return POST(new NextRequest("http://test/api/v1/events", { method: "POST", body, headers }), { params: Promise.resolve({}) });
}

const ev = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  timestamp: "2025-05-01T12:00:00Z",
  feature: "chatbot_v2",
  model: "gpt-4o-mini",
  provider: "openai",
  usage: { input_tokens: 100, output_tokens: 20 },
  ...over,
});

async function countEvents(org: string) {
  return db().costEvent.count({ where: { organizationId: org } });
}

describe("POST /api/v1/events: body forms and limits", () => {
  test("JSON array, {events}, NDJSON", async () => {
    let res = await post(JSON.stringify([ev("a1"), ev("a2")]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    res = await post(JSON.stringify({ events: [ev("a2"), ev("a3", { usage: { input_tokens: 1.5, output_tokens: 0 } })] }));
    expect(await res.json()).toEqual({
      accepted: 0,
      duplicates: 1,
      rejected: [{ index: 1, id: "a3", errors: ["usage.input_tokens: expected integer ≥ 0 (got 1.5)"] }],
    });
    res = await post(`${JSON.stringify(ev("n1"))}\n\n${JSON.stringify(ev("n2"))}\n`, { type: "application/x-ndjson" });
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  test.each([
    ["wrong content type", "text/plain", JSON.stringify([ev("x")]), 415, /Content-Type/],
    ["no content type", null, JSON.stringify([ev("x")]), 415, /Content-Type/],
    ["invalid JSON", "application/json", "[{", 400, /not valid JSON/],
    ["not an array", "application/json", '{"id":"x"}', 400, /array of events/],
    ["invalid NDJSON line", "application/x-ndjson", '{"id":"x"}\n{oops', 400, /line 2/],
    ["invalid UTF-8", "application/json", new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), 400, /UTF-8/],
    ["1,001 events", "application/json", JSON.stringify(Array.from({ length: 1001 }, (_, i) => ev(`m${i}`))), 413, /at most 1000/],
  ])("%s → %i", async (_n, type, body, status, message) => {
    const res = await post(body as BodyInit, { type });
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
  });

  test("2 MiB limit: by Content-Length and while reading (before parsing)", async () => {
    const big = "[" + " ".repeat(2 * 1024 * 1024) + "]";
    let res = await post(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/2097152 bytes/);
    // a lying Content-Length: the stream is cut at the limit
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
        c.close();
      },
    });
    res = await POST(
      new NextRequest("http://test/api/v1/events", {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { authorization: `Bearer ${keyA}`, "content-type": "application/json", "content-length": "10" },
      } as unknown as ConstructorParameters<typeof NextRequest>[1]),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(413);
  });
});

describe("keys and organisations", () => {
  test.each([
    ["missing", null, 401],
    ["unknown", "sl_" + "x".repeat(43), 401],
    ["malformed", "hello", 401],
    ["wrong scope (read)", "READ", 403],
  ])("%s key → %i", async (_n, key, status) => {
    const res = await post(JSON.stringify([ev("k1")]), { key: key === "READ" ? readKey : key });
    expect(res.status).toBe(status);
  });

  test("revoked key → 401", async () => {
    const k = await issueApiKey(orgA, { name: "soon revoked", scopes: ["ingest"] }, SYSTEM);
    expect((await post(JSON.stringify([ev("r1")]), { key: k.key })).status).toBe(200);
    await revokeApiKey(orgA, k.id, SYSTEM);
    expect((await post(JSON.stringify([ev("r2")]), { key: k.key })).status).toBe(401);
  });

  test("the same ids in two organisations are two events; each key writes only its own org", async () => {
    const before = await countEvents(orgA);
    const res = await post(JSON.stringify([ev("a1"), ev("b-only")]), { key: keyB });
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await countEvents(orgA)).toBe(before);
    expect(await db().costEvent.count({ where: { organizationId: orgB, eventId: { in: ["a1", "b-only"] } } })).toBe(2);
    expect(await db().costEvent.count({ where: { organizationId: orgA, eventId: "b-only" } })).toBe(0);
  });
});

test("reading: a key sees only its own organisation's events", async () => {
  const get = (key: string, qs: string) =>
    GET(new NextRequest(`http://test/api/v1/events?${qs}`, { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({}),
    });
  let res = await get(readKey, "id=b-only");
  expect(res.status).toBe(200);
  expect((await res.json()).events).toEqual([]);
  res = await get(readKey, "id=a1");
  const body = await res.json();
  expect(body.events.map((e: { id: string }) => e.id)).toEqual(["a1"]);
  expect(body.events[0].cost_usd).toMatch(/^\d+\.\d{6}$/);
  // an ingest-only key cannot read; an unknown query parameter is a 400 naming it
  expect((await get(keyA, "limit=5")).status).toBe(403);
  const bad = await get(readKey, "colour=red");
  expect(bad.status).toBe(400);
  expect(JSON.stringify(await bad.json())).toMatch(/colour/);
});

describe("concurrency", () => {
  test("two clients sending the same 1,000 ids at once → each stored once", async () => {
    const batch = JSON.stringify(
      Array.from({ length: 1000 }, (_, i) =>
        ev(`c-${i}`, { session_id: `cs-${i % 30}`, tenant: { id: `ct-${i % 9}`, tier: "free" }, task_id: `ctask-${i % 7}` }),
      ),
    );
    const [r1, r2] = await Promise.all([post(batch), post(batch)]);
    const [j1, j2] = [await r1.json(), await r2.json()];
    expect(r1.status).toBe(200);
    expect(r2.status).toBe(200);
    expect(j1.accepted + j2.accepted).toBe(1000);
    expect(j1.duplicates + j2.duplicates).toBe(1000);
    expect(await db().costEvent.count({ where: { organizationId: orgA, eventId: { startsWith: "c-" } } })).toBe(1000);
    expect(await verifyRollups(orgA)).toEqual([]);
  });
});

describe("fuzz: random and malformed bodies never 500, never store an invalid row", () => {
  test("500 random bodies", async () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const values: unknown[] = [
      null,
      true,
      -1,
      0,
      1.5,
      1e308,
      -1e308,
      2 ** 31,
      2 ** 53 + 1,
      "",
      "x",
      "\u0000",
      "\ud800",
      "a".repeat(300),
      [],
      {},
      [1, [2, [3]]],
      { a: { b: { c: {} } } },
      "2025-01-01",
      "2025-13-45T99:99:99Z",
      "NaN",
      "1e5",
      "-0.5",
    ];
    let deep: unknown = "leaf";
    for (let i = 0; i < 50; i++) deep = { d: deep };
    values.push(deep);
    const mutate = (): unknown => {
      const e: Record<string, unknown> = JSON.parse(JSON.stringify(ev(`f-${Math.floor(rnd() * 1e9)}`, { metadata: { ok: 1 } })));
      const fields = [
        "id",
        "timestamp",
        "feature",
        "team",
        "environment",
        "tenant",
        "model",
        "provider",
        "usage",
        "cost_usd",
        "latency_ms",
        "outcome",
        "correct",
        "metadata",
        "session_id",
      ];
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        const f = pick(fields);
        if (f === "usage" && rnd() < 0.7)
          (e.usage as Record<string, unknown>)[pick(["input_tokens", "output_tokens", "cached_input_tokens", "reasoning_tokens"])] =
            pick(values);
        else if (f === "metadata" && rnd() < 0.5) e.metadata = { deep, nul: pick(values) };
        else e[f] = pick(values);
      }
      return e;
    };
    const bodies: (() => [BodyInit, string])[] = [
      () => [JSON.stringify(Array.from({ length: 1 + Math.floor(rnd() * 5) }, mutate)), "application/json"],
      () => [JSON.stringify(pick(values)), "application/json"],
      () => [Array.from({ length: 3 }, () => JSON.stringify(mutate())).join("\n"), "application/x-ndjson"],
      () => [
        new Uint8Array(Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256))),
        pick(["application/json", "application/x-ndjson"]),
      ],
      () => ["", "application/json"],
      () => ["[".repeat(5000) + "]".repeat(5000), "application/json"],
      () => [JSON.stringify({ events: "nope" }), "application/json"],
      () => [JSON.stringify([mutate()]).replace(/"/, "'"), "application/json"],
      () => [JSON.stringify([mutate()]), pick(["text/html", "application/xml", "multipart/form-data"])],
    ];
    const before = await countEvents(orgA);
    let stored = 0;
    for (let i = 0; i < 500; i++) {
      const [body, type] = pick(bodies)();
      const res = await post(body, { type });
      expect(res.status, `body #${i}`).not.toBe(500);
      expect([200, 400, 413, 415]).toContain(res.status);
      if (res.status === 200) stored += (await res.json()).accepted;
    }
    expect(stored).toBeGreaterThan(0); // some mutations stay valid: the path that stores is exercised too
    expect(await countEvents(orgA)).toBe(before + stored);
    // every stored row satisfies the contract's invariants
    const [bad] = await db().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "CostEvent" WHERE "organizationId" = ${orgA} AND (
        "inputTokens" < 0 OR "outputTokens" < 0 OR "cachedInputTokens" + "cacheWriteTokens" > "inputTokens"
        OR "reasoningTokens" > "outputTokens" OR "costUsd" < 0 OR length("eventId") > 128 OR length(feature) > 100
        OR environment NOT IN ('prod','staging','dev') OR outcome NOT IN ('success','failure','abandoned','unknown')
        OR "timestamp" < '2000-01-01')`;
    expect(Number(bad.n)).toBe(0);
    expect(await verifyRollups(orgA)).toEqual([]);
  });
});

describe("database unreachable", () => {
  test("503 with Retry-After, nothing written; the same batch succeeds on retry", async () => {
    const batch = JSON.stringify([ev("down-1"), ev("down-2")]);
    // the key is verified (and cached for 10 s) while the database is up
    expect((await post(JSON.stringify([ev("up-0")]))).status).toBe(200);
    const good = process.env.DATABASE_URL;
    await disconnectDb();
    await closeEmbedded();
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/none";
    resetEnvCache();
    try {
      const res = await post(batch);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBeTruthy();
      expect((await res.json()).error.code).toBe("unavailable");
    } finally {
      await disconnectDb();
      await closeEmbedded();
      if (good === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = good;
      resetEnvCache();
    }
    expect(await db().costEvent.count({ where: { organizationId: orgA, eventId: { startsWith: "down-" } } })).toBe(0);
    const res = await post(batch);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });
});
