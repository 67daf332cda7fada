import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { POST as importRoute } from "@/app/api/v1/billing/imports/route";
import { GET as reconciliationRoute } from "@/app/api/v1/reports/reconciliation/route";
import { GET as focusRoute } from "@/app/api/v1/exports/focus/route";

useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
const costs = fs.readFileSync(path.join(__dirname, "fixtures", "openai-costs.json"), "utf8");
let adminKey = "";
let readKey = "";
let otherAdmin = "";
const ctx = { params: Promise.resolve({}) };

beforeAll(async () => {
  const org = (await createOrganization("routes-billing", "Routes")).id;
  const other = (await createOrganization("routes-billing-2", "Other")).id;
  adminKey = (await issueApiKey(org, { name: "finance script", scopes: ["admin"] }, SYSTEM)).key;
  readKey = (await issueApiKey(org, { name: "dashboards", scopes: ["read"] }, SYSTEM)).key;
  otherAdmin = (await issueApiKey(other, { name: "admin", scopes: ["admin"] }, SYSTEM)).key;
});

const post = (qs: string, body: string, key: string) =>
  importRoute(
    new NextRequest(`http://test/api/v1/billing/imports?${qs}`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    }),
    ctx,
  );
const get = (url: string, key: string) => new NextRequest(url, { headers: { authorization: `Bearer ${key}` } });

describe("billing API", () => {
  test("an admin-scoped key imports a file; a read key may not", async () => {
    const ok = await post("source=openai_costs&account=openai-prod", costs, adminKey);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      account: "openai-prod",
      lines: 6,
      unchanged: false,
      period_start: "2026-10-10",
      period_end: "2026-10-12",
    });
    const again = await post("source=openai_costs&account=openai-prod", costs, adminKey);
    expect(await again.json()).toMatchObject({ unchanged: true });
    expect((await post("source=openai_costs&account=openai-prod", costs, readKey)).status).toBe(403);
  });

  test("a bad source or a bad file answers 400 with what to fix", async () => {
    const bad = await post("source=stripe&account=x", costs, adminKey);
    expect(bad.status).toBe(400);
    const notJson = await post("source=openai_costs&account=openai-prod", "date,amount\n", adminKey);
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not JSON/);
  });

  test("reconciliation answers JSON and CSV, scoped to the key's organisation", async () => {
    const res = await reconciliationRoute(get("http://test/api/v1/reports/reconciliation?month=2026-10", adminKey), ctx);
    const body = await res.json();
    expect(body.invoiced_usd).toBe("6.933333");
    expect(body.providers[0].largest_driver).toBe("no_events");
    const csv = await reconciliationRoute(get("http://test/api/v1/reports/reconciliation?month=2026-10&format=csv", adminKey), ctx);
    expect((await csv.text()).split(/\r?\n/)[0]).toBe("month,provider,model,day,invoiced_usd,attributed_usd,gap_usd");
    const other = await (await reconciliationRoute(get("http://test/api/v1/reports/reconciliation?month=2026-10", otherAdmin), ctx)).json();
    expect(other.providers).toEqual([]);
  });

  test("the FOCUS export declares its version", async () => {
    const res = await focusRoute(get("http://test/api/v1/exports/focus?month=2026-10", readKey), ctx);
    expect(res.headers.get("x-focus-version")).toBe("1.3");
    expect(res.headers.get("content-disposition")).toContain("focus-1.3-2026-10.csv");
    const meta = await (await focusRoute(get("http://test/api/v1/exports/focus?month=2026-10&format=metadata", readKey), ctx)).json();
    expect(meta.FocusVersion).toBe("1.3");
    // the 1.2 option
    const old = await focusRoute(get("http://test/api/v1/exports/focus?month=2026-10&version=1.2", readKey), ctx);
    expect(old.headers.get("x-focus-version")).toBe("1.2");
    expect((await old.text()).split("\n")[0]).not.toContain("ServiceProviderName");
    // the ContractCommitment dataset: 1.3 CSV only, otherwise a 400 that says what to use
    const cc = await focusRoute(get("http://test/api/v1/exports/focus?month=2026-10&dataset=contract_commitment", readKey), ctx);
    expect(cc.status).toBe(200);
    expect((await cc.text()).split("\n")[0]).toContain("ContractCommitmentId");
    const bad = await focusRoute(
      get("http://test/api/v1/exports/focus?month=2026-10&dataset=contract_commitment&version=1.2", readKey),
      ctx,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("version=1.3");
  });
});
