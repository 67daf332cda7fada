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
import { Options } from "../forms/options";
import { onFormSubmit, optionalText } from "../forms/form-values";
import { JobProgress } from "./job-progress";

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

const d = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/** Per-unit prices of priced lines a rates rule may set (decision 045). */
const UNITS: [string, string][] = [
  ["web_search_call", "Web search, USD / call"],
  ["file_search_call", "File search, USD / call"],
  ["code_interpreter_session", "Code interpreter, USD / session"],
  ["tool_call", "Tool call, USD / call"],
  ["image", "Image, USD / image"],
  ["audio_second", "Audio, USD / second"],
];

const KINDS: [string, string][] = [
  ["discount", "Discount (percent off the catalog)"],
  ["markup", "Markup (percent on the catalog)"],
  ["rates", "Rates (per 1M tokens and per unit)"],
  ["margin", "Internal margin for chargeback (percent, shown apart)"],
  ["no_catalog", "Ignore catalog prices for the provider (model *)"],
  ["time", "Time-based endpoint price (per hour)"],
];

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

  const kind = editing?.kind ?? "discount";
  const unitPrices = (f: FormData) => {
    const out: Record<string, string> = {};
    for (const [k] of UNITS) {
      const v = optionalText(f, `unit_${k}`);
      if (v) out[k] = v;
    }
    return Object.keys(out).length ? out : null;
  };
  const save = onFormSubmit((f) => {
    const val = (k: string) => optionalText(f, k);
    const json = {
      provider: val("provider"),
      model: val("model") ?? "",
      kind: val("kind"),
      input_per_mtok_usd: val("input"),
      output_per_mtok_usd: val("output"),
      cached_input_per_mtok_usd: val("cached"),
      cache_write_per_mtok_usd: val("cache_write"),
      discount_percent: val("discount"),
      service_tier: val("service_tier"),
      percent: val("percent"),
      unit_prices: kind === "rates" ? unitPrices(f) : null,
      per_hour_usd: val("per_hour"),
      allocation_rule: val("allocation"),
      effective_from: val("from") ?? "",
      effective_to: val("to"),
      note: val("note"),
    };
    return run(async () => {
      const out = await apiFetch<{ job_id: string | null }>(
        editing?.id ? `/api/v1/price-book/overrides/${editing.id}` : "/api/v1/price-book/overrides",
        { method: editing?.id ? "PUT" : "POST", json },
      );
      setEditing(null);
      follow(out);
    });
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

      {canEdit && editing && (
        <section className="card" aria-labelledby="override-form-title">
          <h2 id="override-form-title">{editing.id ? `Edit override for ${editing.model}` : "New override"}</h2>
          <p className="muted">An effective date in the past restates the events of open months in the background.</p>
          <form onSubmit={save} key={editing.id ?? `new-${editing.model ?? ""}`}>
            <div className="form-row">
              <div className="field">
                <label htmlFor="o-model">Model</label>
                <input id="o-model" name="model" required defaultValue={editing.model ?? ""} size={28} />
              </div>
              <div className="field">
                <label htmlFor="o-provider">Provider (blank: any)</label>
                <input id="o-provider" name="provider" defaultValue={editing.provider ?? ""} />
              </div>
              <div className="field">
                <label htmlFor="o-kind">Kind</label>
                <select id="o-kind" name="kind" defaultValue={kind} onChange={(e) => setEditing({ ...editing, kind: e.target.value })}>
                  <Options items={KINDS} />
                </select>
              </div>
              <div className="field">
                <label htmlFor="o-tier">Service tier</label>
                <select id="o-tier" name="service_tier" defaultValue={editing.service_tier ?? ""}>
                  <Options
                    items={[
                      ["", "Every tier"],
                      ["standard", "Standard"],
                      ["priority", "Priority"],
                      ["flex", "Flex"],
                      ["batch", "Batch"],
                      ["scale", "Scale"],
                    ]}
                  />
                </select>
              </div>
            </div>
            {kind === "markup" || kind === "margin" ? (
              <div className="field">
                <label htmlFor="o-percent">{kind === "margin" ? "Margin (%)" : "Markup (%)"}</label>
                <input id="o-percent" name="percent" inputMode="decimal" defaultValue={editing.percent ?? ""} />
              </div>
            ) : kind === "time" ? (
              <div className="form-row">
                <div className="field">
                  <label htmlFor="o-hour">USD per hour of the endpoint</label>
                  <input id="o-hour" name="per_hour" inputMode="decimal" defaultValue={editing.per_hour_usd ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor="o-alloc">Allocated to its calls by</label>
                  <select id="o-alloc" name="allocation" defaultValue={editing.allocation_rule ?? "tokens"}>
                    <Options
                      items={[
                        ["tokens", "Tokens"],
                        ["requests", "Requests"],
                      ]}
                    />
                  </select>
                </div>
              </div>
            ) : kind === "no_catalog" ? (
              <p className="muted">Events of this provider are priced only by rates rules; without one they are unpriced.</p>
            ) : kind === "discount" ? (
              <div className="field">
                <label htmlFor="o-discount">Discount (%)</label>
                <input id="o-discount" name="discount" inputMode="decimal" defaultValue={editing.discount_percent ?? ""} />
              </div>
            ) : (
              <div className="form-row">
                <div className="field">
                  <label htmlFor="o-input">Input USD / 1M tokens</label>
                  <input id="o-input" name="input" inputMode="decimal" defaultValue={editing.input_per_mtok_usd ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor="o-output">Output USD / 1M tokens</label>
                  <input id="o-output" name="output" inputMode="decimal" defaultValue={editing.output_per_mtok_usd ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor="o-cached">Cached input USD / 1M (blank: input rate)</label>
                  <input id="o-cached" name="cached" inputMode="decimal" defaultValue={editing.cached_input_per_mtok_usd ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor="o-cw">Cache write USD / 1M (blank: input rate)</label>
                  <input id="o-cw" name="cache_write" inputMode="decimal" defaultValue={editing.cache_write_per_mtok_usd ?? ""} />
                </div>
                {UNITS.map(([k, label]) => (
                  <div className="field" key={k}>
                    <label htmlFor={`o-unit-${k}`}>{label} (blank: catalog)</label>
                    <input id={`o-unit-${k}`} name={`unit_${k}`} inputMode="decimal" defaultValue={editing.unit_prices?.[k] ?? ""} />
                  </div>
                ))}
              </div>
            )}
            <div className="form-row">
              <div className="field">
                <label htmlFor="o-from">Effective from</label>
                <input id="o-from" name="from" type="date" required defaultValue={d(editing.effective_from ?? null)} />
              </div>
              <div className="field">
                <label htmlFor="o-to">Effective to (exclusive, blank: open)</label>
                <input id="o-to" name="to" type="date" defaultValue={d(editing.effective_to ?? null)} />
              </div>
              <div className="field" style={{ flex: 1 }}>
                <label htmlFor="o-note">Note</label>
                <input id="o-note" name="note" defaultValue={editing.note ?? ""} style={{ width: "100%" }} />
              </div>
            </div>
            <div className="form-row">
              <button className="btn btn-primary" type="submit" disabled={busy}>
                {busy ? "Saving…" : "Save override"}
              </button>
              <button className="btn" type="button" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </div>
          </form>
        </section>
      )}

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
