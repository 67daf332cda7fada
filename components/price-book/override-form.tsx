"use client";
import { Options } from "../forms/options";
import { onFormSubmit, optionalText } from "../forms/form-values";
import { d, type OverrideView } from "./price-book-manager";

/**
 * The price-book override form: the fields every rule has (model, provider, kind, service tier,
 * effective period, note) and those of its kind (percent, rates and per-unit prices, per-hour
 * price). It reads the form into the body of POST/PUT /api/v1/price-book/overrides and hands
 * it to `onSave`; the list (price-book-manager.tsx) sends it and follows the restatement.
 */
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

/** The request body: the rule as listed, without its id (the kind as the form read it). */
export type OverrideInput = Omit<OverrideView, "id" | "kind"> & { kind: string | null };

export function OverrideForm({
  editing,
  onChange,
  onSave,
  busy,
}: {
  editing: Partial<OverrideView>;
  /** the rule being edited changed (its kind), or null: the form is closed */
  onChange: (editing: Partial<OverrideView> | null) => void;
  onSave: (json: OverrideInput) => void;
  busy: boolean;
}) {
  const kind = editing.kind ?? "discount";
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
    onSave(json);
  });
  return (
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
            <select id="o-kind" name="kind" defaultValue={kind} onChange={(e) => onChange({ ...editing, kind: e.target.value })}>
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
          <button className="btn" type="button" onClick={() => onChange(null)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
