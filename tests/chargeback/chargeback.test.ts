import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { createOctoberFixedCosts } from "../helpers/october-fixed-costs";
import { db } from "@/lib/db";
import { parseUsd } from "@/lib/money";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { createFixedCost } from "@/lib/costs/manage-fixed-costs";
import { getChargeback } from "@/lib/chargeback/get-chargeback";
import { closeMonth, reopenMonth, setChargebackMode } from "@/lib/month-close/close-month";
import { focusCsv } from "@/lib/chargeback/focus-export";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
let n = 0;
const ev = (team: string, cost: string, ts = "2026-10-15T12:00:00Z", extra: Record<string, unknown> = {}) => ({
  id: `e-${++n}`,
  timestamp: ts,
  feature: team === "unallocated" ? "orphan" : `${team}_bot`,
  ...(team === "unallocated" ? {} : { team }),
  model: "gpt-4o-2024-08-06",
  usage: { input_tokens: 1000, output_tokens: 100 },
  cost_usd: cost,
  outcome: "success",
  ...extra,
});

function sums(r: Awaited<ReturnType<typeof getChargeback>>) {
  const s = (c: "direct_usd" | "allocated_usd" | "total_usd") => r.rows.reduce((acc, row) => acc + parseUsd(row[c]), 0n);
  return { direct: s("direct_usd"), allocated: s("allocated_usd"), total: s("total_usd") };
}

describe("chargeback with awkward amounts", () => {
  test("rows add up exactly to events + fixed costs, with an explicit unallocated row", async () => {
    const org = await createOrganization("cb-awkward", "Awkward");
    for (const t of ["alpha", "beta", "gamma"]) await db().team.create({ data: { organizationId: org.id, name: t } });
    const res = await ingestEvents(org.id, [
      ev("alpha", "0.0000004"),
      ev("alpha", "0.3333333333"),
      ev("beta", "0.6666666667"),
      ev("beta", "0.0000005"),
      ev("gamma", "1.0000005"),
      ev("unallocated", "0.0000015"),
      ev("alpha", "9.99", "2026-09-30T23:59:59Z"), // previous month: not in October
      ev("beta", "7.77", "2026-11-01T00:00:00Z"), // next month
    ]);
    expect(res.accepted).toBe(8);
    // 100 over 7 days: 3 of them in October
    await createOctoberFixedCosts(org.id);
    await createFixedCost(
      org.id,
      {
        name: "Harness",
        amount_usd: "3.333333",
        period_start: "2026-10-01",
        period_end: "2026-11-01",
        allocation: { rule: "percentages", percentages: { alpha: "33.3", beta: "33.3" } },
      },
      actor,
    );

    const r = await getChargeback(org.id, "2026-10");
    const s = sums(r);
    const eventsExact = ["0.0000004", "0.3333333333", "0.6666666667", "0.0000005", "1.0000005", "0.0000015"].reduce(
      (a, c) => a + parseUsd(c),
      0n,
    );
    expect(r.events_usd).toBe("2.000003"); // 2.0000032... rounded once
    expect(parseUsd(r.events_usd) - eventsExact).toBeLessThan(parseUsd("0.0000005"));
    expect(s.direct).toBe(parseUsd(r.events_usd));
    expect(s.allocated).toBe(parseUsd(r.fixed_costs_usd));
    expect(s.total).toBe(parseUsd(r.total_usd));
    expect(parseUsd(r.total_usd)).toBe(parseUsd(r.events_usd) + parseUsd(r.fixed_costs_usd));
    // 3/7 of 100 = 42.857142857142… + 10.0000001 + 3.333333 → 56.190475957… → 56.190476
    expect(r.fixed_costs_usd).toBe("56.190476");
    expect(r.rows.map((x) => x.team)).toContain("unallocated");
    expect(r.rows.at(-1)!.team).toBe("unallocated");
    expect(r.events).toBe(6);
    for (const row of r.rows) expect(parseUsd(row.total_usd)).toBe(parseUsd(row.direct_usd) + parseUsd(row.allocated_usd));

    const focus = await focusCsv(org.id, "2026-10");
    expect(focus.split("\r\n")[0]).toContain("BilledCost");
    expect(focus).toContain("AI and Machine Learning");
    expect(focus).toContain("x_Team");
  });
});

describe("close month", () => {
  test("a closed month does not move when late events arrive; reopen restates and is audited", async () => {
    const org = await createOrganization("cb-close", "Close");
    await ingestEvents(org.id, [ev("alpha", "1.5"), ev("beta", "2.25")]);
    const before = await getChargeback(org.id, "2026-10");
    expect(before.total_usd).toBe("3.750000");
    await closeMonth(org.id, "2026-10", actor);

    // received a minute after the close, whatever the clock's resolution: a late arrival
    await ingestEvents(org.id, [ev("alpha", "100", "2026-10-20T08:00:00Z")], { receivedAt: new Date(Date.now() + 60_000) });
    const closed = await getChargeback(org.id, "2026-10");
    expect(closed.status).toBe("closed");
    expect(closed.total_usd).toBe("3.750000");
    expect(closed.rows).toEqual(before.rows);
    expect(closed.late_arrivals?.events).toBe(1);
    expect(closed.late_arrivals?.cost_usd).toBe("100.000000");

    await expect(closeMonth(org.id, "2026-10", actor)).rejects.toThrow(/already closed/);
    await reopenMonth(org.id, "2026-10", actor, "late events");
    const reopened = await getChargeback(org.id, "2026-10");
    expect(reopened.status).toBe("open");
    expect(reopened.total_usd).toBe("103.750000");
    const audit = await db().auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "chargeback." } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["chargeback.close", "chargeback.reopen"]);
  });

  test("only finished months can be closed: the current and future months are refused", async () => {
    const org = await createOrganization("cb-close-unfinished", "Unfinished");
    const now = new Date("2026-11-15T10:00:00Z");
    await expect(closeMonth(org.id, "2026-11", actor, now)).rejects.toThrow(/has not ended yet/);
    await expect(closeMonth(org.id, "2027-01", actor, now)).rejects.toThrow(/has not ended yet/);
    expect(await db().chargebackPeriod.count({ where: { organizationId: org.id } })).toBe(0);
    await expect(closeMonth(org.id, "2026-10", actor, now)).resolves.toMatchObject({ status: "closed" });
  });

  test("saving a setting unchanged writes no audit entry (no-op edits are skipped)", async () => {
    const org = await createOrganization("cb-noop", "Noop");
    await setChargebackMode(org.id, "chargeback", actor);
    await setChargebackMode(org.id, "chargeback", actor);
    await setChargebackMode(org.id, "showback", actor);
    const audit = await db().auditLog.findMany({ where: { organizationId: org.id, action: "chargeback.mode" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => (a.after as { chargebackMode: string }).chargebackMode)).toEqual(["CHARGEBACK", "SHOWBACK"]);
  });
});
