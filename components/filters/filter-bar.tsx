"use client";
import { useFirstPaintResource } from "../metrics/use-metric";
import { FILTER_BAR_QUERIES } from "../metrics/first-paint";
import { ALL, useUrlParams } from "./use-filters";
import { useFilterDefaults } from "../providers";
import { invalidDatesText, isCalendarDay, periodProblem } from "@/lib/metrics/filter-errors";
import { addDays, resolvePeriod } from "@/lib/time";

/**
 * The global filter bar. The URL keeps the API's period: `from` inclusive, `to` exclusive;
 * the "To" field shows the last day included (to − 1 day), as people read a range.
 */

/** The address bar's value now (a second change may come before the re-render). */
function current(key: string): string | null {
  const v = new URLSearchParams(window.location.search).get(key);
  return v && (key === "from" || key === "to") && !isCalendarDay(v) ? null : v;
}

/** The period the server uses when the URL gives none (lib/time resolvePeriod). */
export function defaultPeriod() {
  const { from, to } = resolvePeriod({});
  return { from, to };
}

/** The environments an event may name (the ingestion schema's enum). */
const ENVIRONMENTS = ["prod", "staging", "dev"];

type Opt = { features: { feature: string }[] };
type Dims = { teams: string[]; models: string[] };
type Tiers = { tiers: { tier: string }[] };

export function FilterBar({ extra }: { extra?: React.ReactNode }) {
  const { params, set, ignored } = useUrlParams();
  const def = defaultPeriod();
  // the server's resolution of a partial period (only from, or only to), shown as such
  const { from, to } = resolvePeriod({ from: params.from, to: params.to });
  const features = useFirstPaintResource<Opt>(FILTER_BAR_QUERIES.features);
  const tiers = useFirstPaintResource<Tiers>(FILTER_BAR_QUERIES.tiers);
  const dims = useFirstPaintResource<Dims>(FILTER_BAR_QUERIES.dimensions);
  const defaults = useFilterDefaults();
  const preset = (days: number) => set({ from: addDays(def.to, -days), to: def.to });

  return (
    <form className="filters no-print" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="f-from">From</label>
        <input
          id="f-from"
          type="date"
          value={from}
          max={addDays(to, -1)}
          onChange={(e) => e.target.value && set({ from: e.target.value, to: current("to") ?? def.to })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">To (inclusive)</label>
        <input
          id="f-to"
          type="date"
          value={addDays(to, -1)}
          min={from}
          onChange={(e) => e.target.value && set({ from: current("from") ?? def.from, to: addDays(e.target.value, 1) })}
        />
      </div>
      <div className="field" role="group" aria-label="Quick ranges" style={{ display: "flex", gap: 4 }}>
        {[7, 30, 90].map((d) => (
          <button key={d} type="button" className="btn" onClick={() => preset(d)}>
            {d} days
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor="f-feature">Feature</label>
        <select id="f-feature" value={params.feature ?? ""} onChange={(e) => set({ feature: e.target.value })}>
          <option value="">All features</option>
          {(features.data?.features ?? []).map((f) => (
            <option key={f.feature} value={f.feature}>
              {f.feature}
            </option>
          ))}
          {params.feature && !features.data?.features.some((f) => f.feature === params.feature) && (
            <option value={params.feature}>{params.feature}</option>
          )}
        </select>
      </div>
      <ChoiceFilter
        id="f-team"
        label={defaults.team ? "Team (yours by default)" : "Team"}
        all="All teams"
        value={params.team}
        options={dims.data?.teams}
        // a lead's "All teams" must be explicit in the URL, else their own team applies
        onChange={(v) => set({ team: v || (defaults.team ? ALL : null) })}
      />
      <div className="field">
        <label htmlFor="f-tier">Tier</label>
        <select id="f-tier" value={params.tier ?? ""} onChange={(e) => set({ tier: e.target.value })}>
          <option value="">All tiers</option>
          {(tiers.data?.tiers ?? []).map((t) => (
            <option key={t.tier} value={t.tier}>
              {t.tier}
            </option>
          ))}
        </select>
      </div>
      <ChoiceFilter
        id="f-model"
        label="Model"
        all="All models"
        value={params.model}
        options={dims.data?.models}
        onChange={(v) => set({ model: v || null })}
      />
      <div className="field">
        <label htmlFor="f-env">Environment</label>
        <select id="f-env" value={params.environment ?? ""} onChange={(e) => set({ environment: e.target.value })}>
          <option value="">All</option>
          {ENVIRONMENTS.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </div>
      {extra}
      {invalidDatesText(ignored) && (
        <div role="alert" className="alert alert-error" style={{ flexBasis: "100%", margin: 0 }}>
          {invalidDatesText(ignored)}
        </div>
      )}
      {periodProblem(from, to) && (
        <div role="alert" className="alert alert-error" style={{ flexBasis: "100%", margin: 0 }}>
          {periodProblem(from, to)}
        </div>
      )}
      {Object.keys(params).length + Object.keys(ignored).length > 0 && (
        <div className="field">
          <button
            type="button"
            className="btn"
            onClick={() => set({ from: null, to: null, feature: null, team: null, tier: null, model: null, environment: null })}
          >
            Reset
          </button>
        </div>
      )}
    </form>
  );
}

/** A choice of the known values (the current one kept even when it is not among them). */
function ChoiceFilter({
  id,
  label,
  all,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  value?: string;
  options?: string[];
  onChange: (v: string) => void;
}) {
  const list = options ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value)} style={{ maxWidth: 220 }}>
        <option value="">{all}</option>
        {list.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {value && !list.includes(value) && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}

/** A labelled choice among fixed options, for a page's own field in the filter bar (`extra`). */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  /** [value, text shown] */
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
