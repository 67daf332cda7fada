import { beforeAll, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { GET, PUT } from "@/app/api/v1/admin/retention/route";
import { GET as listEventsRoute } from "@/app/api/v1/events/route";

useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
let adminKey = "";
let readKey = "";
beforeAll(async () => {
  const org = (await createOrganization("ret-route", "Retention route")).id;
  adminKey = (await issueApiKey(org, { name: "admin", scopes: ["admin"] }, SYSTEM)).key;
  readKey = (await issueApiKey(org, { name: "read", scopes: ["read"] }, SYSTEM)).key;
});

const call = (handler: typeof GET, url: string, key: string, init: { method?: string; body?: unknown } = {}) =>
  handler(
    new NextRequest(`http://test${url}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve({}) },
  );

test("GET/PUT /api/v1/admin/retention: admin only, validated, shown on the events API", async () => {
  expect((await call(GET, "/api/v1/admin/retention", readKey)).status).toBe(403);
  expect(await (await call(GET, "/api/v1/admin/retention", adminKey)).json()).toMatchObject({
    raw_event_retention_months: null,
    raw_events_kept_from: null,
  });

  const bad = await call(PUT, "/api/v1/admin/retention", adminKey, { method: "PUT", body: { raw_event_retention_months: 0 } });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain("at least 1 month");

  const ok = await call(PUT, "/api/v1/admin/retention", adminKey, { method: "PUT", body: { raw_event_retention_months: 13 } });
  expect(ok.status).toBe(200);
  const body = await ok.json();
  expect(body.raw_event_retention_months).toBe(13);
  expect(body.raw_events_kept_from).toMatch(/^\d{4}-\d{2}-01$/);

  const events = await (await call(listEventsRoute, "/api/v1/events", readKey)).json();
  expect(events.retention).toEqual({
    raw_event_retention_months: 13,
    raw_events_kept_from: body.raw_events_kept_from,
    period_past_retention: true,
  });
  const recent = await (await call(listEventsRoute, `/api/v1/events?from=${new Date().toISOString().slice(0, 10)}`, readKey)).json();
  expect(recent.retention.period_past_retention).toBe(false);

  const forever = await call(PUT, "/api/v1/admin/retention", adminKey, { method: "PUT", body: { raw_event_retention_months: null } });
  expect((await forever.json()).raw_event_retention_months).toBeNull();
});
