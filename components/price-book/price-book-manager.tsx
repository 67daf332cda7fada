"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "@/lib/api/query-keys";
import { apiFetch } from "../api-client";
import { RowsCsvDownload } from "../ui/csv-download";
import { ScrollTable } from "../ui/scroll-table";
import { TitledSection } from "../ui/titled-section";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { JobProgress } from "./job-progress";
import { OverrideForm, type OverrideInput } from "./override-form";

/** A price per million tokens with its currency: "$2.50", "$0.075" (exact, at least cents), "—" when none. */
export function price(v: string | null): string {
  if (v === null) return "—";
  const [i, f = ""] = v.split(".");
  return `$${i}.${f.replace(/0+$/, "").padEnd(2, "0")}`;
}

export type OverrideView = {
  id: string;
  provider: string | null;
  model: string;
  kind: string;
  input_per_mtok_usd: string | null;
  output_per_mtok_usd: string | null;
  cached_input_per_mtok_usd: string | null;
  cache_write_per_mtok_usd: string | null;
  discount_percent: string | null;
  service_tier: string | null;
  percent: string | null;
  unit_prices: Record<string, string> | null;
  per_hour_usd: string | null;
  allocation_rule: string | null;
  effective_from: string;
  effective_to: string | null;
  note: string | null;
};

type CatalogModel = {
  provider: string;
  provider_name: string;
  model: string;
  name: string;
  deprecated: boolean;
  input_per_mtok_usd: string | null;
  output_per_mtok_usd: string | null;
  cached_input_per_mtok_usd: string | null;
};

/** An ISO date-time as its day, "" when none. */
export const d = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/** What a rule adjusts, for the table's one column. */
function adjustment(o: OverrideView): string {
  if (o.kind === "discount" && o.discount_percent) return `−${o.discount_percent} %`;
  if ((o.kind === "markup" || o.kind === "margin") && o.percent) return `+${o.percent} %${o.kind === "margin" ? " margin" : ""}`;
  if (o.kind === "time" && o.per_hour_usd) return `$${o.per_hour_usd}/h by ${o.allocation_rule}`;
  if (o.kind === "no_catalog") return "catalog ignored";
  return "—";
}

