import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { resetEnvCache } from "../../lib/env";
import { createOrganization } from "../../lib/orgs/manage-members";
import { issueApiKey } from "../../lib/orgs/manage-api-keys";
import { ingestEvents } from "../../lib/ingestion/ingest-events";
import { getChargeback } from "../../lib/chargeback/get-chargeback";
import { getBoardReport } from "../../lib/reports/get-board-report";
import { boardReportFromWire } from "../../lib/reports/board-report-from-wire";
import * as boardRoute from "../../app/api/v1/reports/board/route";

useTestDatabase();

let orgId = "";
const NOW = new Date("2026-03-10T12:00:00Z");

function ev(id: string, ts: string, team: string, feature: string, model: string, cost: string) {
  return {
    id,
    timestamp: ts,
    feature,
    team,
    model,
    provider: "openai",
    session_id: `s-${id}`,
    usage: { input_tokens: 1000, output_tokens: 100 },
    cost_usd: cost,
    outcome: "success",
  };
}

beforeAll(async () => {
  orgId = (await createOrganization("board-test", "Board Test Ltd")).id;
  const res = await ingestEvents(orgId, [
    ev("a1", "2026-01-15T10:00:00Z", "search", "search_answers", "gpt-4o-mini", "1.000001"),
    ev("a2", "2026-02-03T10:00:00Z", "search", "search_answers", "gpt-4o-mini", "2.500000"),
    ev("a3", "2026-02-04T10:00:00Z", "support", "support_chatbot", "gpt-4o", "10.333333"),
    ev("a4", "2026-02-27T23:59:59Z", "support", "support_chatbot", "gpt-4o", "0.166667"),
    ev("a5", "2026-03-01T00:00:00Z", "support", "support_chatbot", "gpt-4o", "99"),
  ]);
  expect(res.accepted).toBe(5);
});

describe("board report document", () => {
  test("a month without data says so; an unpriced feature's cost is marked, not shown as free; the margin footnote names the cost it uses", async () => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { createElement } = await import("react");
    const { BoardReportDocument } = await import("../../components/reports/board-report-document");
    const html = async (month: string) =>
      renderToStaticMarkup(createElement(BoardReportDocument, { r: boardReportFromWire(await getBoardReport(orgId, month, NOW)) }));

    const empty = await html("2025-10");
    expect(empty).toContain("No spend was recorded for October 2025");

    await ingestEvents(orgId, [
      {
        id: "u1",
        timestamp: "2026-02-10T10:00:00Z",
        feature: "internal_tools",
        team: "platform",
        model: "northwind-private-ft-1",
        session_id: "s-u1",
        usage: { input_tokens: 10, output_tokens: 1 },
        outcome: "success",
      },
    ]);
    const feb = await html("2026-02");
    expect(feb).not.toContain("No spend was recorded");
    expect(feb).toMatch(/internal_tools<\/td><td class="n">1<\/td><td class="n">\$0\.0000<span class="flag"> unpriced<\/span>/);
    expect(feb).toContain("cannot judge: unpriced");
    expect(feb).toContain("Unit margin = value per unit × success rate − model-call cost per unit");
    expect(feb).toContain("Model calls / unit");
  });
});

describe("getBoardReport", () => {
  test("headline and team totals are the chargeback's, to the micro-dollar", async () => {
    const r = await getBoardReport(orgId, "2026-02", NOW);
    const cb = await getChargeback(orgId, "2026-02");
    expect(r.chargeback.ok && r.chargeback.data.total_usd).toBe(cb.total_usd);
    expect(cb.total_usd).toBe("13.000000");
    expect(r.chargeback.ok && r.chargeback.data.rows.map((x) => [x.team, x.total_usd])).toEqual(cb.rows.map((x) => [x.team, x.total_usd]));
    expect(r.complete).toBe(true);
    expect(r.forecast).toEqual({ ok: true, data: null });
  });

  test("trend covers six months ending with the report month; movers explain the change", async () => {
    const r = await getBoardReport(orgId, "2026-02", NOW);
    expect(r.trend.ok && r.trend.data.map((t) => [t.month, t.total_usd])).toEqual([
      ["2025-09", "0.000000"],
      ["2025-10", "0.000000"],
      ["2025-11", "0.000000"],
      ["2025-12", "0.000000"],
      ["2026-01", "1.000001"],
      ["2026-02", "13.000000"],
    ]);
    const byTeam = r.movers.ok ? r.movers.data.find((d) => d.dimension === "team")! : null;
    expect(byTeam?.movers.map((m) => m.sentence)).toEqual([
      "Team support is new this month: $10.50.",
      "Team search rose by $1.50 (+150.0%) to $2.50.",
    ]);
  });

  test("the current month carries a forecast; a future month is refused", async () => {
    const r = await getBoardReport(orgId, "2026-03", NOW);
    expect(r.complete).toBe(false);
    expect(r.forecast.ok && r.forecast.data?.month_to_date_usd).toBe("99.000000");
    await expect(getBoardReport(orgId, "2026-04", NOW)).rejects.toThrow(/has not started/);
  });
});

describe("GET /api/v1/reports/board", () => {
  const call = (key: string, url: string) =>
    boardRoute.GET(new NextRequest(`http://localhost${url}`, { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({}),
    });

  test("no browser → 503 that says how to install one", async () => {
    const key = (await issueApiKey(orgId, { name: "admin", scopes: ["admin"] }, {})).key;
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    resetEnvCache();
    try {
      const res = await call(key, "/api/v1/reports/board?month=2026-02");
      expect(res.status).toBe(503);
      expect((await res.json()).error.message).toContain("apt-get install -y chromium");
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
      resetEnvCache();
    }
  });

  test("a read-scope key is refused; bad month and paper are 400s", async () => {
    const read = (await issueApiKey(orgId, { name: "read", scopes: ["read"] }, {})).key;
    expect((await call(read, "/api/v1/reports/board?month=2026-02")).status).toBe(403);
    const admin = (await issueApiKey(orgId, { name: "admin2", scopes: ["admin"] }, {})).key;
    expect((await call(admin, "/api/v1/reports/board?month=2026-13")).status).toBe(400);
    expect((await call(admin, "/api/v1/reports/board?month=2026-02&paper=a3")).status).toBe(400);
  });
});
