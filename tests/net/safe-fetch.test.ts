import dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { assertPublicUrl, OutboundError, safeFetch } from "@/lib/net/safe-fetch";
import { setOutbound } from "../helpers/outbound";

const hits: { path: string; headers: http.IncomingHttpHeaders }[] = [];
const stub = http.createServer((req, res) => {
  hits.push({ path: req.url!, headers: req.headers });
  if (req.url === "/redirect") return res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end();
  if (req.url === "/big") return res.writeHead(200).end("x".repeat(5000));
  res.writeHead(200, { "content-type": "text/plain" }).end("internal secret");
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((r) => stub.listen(0, "127.0.0.1", r));
  port = (stub.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => stub.close(() => r())));
afterEach(() => {
  setOutbound({});
  vi.restoreAllMocks();
  hits.length = 0;
});

const opts = { purpose: "webhook" };

describe("safeFetch: public addresses only unless the installation opens more", () => {
  test.each([
    ["loopback", (p: number) => `http://127.0.0.1:${p}/`],
    ["decimal loopback", (p: number) => `http://2130706433:${p}/`],
    ["hex loopback", (p: number) => `http://0x7f.1:${p}/`],
    ["localhost", (p: number) => `http://localhost:${p}/`],
    ["IPv6 loopback", (p: number) => `http://[::1]:${p}/`],
    ["IPv4-mapped loopback", (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
  ])("%s is refused by default, with a message that says how to allow it, and nothing is sent", async (_name, url) => {
    const err = await safeFetch(url(port), {}, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).kind).toBe("refused");
    expect((err as OutboundError).message).toMatch(/not a public internet address.*SPENDLINE_ALLOW_PRIVATE_NETWORK=1/);
    expect(hits).toHaveLength(0);
  });

  test("metadata and unspecified addresses are refused even with the local network allowed", async () => {
    setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://2852039166/", "http://0.0.0.0:1/"]) {
      await expect(assertPublicUrl(url, opts)).rejects.toMatchObject({ kind: "refused" });
    }
  });

  test("with SPENDLINE_ALLOW_PRIVATE_NETWORK=1 a loopback stub is reached; redirects are returned, not followed", async () => {
    setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    const ok = await safeFetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: "{}" }, opts);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("internal secret");
    const redirected = await safeFetch(`http://127.0.0.1:${port}/redirect`, { headers: { "x-api-key": "k" } }, opts);
    expect(redirected.status).toBe(302);
    expect(hits.map((h) => h.path)).toEqual(["/hook", "/redirect"]);
  });

  test("an allow-list entry opens exactly that network", async () => {
    setOutbound({ SPENDLINE_OUTBOUND_ALLOWLIST: "127.0.0.1/32" });
    expect((await safeFetch(`http://127.0.0.1:${port}/`, {}, opts)).status).toBe(200);
    await expect(safeFetch(`http://[::1]:${port}/`, {}, opts)).rejects.toMatchObject({ kind: "refused" });
  });

  test("the connection goes to the address that was checked (DNS pinned: no second lookup to rebind)", async () => {
    setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    // the check resolves "rebind.test" once; the system resolver does not know the name at all,
    // so reaching the stub proves the socket used the checked address instead of resolving again
    const lookup = vi.spyOn(dns.promises, "lookup").mockResolvedValue([{ address: "127.0.0.1", family: 4 }] as never);
    const res = await safeFetch(`http://rebind.test:${port}/pinned`, {}, opts);
    expect(res.status).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(hits[0]).toMatchObject({ path: "/pinned", headers: { host: `rebind.test:${port}` } });
  });

  test("a name with any refused address is refused (mixed public/private answers)", async () => {
    vi.spyOn(dns.promises, "lookup").mockResolvedValue([
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ] as never);
    await expect(assertPublicUrl("https://mixed.test/", opts)).rejects.toMatchObject({ kind: "refused" });
  });

  test("failures read the same whatever the cause, and answers are bounded", async () => {
    setOutbound({ SPENDLINE_ALLOW_PRIVATE_NETWORK: "1" });
    const closed = await safeFetch("http://127.0.0.1:1/", {}, opts).catch((e: OutboundError) => e);
    expect(closed).toMatchObject({
      kind: "failed",
      message: "No answer from the webhook address 127.0.0.1 (connection failed or timed out).",
    });
    await expect(safeFetch(`http://127.0.0.1:${port}/big`, {}, { ...opts, maxResponseBytes: 1000 })).rejects.toMatchObject({
      kind: "failed",
    });
    await expect(safeFetch("file:///etc/passwd", {}, opts)).rejects.toMatchObject({ kind: "refused" });
  });
});
