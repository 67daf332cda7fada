"use client";
import { usd } from "@/lib/format";
import { featureEditRefusal, type FeatureScopePrincipal } from "@/lib/auth/feature-scope";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { useResource } from "./use-metric";
import { CsvDownload, type CsvColumn } from "../ui/csv-download";
import { SkeletonBlock } from "../ui/skeleton-block";
import { ScrollTable } from "../ui/scroll-table";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import { onFormSubmit, text } from "../forms/form-values";
import { queryKeys } from "@/lib/api/query-keys";

type Tier = { tier: string; predicted_ltv_usd: string; monthly_price_usd: string; source: string };
type Feature = {
  feature: string;
  display_name: string | null;
  owner_team: string | null;
  review_threshold_usd: string;
  unit_of_value: string;
  value_per_unit_usd: string | null;
  value_method: string | null;
  design_tokens_per_request: number | null;
  design_calls_per_request: number | null;
};
const trimUsd = (s: string | null) => (s === null ? "" : s.replace(/\.?0+$/, ""));
/** CSV columns named after the API fields they carry. */
const fieldColumns = <T,>(...keys: (keyof T & string)[]): CsvColumn<T>[] =>
  keys.map((k) => ({ key: k, label: k, value: (row) => row[k] as string | number | null }));

export function SettingsView({ canEditTiers, scope }: { canEditTiers: boolean; scope: FeatureScopePrincipal }) {
  const tiers = useResource<{ tiers: Tier[] }>("settings-tiers", "/api/v1/settings/tiers");
  const features = useResource<{ features: Feature[] }>("settings-features", "/api/v1/settings/features");
  const qc = useQueryClient();
  const [msg, setMsg] = useState<{ ok?: string; error?: string }>({});
  // the settings are read by queries (not the server page), so a save refetches them instead of refreshing the page
  async function save(url: string, json: unknown, ok: string) {
    setMsg({});
    try {
      await apiFetch(url, { method: "PUT", json });
      setMsg({ ok });
      await qc.invalidateQueries({ queryKey: queryKeys.all });
    } catch (e) {
      setMsg({ error: (e as Error).message });
    }
  }
  return (
    <>
      <FormMessages {...msg} />
      <SettingsCard
        label="Tiers"
        title="Customer tiers"
        style={{ marginBottom: 16 }}
        csv={
          tiers.data && (
            <CsvDownload
              filename="tiers.csv"
              rows={tiers.data.tiers}
              columns={fieldColumns<Tier>("tier", "predicted_ltv_usd", "monthly_price_usd", "source")}
            />
          )
        }
        note={
          <>
            Predicted LTV drives the freemium trap; the monthly price per tenant drives the subsidy ratio.{" "}
            {canEditTiers ? "" : "Only Admin and Finance can change them."}
          </>
        }
      >
        {!tiers.data ? (
          <SkeletonBlock height={120} />
        ) : (
          <SettingsTable headers={["Tier", "Predicted LTV (USD)", "Monthly price per tenant (USD)", "Source"]}>
            {tiers.data.tiers.map((t) => {
              const fid = `tier-${t.tier}`;
              const money = { size: 10, inputMode: "decimal", disabled: !canEditTiers } as const;
              return (
                <tr key={t.tier}>
                  <td>
                    <strong>{t.tier}</strong>
                  </td>
                  <RowInput form={fid} name="ltv" label={`Predicted LTV for ${t.tier}`} value={trimUsd(t.predicted_ltv_usd)} {...money} />
                  <RowInput form={fid} name="price" label={`Monthly price for ${t.tier}`} value={trimUsd(t.monthly_price_usd)} {...money} />
                  <td>
                    <span className="badge">{t.source === "default" ? "default value" : "set in settings"}</span>
                  </td>
                  <RowSave
                    id={fid}
                    label={`Tier ${t.tier}`}
                    onSave={
                      canEditTiers
                        ? (f) =>
                            save(
                              `/api/v1/settings/tiers/${encodeURIComponent(t.tier)}`,
                              { predicted_ltv_usd: text(f, "ltv"), monthly_price_usd: text(f, "price") },
                              `Saved tier ${t.tier}.`,
                            )
                        : undefined
                    }
                  />
                </tr>
              );
            })}
          </SettingsTable>
        )}
      </SettingsCard>
      <SettingsCard
        label="Features"
        title="Features"
        csv={
          features.data && (
            <CsvDownload
              filename="features.csv"
              rows={features.data.features}
              columns={fieldColumns<Feature>(
                "feature",
                "owner_team",
                "review_threshold_usd",
                "unit_of_value",
                "value_per_unit_usd",
                "value_method",
                "design_tokens_per_request",
                "design_calls_per_request",
              )}
            />
          )
        }
        note="Owner, architecture-review threshold (mean cost per interaction), unit of value and its value (unit economics), and the design estimate (agentic-loop detector)."
      >
        {!features.data ? (
          <SkeletonBlock height={160} />
        ) : features.data.features.length === 0 ? (
          <p className="muted">Features appear here when their first event arrives.</p>
        ) : (
          <SettingsTable
            headers={["Feature", "Owner team", "Threshold $", "Unit", "Value/unit $", "Method", "Design tokens", "Design calls"]}
          >
            {features.data.features.map((f) => (
              <FeatureRow
                key={f.feature}
                f={f}
                // show only what the person may do: the same rule the server applies (lib/auth/feature-scope.ts)
                readOnly={featureEditRefusal(scope, f.feature, f.owner_team)}
                onSave={(body) => save(`/api/v1/settings/features/${encodeURIComponent(f.feature)}`, body, `Saved ${f.feature}.`)}
              />
            ))}
          </SettingsTable>
        )}
      </SettingsCard>
    </>
  );
}