export function PriceBookManager({
  overrides,
  canEdit,
  lastJobId,
}: {
  overrides: OverrideView[];
  canEdit: boolean;
  lastJobId: string | null;
}) {
  const [q, setQ] = useState("");
  const [editing, setEditing] = useState<Partial<OverrideView> | null>(null);
  const [jobId, setJobId] = useState<string | null>(lastJobId);
  const { busy, error, run } = useApiAction();

  const catalog = useQuery({
    queryKey: queryKeys.resource("price-book-catalog", { q }),
    queryFn: () => apiFetch<{ models: CatalogModel[] }>(`/api/v1/price-book/catalog?q=${encodeURIComponent(q)}&limit=25`),
  });

  /** A write that changes past prices answers the restatement job it started: the page follows it. */
  const follow = (out: { job_id: string | null }) => {
    if (out.job_id) setJobId(out.job_id);
  };

  const save = (json: OverrideInput) =>
    run(async () => {
      const out = await apiFetch<{ job_id: string | null }>(
        editing?.id ? `/api/v1/price-book/overrides/${editing.id}` : "/api/v1/price-book/overrides",
        { method: editing?.id ? "PUT" : "POST", json },
      );
      setEditing(null);
      follow(out);
    });

  const remove = (o: OverrideView) =>
    run(async () => follow(await apiFetch<{ job_id: string | null }>(`/api/v1/price-book/overrides/${o.id}`, { method: "DELETE" })), {
      confirm: `Delete the override for ${o.model}? Past events in open months will be restated at catalog prices.`,
    });

  return (
    <>
      <FormMessages error={error} />
      {jobId && <JobProgress key={jobId} jobId={jobId} />}

      <TitledSection
        id="overrides-title"
        title="Organisation overrides"
        actions={
          <div className="form-row">
            <RowsCsvDownload filename="spendline-price-overrides.csv" rows={overrides} />
            {canEdit && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setEditing({ kind: "discount", effective_from: new Date().toISOString() })}
              >
                Add override
              </button>
            )}
          </div>
        }
      >
        {overrides.length === 0 ? (
          <p className="muted">
            No overrides: every event is priced from the catalog at its timestamp.{" "}
            {canEdit
              ? "Add one for a negotiated discount or a private model."
              : "Ask an admin to add one for a negotiated discount or a private model."}
          </p>
        ) : (
          <ScrollTable
            label="Overrides"
            head={
              <>
                <th>Model</th>
                <th>Provider</th>
                <th>Kind</th>
                <th>Service tier</th>
                <th className="num">Input /1M</th>
                <th className="num">Output /1M</th>
                <th className="num">Cached /1M</th>
                <th className="num">Adjustment</th>
                <th>From</th>
                <th>To (excl.)</th>
                <th>Note</th>
                {canEdit && <th />}
              </>
            }
          >
            {overrides.map((o) => (
              <tr key={o.id}>
                <td>{o.model}</td>
                <td>{o.provider ?? "any"}</td>
                <td>{o.kind}</td>
                <td>{o.service_tier ?? "every"}</td>
                <td className="num">{price(o.input_per_mtok_usd)}</td>
                <td className="num">{price(o.output_per_mtok_usd)}</td>
                <td className="num">{price(o.cached_input_per_mtok_usd)}</td>
                <td className="num">{adjustment(o)}</td>
                <td>{d(o.effective_from)}</td>
                <td>{d(o.effective_to) || "open"}</td>
                <td>{o.note}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="btn" onClick={() => setEditing(o)} disabled={busy}>
                      Edit
                    </button>{" "}
                    <button type="button" className="btn btn-danger" onClick={() => remove(o)} disabled={busy}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </ScrollTable>
        )}
      </TitledSection>

      {canEdit && editing && <OverrideForm editing={editing} onChange={setEditing} onSave={save} busy={busy} />}

      <TitledSection
        id="catalog-title"
        title="Catalog (@pydantic/genai-prices, bundled)"
        actions={<RowsCsvDownload filename="spendline-catalog-search.csv" rows={catalog.data?.models ?? []} />}
      >
        <div className="field">
          <label htmlFor="catalog-q">Search the catalog</label>
          <input
            id="catalog-q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="gpt-4o, claude, gemini…"
            size={40}
          />
        </div>
        <FormMessages error={catalog.error?.message} />
        {catalog.isLoading ? (
          <div className="skeleton" style={{ height: 120 }} />
        ) : (
          <ScrollTable
            label="Catalog models"
            head={
              <>
                <th>Provider</th>
                <th>Model id</th>
                <th>Name</th>
                <th className="num">Input /1M</th>
                <th className="num">Output /1M</th>
                <th className="num">Cached /1M</th>
                {canEdit && <th />}
              </>
            }
          >
            {(catalog.data?.models ?? []).length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No catalog model matches “{q}”. A private model can still be priced with a rates override.
                </td>
              </tr>
            )}
            {(catalog.data?.models ?? []).map((m) => (
              <tr key={`${m.provider}/${m.model}`}>
                <td>{m.provider_name}</td>
                <td>
                  <code>{m.model}</code>
                  {m.deprecated && <span className="badge"> deprecated</span>}
                </td>
                <td>{m.name}</td>
                <td className="num">{price(m.input_per_mtok_usd)}</td>
                <td className="num">{price(m.output_per_mtok_usd)}</td>
                <td className="num">{price(m.cached_input_per_mtok_usd)}</td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="btn"
                      onClick={() =>
                        setEditing({ model: m.model, provider: m.provider, kind: "discount", effective_from: new Date().toISOString() })
                      }
                    >
                      Override…
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </ScrollTable>
        )}
      </TitledSection>
    </>
  );
}
