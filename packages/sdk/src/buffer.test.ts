import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { createSpendline } from "./index.js";

/** The SDK's transport against a tiny events endpoint that fails on demand. */
const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function eventsServer(answer: (n: number) => number) {
  const ids: string[] = [];
  let n = 0;
  const s = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const status = answer(++n);
    if (status === 200) {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { events: { id: string }[] };
      const fresh = body.events.filter((e) => !ids.includes(e.id));
      ids.push(...fresh.map((e) => e.id));
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ accepted: fresh.length, duplicates: body.events.length - fresh.length, rejected: [] }));
    } else res.writeHead(status).end(JSON.stringify({ error: { code: "x", message: "nope" } }));
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, ids, calls: () => n };
}

const ev = (i: number) => ({ id: `e${i}`, model: "gpt-4o", usage: { input_tokens: 1, output_tokens: 1 } });

test.each([
  { name: "429 then OK", answers: [429, 200], stored: 3, errors: 0 },
  { name: "503, 500 then OK", answers: [503, 500, 200], stored: 3, errors: 0 },
  { name: "400: not retried, reported", answers: [400], stored: 0, errors: 1 },
])("$name", async ({ answers, stored, errors }) => {
  const srv = await eventsServer((n) => answers[Math.min(n, answers.length) - 1]);
  const got: string[] = [];
  const sdk = createSpendline({ url: srv.url, apiKey: "k", retryBaseMs: 5, onError: (e) => got.push(e.message) });
  for (let i = 0; i < 3; i++) sdk.track(ev(i));
  await sdk.flush();
  expect(srv.ids).toHaveLength(stored);
  expect(got).toHaveLength(errors);
  expect(srv.calls()).toBe(answers.length);
});

test("sent in batches of at most 500", async () => {
  const srv = await eventsServer(() => 200);
  const sizes: number[] = [];
  const sdk = createSpendline({
    url: srv.url,
    apiKey: "k",
    flushIntervalMs: 60_000,
    fetch: async (u, init) => {
      sizes.push((JSON.parse(String(init!.body)) as { events: unknown[] }).events.length);
      return fetch(u, init);
    },
  });
  for (let i = 0; i < 1300; i++) sdk.track(ev(i));
  await sdk.flush();
  expect(srv.ids).toHaveLength(1300);
  expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(1300);
});

test("memory is bounded: beyond maxBufferedEvents the oldest are dropped and reported", async () => {
  const srv = await eventsServer(() => 200);
  const got: string[] = [];
  const sdk = createSpendline({
    url: srv.url,
    apiKey: "k",
    maxBufferedEvents: 10,
    flushIntervalMs: 60_000,
    onError: (e) => got.push(e.message),
  });
  for (let i = 0; i < 15; i++) sdk.track(ev(i));
  await sdk.flush();
  expect(sdk.stats().dropped).toBe(5);
  expect(srv.ids).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 5}`));
  expect(got.join()).toMatch(/dropped/);
});

test("unreachable Spendline: track and flush never throw; events are kept for the next flush", async () => {
  const got: string[] = [];
  const sdk = createSpendline({
    url: "http://127.0.0.1:9",
    apiKey: "k",
    retryBaseMs: 1,
    retryCapMs: 2,
    maxAttempts: 2,
    onError: (e) => got.push(e.message),
  });
  sdk.track(ev(1));
  await expect(sdk.flush()).resolves.toBeUndefined();
  expect(sdk.stats().pending).toBe(1);
  expect(got.join()).toMatch(/kept for the next flush/);
  await sdk.shutdown({ timeoutMs: 100 });
});

test("withAttribution nests and survives awaits; per-call values win", async () => {
  const srv = await eventsServer(() => 200);
  const bodies: unknown[] = [];
  const sdk = createSpendline({
    url: srv.url,
    apiKey: "k",
    defaults: { feature: "f0", team: "t0" },
    fetch: async (u, init) => {
      bodies.push(JSON.parse(String(init!.body)));
      return fetch(u, init);
    },
  });
  await sdk.withAttribution({ feature: "f1", tenant: { id: "acme" } }, async () => {
    await new Promise((r) => setTimeout(r, 1));
    await sdk.withAttribution({ sessionId: "s1" }, async () => {
      await Promise.resolve();
      sdk.track({ ...ev(1), task_id: "own" });
    });
  });
  await sdk.flush();
  expect((bodies[0] as { events: unknown[] }).events[0]).toMatchObject({
    feature: "f1",
    team: "t0",
    tenant: { id: "acme" },
    session_id: "s1",
    task_id: "own",
  });
});