/** A settings card: title with its CSV download, what the settings drive, then the table of rows. */
function SettingsCard({
  label,
  title,
  csv,
  note,
  style,
  children,
}: {
  label: string;
  title: string;
  csv: React.ReactNode;
  note: React.ReactNode;
  style?: React.CSSProperties;
  children: React.ReactNode;
}) {
  return (
    <section className="card" style={style} aria-label={label}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h2>{title}</h2>
        {csv}
      </div>
      <p className="muted" style={{ fontSize: 12 }}>
        {note}
      </p>
      {children}
    </section>
  );
}

/** Rows edited in place; the last column holds each row's Save form. */
function SettingsTable({ headers, children }: { headers: string[]; children: React.ReactNode }) {
  return (
    <ScrollTable
      head={
        <>
          {headers.map((h) => (
            <th key={h}>{h}</th>
          ))}
          <th />
        </>
      }
    >
      {children}
    </ScrollTable>
  );
}

/** An input of a settings row, sent by that row's Save form (`form` is the form's id), named by `label`. */
function RowInput({
  label,
  value,
  ...input
}: { label: string; value: string | number | null } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "defaultValue">) {
  return (
    <td>
      <input {...input} aria-label={label} defaultValue={value ?? ""} />
    </td>
  );
}

/** The last cell of a settings row: the form the row's inputs belong to (their `form` is its id), or nothing when the row is read-only. */
function RowSave({ id, label, onSave }: { id: string; label?: string; onSave?: (values: FormData) => unknown }) {
  return (
    // sticks to the right edge of the scrolling table: the row's Save stays on screen on a phone
    <td className="row-save">
      {onSave && (
        <form id={id} aria-label={label} onSubmit={onFormSubmit(onSave)}>
          <button className="btn" type="submit">
            Save
          </button>
        </form>
      )}
    </td>
  );
}

function FeatureRow({ f, onSave, readOnly }: { f: Feature; onSave: (body: unknown) => void; readOnly: string | null }) {
  if (readOnly)
    return (
      <tr>
        <td>
          <strong>{f.feature}</strong>
        </td>
        <td>{f.owner_team ?? "—"}</td>
        <td className="num">{usd(f.review_threshold_usd)}</td>
        <td>{f.unit_of_value}</td>
        <td className="num">{f.value_per_unit_usd === null ? "—" : usd(f.value_per_unit_usd)}</td>
        <td>{f.value_method?.replace(/_/g, " ") ?? "—"}</td>
        <td className="num">{f.design_tokens_per_request ?? "—"}</td>
        <td className="num">{f.design_calls_per_request ?? "—"}</td>
        <td>
          <span className="muted" title={readOnly}>
            read only
          </span>
        </td>
      </tr>
    );
  const id = `feat-${f.feature}`;
  const of = (what: string) => `${what} of ${f.feature}`;
  const decimal = { size: 5, inputMode: "decimal" } as const;
  const numeric = { size: 5, inputMode: "numeric" } as const;
  return (
    <tr>
      <td>
        <strong>{f.feature}</strong>
      </td>
      <RowInput form={id} name="owner" label={of("Owner team")} value={f.owner_team} size={8} />
      <RowInput form={id} name="thr" label={of("Review threshold")} value={trimUsd(f.review_threshold_usd)} {...decimal} />
      <td>
        <select form={id} name="unit" aria-label={of("Unit of value")} defaultValue={f.unit_of_value}>
          <Options items={["conversation", "document", "task", "query", "report"]} />
        </select>
      </td>
      <RowInput form={id} name="value" label={of("Value per unit")} value={trimUsd(f.value_per_unit_usd)} {...decimal} placeholder="none" />
      <td>
        <select form={id} name="method" aria-label={of("Value method")} defaultValue={f.value_method ?? ""}>
          <option value="">—</option>
          <Options
            items={["cost_displacement", "revenue_uplift", "retention", "premium_price"].map((m) => [m, m.replace(/_/g, " ")] as const)}
          />
        </select>
      </td>
      <RowInput form={id} name="tok" label={of("Design tokens per request")} value={f.design_tokens_per_request} {...numeric} />
      <RowInput form={id} name="calls" label={of("Design calls per request")} value={f.design_calls_per_request} {...numeric} size={4} />
      <RowSave
        id={id}
        onSave={(v) => {
          const s = (k: string) => text(v, k);
          onSave({
            owner_team: s("owner") || null,
            review_threshold_usd: s("thr") || "0.10",
            unit_of_value: s("unit"),
            value_per_unit_usd: s("value") || null,
            value_method: s("method") || null,
            design_tokens_per_request: s("tok") ? Number(s("tok")) : null,
            design_calls_per_request: s("calls") ? Number(s("calls")) : null,
          });
        }}
      />
    </tr>
  );
}
