import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { GET as getRates, PUT as putRate, DELETE as deleteRate } from "@/app/api/v1/fx/rates/route";
import { POST as importRates } from "@/app/api/v1/fx/rates/import/route";
import { GET as getCurrency, PUT as putCurrency } from "@/app/api/v1/settings/currency/route";
import { PUT as putAccount } from "@/app/api/v1/settings/currency/accounts/[account]/route";

/** The FX endpoints through the route wrapper: scopes (admin to write), validation, audit, the ECB XML import. */
useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
let orgId = "";
let reader = "";
let admin = "";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (
  h: Handler,
  url: string,
  key: string,
  init: { method?: string; body?: unknown; raw?: string; type?: string } = {},
  params = {},
) =>
  h(
    new NextRequest(`http://x${url}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${key}`, "content-type": init.type ?? "application/json" },
      body: init.raw ?? (init.body ? JSON.stringify(init.body) : undefined),
    }),
    { params: Promise.resolve(params) },
  );

const XML = `<gesmes:Envelope><Cube><Cube time='2026-05-04'><Cube currency='USD' rate='1.0823'/><Cube currency='GBP' rate='0.8512'/></Cube></Cube></gesmes:Envelope>`;

beforeAll(async () => {
  orgId = (await createOrganization("fx-api", "FX API")).id;
  reader = (await issueApiKey(orgId, { name: "r", scopes: ["read"] }, SYSTEM)).key;
  admin = (await issueApiKey(orgId, { name: "a", scopes: ["admin"] }, SYSTEM)).key;
});

describe("FX rates API", () => {
  test("an empty organisation: USD, no accounts, no rates", async () => {
    expect(await (await call(getCurrency, "/api/v1/settings/currency", reader)).json()).toEqual({
      reporting_currency: "USD",
      accounts: [],
    });
    expect(await (await call(getRates, "/api/v1/fx/rates", reader)).json()).toEqual({ rates: [], total: 0, pairs: [] });
  });

  test("writes need the admin scope; bad input is a 400 naming the field", async () => {
    const body = { base: "EUR", quote: "USD", day: "2026-05-05", rate: "1.08" };
    expect((await call(putRate, "/api/v1/fx/rates", reader, { method: "PUT", body })).status).toBe(403);
    const bad = await call(putRate, "/api/v1/fx/rates", admin, { method: "PUT", body: { ...body, rate: "1.08e0", day: "2026-02-30" } });
    expect(bad.status).toBe(400);
    const issues = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort();
    expect(issues).toEqual(["day", "rate"]);
    const ok = await call(putRate, "/api/v1/fx/rates", admin, { method: "PUT", body: { ...body, base: "eur" } });
    expect(await ok.json()).toMatchObject({ base: "EUR", quote: "USD", day: "2026-05-05", rate: "1.08", source: "manual" });
  });

  test("importing the ECB's XML, listing newest first, deleting a day; every write audited", async () => {
    const imp = await call(importRates, "/api/v1/fx/rates/import", admin, { method: "POST", raw: XML, type: "application/xml" });
    expect(await imp.json()).toEqual({
      format: "ecb_xml",
      rates: 2,
      pairs: ["EUR/GBP", "EUR/USD"],
      first: "2026-05-04",
      last: "2026-05-04",
    });
    const list = (await (await call(getRates, "/api/v1/fx/rates?quote=usd", reader)).json()) as { rates: { day: string; rate: string }[] };
    expect(list.rates.map((r) => `${r.day} ${r.rate}`)).toEqual(["2026-05-05 1.08", "2026-05-04 1.0823"]);
    const del = await call(deleteRate, "/api/v1/fx/rates?base=EUR&quote=USD&day=2026-05-05", admin, { method: "DELETE" });
    expect(await del.json()).toEqual({ id: "EUR/USD/2026-05-05", deleted: true });
    const actions = await db().auditLog.findMany({
      where: { organizationId: orgId, action: { startsWith: "fx." } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["fx.rate_delete", "fx.rate_enter", "fx.rates_import"]);
  });

  test("reporting currency and an account billed in EUR", async () => {
    expect(
      (await call(putCurrency, "/api/v1/settings/currency", reader, { method: "PUT", body: { reporting_currency: "EUR" } })).status,
    ).toBe(403);
    const bad = await call(putCurrency, "/api/v1/settings/currency", admin, { method: "PUT", body: { reporting_currency: "EURO" } });
    expect(bad.status).toBe(400);
    await call(putCurrency, "/api/v1/settings/currency", admin, { method: "PUT", body: { reporting_currency: "eur" } });
    const missing = await call(
      putAccount,
      "/api/v1/settings/currency/accounts/mistral",
      admin,
      { method: "PUT", body: { currency: "EUR" } },
      { account: "mistral" },
    );
    expect(missing.status).toBe(404);
    const made = await call(
      putAccount,
      "/api/v1/settings/currency/accounts/mistral",
      admin,
      { method: "PUT", body: { currency: "EUR", provider: "focus" } },
      { account: "mistral" },
    );
    expect(await made.json()).toEqual({
      reporting_currency: "EUR",
      accounts: [{ account: "mistral", provider: "focus", currency: "EUR" }],
    });
  });
});
