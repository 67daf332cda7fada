"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options, Suggestions } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit, text, usdInput } from "../forms/form-values";
import { usd } from "@/lib/format";
import type { FixedCostDto } from "@/lib/costs/manage-fixed-costs";

function ruleText(a: FixedCostDto["allocation"]): string {
  switch (a.rule) {
    case "proportional":
      return "proportional to direct cost";
    case "even":
      return "even split over teams";
    case "percentages":
      return Object.entries(a.percentages)
        .map(([t, p]) => `${t} ${p} %`)
        .join(", ");
    case "direct":
      return a.team ? `direct to team ${a.team}` : `direct to feature ${a.feature}`;
  }
}

export function FixedCostsManager({ costs, canManage, teams }: { costs: FixedCostDto[]; canManage: boolean; teams: string[] }) {
  const { busy, error, notice, run } = useApiAction();
  const [rule, setRule] = useState("proportional");

  const onCreate = onFormSubmit(async (f, form) => {
    let allocation: Record<string, unknown> = { rule };
    if (rule === "percentages") {
      const percentages: Record<string, string> = {};
      for (const part of String(f.get("percentages") ?? "").split(",")) {
        const [t, p] = part.split(/[:=]/).map((s) => s.trim());
        if (t && p) percentages[t] = p.replace("%", "").trim();
      }
      allocation = { rule, percentages };
    } else if (rule === "direct") {
      const target = text(f, "target");
      allocation = f.get("target_kind") === "feature" ? { rule, feature: target } : { rule, team: target };
    }
    const added = await run(
      () =>
        apiFetch("/api/v1/fixed-costs", {
          method: "POST",
          json: {
            name: f.get("name"),
            category: f.get("category") || undefined,
            amount_usd: String(f.get("amount")),
            period_start: f.get("start"),
            period_end: f.get("end"),
            allocation,
          },
        }),
      {
        hint: "Fix the field named and submit again.",
        ok: `Added “${f.get("name")}”. It appears in the chargeback of every month its period touches.`,
      },
    );
    if (added) form.reset();
  });

  const remove = (c: FixedCostDto) =>
    run(() => apiFetch(`/api/v1/fixed-costs/${c.id}`, { method: "DELETE" }), {
      confirm: `Delete “${c.name}”? Open months lose this cost; closed months keep their snapshot.`,
    });

  const columns: Column<FixedCostDto>[] = [
    { key: "name", label: "Name", value: (c) => c.name },
    { key: "category", label: "Category", value: (c) => c.category ?? "" },
    { key: "amount_usd", label: "Amount", numeric: true, value: (c) => c.amount_usd, render: (c) => usd(c.amount_usd) },
    { key: "period", label: "Period [start, end)", value: (c) => `${c.period_start} – ${c.period_end}` },
    { key: "allocation", label: "Allocation", value: (c) => ruleText(c.allocation) },
    ...(canManage
      ? [
          actionsColumn(
            (c: FixedCostDto) => (
              <button className="btn btn-danger" disabled={busy} onClick={() => remove(c)} aria-label={`Delete ${c.name}`}>
                Delete
              </button>
            ),
            { emptyCsvColumn: true },
          ),
        ]
      : []),
  ];

  const first = new Date().toISOString().slice(0, 8) + "01";
  const next = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 10);

  return (
    <>
      <FormMessages error={error} ok={notice} />
      {canManage && (
        <section className="card" aria-label="Add a fixed or shared cost">
          <h2>Add a fixed or shared cost</h2>
          <form onSubmit={onCreate}>
            <div className="form-row">
              <div className="field">
                <label htmlFor="fc-name">Name</label>
                <input id="fc-name" name="name" required placeholder="Reserved GPUs (A100 × 2)" />
              </div>
              <div className="field">
                <label htmlFor="fc-cat">Category</label>
                <input id="fc-cat" name="category" placeholder="capacity, vector index, harness…" />
              </div>
              <div className="field">
                <label htmlFor="fc-amount">Amount (USD)</label>
                <input id="fc-amount" name="amount" required {...usdInput} placeholder="1200.00" />
              </div>
              <div className="field">
                <label htmlFor="fc-start">Period start</label>
                <input id="fc-start" name="start" type="date" required defaultValue={first} />
              </div>
              <div className="field">
                <label htmlFor="fc-end">Period end (exclusive)</label>
                <input id="fc-end" name="end" type="date" required defaultValue={next} />
              </div>
            </div>
            <div className="form-row">
              <div className="field">
                <label htmlFor="fc-rule">Allocation rule</label>
                <select id="fc-rule" value={rule} onChange={(e) => setRule(e.target.value)}>
                  <Options
                    items={[
                      ["proportional", "Proportional to direct cost"],
                      ["even", "Even split over teams"],
                      ["percentages", "Fixed percentages"],
                      ["direct", "Direct to one team or feature"],
                    ]}
                  />
                </select>
              </div>
              {rule === "percentages" && (
                <div className="field">
                  <label htmlFor="fc-pct">Percentages (team: %, …; the rest stays unallocated)</label>
                  <input
                    id="fc-pct"
                    name="percentages"
                    required
                    placeholder={`${teams[0] ?? "search"}: 60, ${teams[1] ?? "support"}: 40`}
                    size={40}
                  />
                </div>
              )}
              {rule === "direct" && (
                <>
                  <div className="field">
                    <label htmlFor="fc-kind">To</label>
                    <select id="fc-kind" name="target_kind">
                      <Options items={["team", ["feature", "feature (its owner team)"]]} />
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="fc-target">Team or feature name</label>
                    <input id="fc-target" name="target" required list="fc-teams" />
                  </div>
                  <Suggestions id="fc-teams" values={teams} />
                </>
              )}
              <SubmitButton busy={busy}>Add cost</SubmitButton>
            </div>
          </form>
          <p className="muted" style={{ fontSize: 12, margin: 0 }}>
            A date range is spread evenly per day; each month gets the days it contains. The chargeback allocates each month&apos;s share by
            the rule.
          </p>
        </section>
      )}
      <DataTable
        title="Fixed and shared costs"
        filename="fixed-costs.csv"
        columns={columns}
        rows={costs}
        rowKey={(c) => c.id}
        empty={
          canManage
            ? "No fixed or shared costs yet: add idle capacity, reserved GPUs, vector indexes or harness infrastructure above."
            : "No fixed or shared costs yet. Finance or an admin adds them here."
        }
      />
    </>
  );
}
