import { beforeAll, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { resetEnvCache } from "../../lib/env";
import { createOrganization } from "../../lib/orgs/manage-members";
import { issueApiKey } from "../../lib/orgs/manage-api-keys";

/**
 * The board PDF is rendered by headless Chromium loading Spendline's own print page. Where it
 * loads it from must never come from the request: a forged Host header would point the browser,
 * and its render token, at any address (cloud metadata, an internal service) and hand that page
 * back inside the PDF.
 */
const rendered: string[] = [];
vi.mock("../../lib/reports/render-pdf", () => ({
  renderPdf: async (url: string) => {
    rendered.push(url);
    return { pdf: Buffer.from("%PDF-1.7 stub"), ms: 1 };
  },
}));

useTestDatabase();
let key = "";
beforeAll(async () => {
  const org = await createOrganization("pdf-origin", "PDF Origin Ltd");
  key = (await issueApiKey(org.id, { name: "admin", scopes: ["admin"] }, {})).key;
});

async function exportWithHost(host: string) {
  const { GET } = await import("../../app/api/v1/reports/board/route");
  const req = new NextRequest(`http://${host}/api/v1/reports/board?month=2026-01&paper=a4`, {
    headers: { authorization: `Bearer ${key}`, host },
  });
  return GET(req, { params: Promise.resolve({}) });
}

test("a forged Host header does not choose where the print page is loaded from", async () => {
  delete process.env.SPENDLINE_INTERNAL_URL;
  process.env.PORT = "3999";
  resetEnvCache();
  rendered.length = 0;
  const res = await exportWithHost("169.254.169.254");
  expect(res.status).toBe(200);
  expect(rendered).toHaveLength(1);
  expect(new URL(rendered[0]).origin).toBe("http://127.0.0.1:3999");
  delete process.env.PORT;
  resetEnvCache();
});

test("SPENDLINE_INTERNAL_URL, when set, is where the print page is loaded from", async () => {
  process.env.SPENDLINE_INTERNAL_URL = "http://10.1.2.3:8080";
  resetEnvCache();
  rendered.length = 0;
  await exportWithHost("evil.example");
  expect(new URL(rendered[0]).origin).toBe("http://10.1.2.3:8080");
  delete process.env.SPENDLINE_INTERNAL_URL;
  resetEnvCache();
});
