import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { openAiCostsFile } from "../helpers/billing-file";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { importBillingFile } from "@/lib/billing/import-billing";
import { NextRequest } from "next/server";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { endpoints } from "@/lib/api/endpoints";
import { assertMatchesContract } from "@/lib/api/route-contract";
import { POST as importsRoute } from "@/app/api/v1/billing/imports/route";
import { GET as progressRoute } from "@/app/api/v1/billing/imports/progress/[id]/route";

useTestDatabase();
const actor = { userId: null, apiKeyId: null };

describe("billing files of real size import whole", () => {
  for (const lines of (process.env.BILLING_IMPORT_SIZES ?? "12000").split(",").map(Number)) {
    test(`an openai_costs file of ${lines} lines imports, all lines and the exact total`, async () => {
      const org = await createOrganization(`import-size-${lines}`, "Import size");
      const file = openAiCostsFile(lines);
      const t0 = performance.now();
      const r = await importBillingFile(org.id, { account: "openai-year", source: "openai_costs", text: file.text, via: "api" }, actor);
      const ms = performance.now() - t0;
      console.log(`import of ${lines} lines: ${Math.round(ms)} ms`);
      expect(r.lines).toBe(lines);
      expect(Number(r.cost_usd)).toBeCloseTo(Number(file.total), 3);
      expect(r.cost_usd).toBe(`${file.total}000000000`);
      expect(await db().invoiceLine.count({ where: { organizationId: org.id } })).toBe(lines);
      // again, unchanged: nothing rewritten
      const again = await importBillingFile(org.id, { account: "openai-year", source: "openai_costs", text: file.text, via: "api" }, actor);
      expect(again.unchanged).toBe(true);
    }, 600_000);
  }
});

describe("an import is all or nothing, and can be watched", () => {
  test("a failure while writing leaves nothing behind: no account, no import record, no lines", async () => {
    const org = await createOrganization("import-atomic", "Import atomic");
    const file = openAiCostsFile(12_000);
    const failWhileWriting = (p: { phase: string; processed: number }) => {
      if (p.phase === "writing" && p.processed > 0) throw new Error("the database went away");
    };
    await expect(
      importBillingFile(org.id, { account: "openai-new", source: "openai_costs", text: file.text, via: "api" }, actor, failWhileWriting),
    ).rejects.toThrow(/went away/);
    expect(await db().billingAccount.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db().billingImport.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db().invoiceLine.count({ where: { organizationId: org.id } })).toBe(0);
  });

  test("an amount beyond any invoice (1e308) is a 400 naming the line, not a 500", async () => {
    const org = await createOrganization("import-range", "Import range");
    const text = JSON.stringify({
      data: [{ start_time: 1791590400, results: [{ amount: { value: 1e308, currency: "usd" }, line_item: "gpt-4o, input" }] }],
    });
    const err = await importBillingFile(org.id, { account: "openai-x", source: "openai_costs", text, via: "api" }, actor).catch((e) => e);
    expect(err).toMatchObject({ status: 400, message: expect.stringMatching(/costs on 2026-10-10: the amount .* is out of range/) });
    expect(await db().billingAccount.count({ where: { organizationId: org.id } })).toBe(0);
  });

  test("through the API: a file over 2 MiB is accepted, and its progress is reported while it runs and when done", async () => {
    const org = await createOrganization("import-progress", "Import progress");
    const key = (await issueApiKey(org.id, { name: "finance", scopes: ["admin"] }, actor)).key;
    const file = openAiCostsFile(24_000);
    expect(file.text.length).toBeGreaterThan(2 * 1024 * 1024);
    const token = "upload-0123456789abcdef";
    const progressOf = async () => {
      const res = await progressRoute(
        new NextRequest(`http://test/api/v1/billing/imports/progress/${token}`, { headers: { authorization: `Bearer ${key}` } }),
        { params: Promise.resolve({ id: token }) },
      );
      return { status: res.status, body: await res.json() };
    };
    expect((await progressOf()).status).toBe(404); // not started yet
    const importing = importsRoute(
      new NextRequest(`http://test/api/v1/billing/imports?source=openai_costs&account=openai-year&progress=${token}`, {
        method: "POST",
        body: file.text,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      }),
      { params: Promise.resolve({}) },
    );
    const seen: string[] = [];
    let done = false;
    void importing.finally(() => (done = true));
    while (!done) {
      const p = await progressOf();
      if (p.status === 200) {
        assertMatchesContract(endpoints["GET /api/v1/billing/imports/progress/{id}"].response!, p.body, "progress");
        seen.push(`${p.body.status}:${p.body.phase}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const res = await importing;
    expect(res.status).toBe(200);
    expect((await res.json()).lines).toBe(24_000);
    expect(seen.some((s) => s.startsWith("running:"))).toBe(true);
    expect((await progressOf()).body).toMatchObject({ status: "done", phase: "done", processed: 24_000, total: 24_000, error: null });
  });
});
