import { beforeAll, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { POST as ingest, GET as events } from "@/app/api/v1/events/route";
import { GET as chargeback } from "@/app/api/v1/reports/chargeback/route";
import { GET as focus } from "@/app/api/v1/exports/focus/route";

/**
 * Issue 19 item 8 end to end: a value an event sender chose that starts like a negative number
 * but is a formula comes out escaped in the events, chargeback and FOCUS CSVs; the money
 * columns stay plain numbers.
 */
useTestDatabase();

const EVIL = "-2+3+cmd|' /C calc'!A0";
const TEAM = "-1+HYPERLINK(http://x)";
const SYSTEM = { userId: null, apiKeyId: null };
let ingestKey = "";
let readKey = "";
const ctx = { params: Promise.resolve({}) };
const month = new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  const org = (await createOrganization("csv-injection", "CSV")).id;
  ingestKey = (await issueApiKey(org, { name: "ingest", scopes: ["ingest"] }, SYSTEM)).key;
  readKey = (await issueApiKey(org, { name: "read", scopes: ["read", "admin"] }, SYSTEM)).key;
  const res = await ingest(
    new NextRequest("http://test/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
      body: JSON.stringify([
        {
          id: "evil-1",
          timestamp: new Date().toISOString(),
          feature: EVIL,
          team: TEAM,
          model: "gpt-4o-mini",
          provider: "openai",
          usage: { input_tokens: 1000, output_tokens: 200 },
          cost_usd: "1.25",
        },
      ]),
    }),
    ctx,
  );
  expect(await res.json()).toMatchObject({ accepted: 1 });
});

const get = async (handler: typeof events, url: string) => {
  const res = await handler(new NextRequest(url, { headers: { authorization: `Bearer ${readKey}` } }), ctx);
  expect(res.status, url).toBe(200);
  return res.text();
};

test.each([
  ["events", events, "http://test/api/v1/events?format=csv"],
  ["chargeback", chargeback, `http://test/api/v1/reports/chargeback?month=${month}&format=csv`],
  ["FOCUS", focus, `http://test/api/v1/exports/focus?month=${month}`],
])("the %s CSV escapes formula-like text and keeps numbers", async (_n, handler, url) => {
  const csv = await get(handler as typeof events, url);
  const cells = csv.split(/\r\n/).flatMap((l) => l.split(","));
  // the feature where the file has one, the team everywhere
  if (!url.includes("chargeback")) expect(csv).toContain(`'${EVIL}`);
  expect(csv).toContain(`'${TEAM}`);
  expect(cells.filter((c) => c.startsWith("-2+3") || c.startsWith("-1+"))).toEqual([]);
  expect(cells.some((c) => /^"?=/.test(c))).toBe(false);
  expect(cells.some((c) => /^1\.25(0*)$/.test(c))).toBe(true);
});
