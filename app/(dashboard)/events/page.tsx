import Link from "next/link";
import { CopyId } from "@/components/events/copy-id";
import { droppedParamsText, withoutNul } from "@/lib/api/search-params";
import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { displayUsd, parseUsd } from "@/lib/money";
import { eventFilterOptions, eventsQuerySchema, eventTotals, listEvents, type EventsQuery } from "@/lib/ingestion/list-events";
import { duration as formatDelay } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";
import { CsvUpload } from "@/components/events/csv-upload";

export const metadata = { title: "Events" };

export const dynamic = "force-dynamic";

type SP = Promise<Record<string, string | string[] | undefined>>;

function qs(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export default async function EventsPage({ searchParams }: { searchParams: SP }) {
  const me = await requireMember("dashboards.read");
  const { params: clean, dropped } = withoutNul(await searchParams);
  const raw = Object.fromEntries(
    Object.entries(clean)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v),
  );
  const parsed = eventsQuerySchema.omit({ limit: true, format: true }).safeParse(raw);
  const q: EventsQuery = parsed.success ? parsed.data : {};
  const [page, totals, options] = await Promise.all([
    listEvents(me.organizationId, q, 50),
    eventTotals(me.organizationId, q),
    eventFilterOptions(me.organizationId),
  ]);
  const filters = { ...q, cursor: undefined };
  const canUpload = can(me.role, "events.upload");
  const noData = options.features.length === 0 && page.rows.length === 0;
  const rollupFilterNote = q.source || q.unpriced || q.id ? " (totals ignore the source/unpriced/id filters)" : "";

  return (
    <>
      <PageHeader
        title="Events"
        description="The raw cost events as received: filter, page through, see ingestion delay (received − timestamp) and unpriced events, upload a CSV."
        actions={
          <a className="btn" href={`/api/v1/events${qs({ ...filters, format: "csv" })}`}>
            Download CSV
          </a>
        }
      />
      {droppedParamsText(dropped) && (
        <div role="alert" className="alert alert-error">
          {droppedParamsText(dropped)}
        </div>
      )}
      {!parsed.success && (
        <div role="alert" className="alert alert-error">
          Some filters were ignored: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </div>
      )}
      {noData ? (
        <EmptyState title="No events yet" code={SEND_EVENT_CURL}>
          Create an API key with the <code>ingest</code> scope under Admin → API keys, then send one event per model call (or upload a CSV
          below):
        </EmptyState>
      ) : null}
      {!noData && (
        <>
          <div className="grid grid-4" style={{ marginBottom: 16 }}>
            <div className="stat">
              <div className="label">Events{rollupFilterNote ? "*" : ""}</div>
              <div className="value">{totals.events.toLocaleString("en-US")}</div>
            </div>
            <div className="stat">
              <div className="label">Cost</div>
              <div className="value">{displayUsd(totals.cost)}</div>
            </div>
            <div className="stat">
              <div className="label">Unpriced events</div>
              <div className="value">{totals.unpricedEvents.toLocaleString("en-US")}</div>
              <div className="sub">
                {totals.unpricedEvents > 0 ? (
                  <Link href={`/events${qs({ ...filters, unpriced: "1" })}`}>show them</Link>
                ) : (
                  "every event has a price"
                )}
              </div>
            </div>
            <div className="stat">
              <div className="label">Mean ingestion delay</div>
              <div className="value">{formatDelay(totals.meanDelayMs)}</div>
              <div className="sub">received − timestamp</div>
            </div>
          </div>
          {rollupFilterNote && <p className="muted">*{rollupFilterNote.trim()}</p>}
          {page.retention.pastRetention && page.retention.keptFrom && (
            <div role="status" className="alert alert-info" data-testid="retention-note">
              Raw events before {page.retention.keptFrom.toISOString().slice(0, 10)} are past this organisation&apos;s raw-event retention
              {page.retention.months ? ` (${page.retention.months} months)` : ""}: they are no longer listed or downloadable. The totals
              above and every dashboard still include them (rollups are kept forever).
              {me.role === "ADMIN" && (
                <>
                  {" "}
                  Change it under <Link href="/admin/data-retention">Admin → Data retention</Link>.
                </>
              )}
            </div>
          )}
        </>
      )}
      {/* one place in the tree, with or without events: the first upload's report survives the refresh into the list */}
      {canUpload && <CsvUpload />}
      {!noData && (
        <>
          <form className="filters" method="get" action="/events" aria-label="Event filters">
            <div className="field">
              <label htmlFor="f-from">From</label>
              <input id="f-from" type="date" name="from" defaultValue={q.from} />
            </div>
            <div className="field">
              <label htmlFor="f-to">To (exclusive)</label>
              <input id="f-to" type="date" name="to" defaultValue={q.to} />
            </div>
            <Select id="f-feature" label="Feature" name="feature" value={q.feature} options={options.features} />
            <Select id="f-team" label="Team" name="team" value={q.team} options={options.teams} />
            <Select id="f-model" label="Model" name="model" value={q.model} options={options.models} />
            <Select id="f-tier" label="Tier" name="tier" value={q.tier} options={options.tiers} />
            <Select id="f-env" label="Environment" name="environment" value={q.environment} options={["prod", "staging", "dev"]} />
            <Select id="f-source" label="Source" name="source" value={q.source} options={["api", "otlp", "csv", "demo"]} />
            <Select
              id="f-unpriced"
              label="Priced"
              name="unpriced"
              value={q.unpriced}
              options={["1", "0"]}
              labels={{ "1": "unpriced only", "0": "priced only" }}
            />
            <div className="field">
              <label htmlFor="f-id">Event id</label>
              <input id="f-id" name="id" defaultValue={q.id} size={14} />
            </div>
            <button className="btn btn-primary" type="submit">
              Apply
            </button>
            <Link className="btn" href="/events">
              Reset
            </Link>
          </form>
          <div className="card table-wrap" style={{ padding: 0 }} tabIndex={0}>
            <table className="table table-dense" aria-label="Events">
              <thead>
                <tr>
                  <th title="month-day time, UTC (hover for the full timestamp)">Time (UTC)</th>
                  <th title="received − timestamp">Delay</th>
                  <th>Feature</th>
                  <th>Team</th>
                  <th>Tier</th>
                  <th>Model</th>
                  <th className="num">Input</th>
                  <th className="num">Cached</th>
                  <th className="num">Output</th>
                  <th className="num">Cost</th>
                  <th>Outcome</th>
                  <th>Source</th>
                  <th>Id</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.length === 0 && (
                  <tr>
                    <td colSpan={13} className="muted">
                      No events match these filters. <Link href="/events">Reset the filters</Link>.
                    </td>
                  </tr>
                )}
                {page.rows.map((r) => (
                  <tr key={r.eventId}>
                    <td style={{ whiteSpace: "nowrap" }} title={r.timestamp.toISOString()}>
                      {r.timestamp.toISOString().slice(5, 19).replace("T", " ")}
                    </td>
                    <td style={{ whiteSpace: "nowrap" }}>{formatDelay(r.receivedAt.getTime() - r.timestamp.getTime())}</td>
                    <td>{breakable(r.feature)}</td>
                    <td>{breakable(r.team)}</td>
                    <td>{r.tenantTier ?? "—"}</td>
                    <td style={{ whiteSpace: "nowrap" }} title={r.provider ? `${r.provider}/${r.model}` : r.model}>
                      {r.model.length > 18 ? `${r.model.slice(0, 17)}…` : r.model}
                    </td>
                    <td className="num">{r.inputTokens.toLocaleString("en-US")}</td>
                    <td className="num">{r.cachedInputTokens.toLocaleString("en-US")}</td>
                    <td className="num">{r.outputTokens.toLocaleString("en-US")}</td>
                    <td className="num" style={{ whiteSpace: "nowrap" }}>
                      {r.unpriced ? (
                        <span className="badge badge-warn" title="No catalog price and no cost_usd: counted as $0">
                          unpriced
                        </span>
                      ) : (
                        displayUsd(parseUsd(r.cost), { decimals: 6 })
                      )}
                      {r.usageMissing && (
                        <div style={{ whiteSpace: "normal" }}>
                          <span
                            className="badge badge-warn"
                            title="The source did not report token usage (e.g. a stream cut before its usage, a span without usage): the tokens and cost are a floor"
                          >
                            no usage reported
                          </span>
                        </div>
                      )}
                      {r.costSource === "override" && (
                        <div className="muted" title="Priced with an organisation override (Price book)">
                          override
                        </div>
                      )}
                      {r.costSource === "caller" && r.catalogCost !== null && (
                        <div className="muted" title="Price book figure, kept beside the caller's cost">
                          book {displayUsd(parseUsd(r.catalogCost), { decimals: 6 })}
                        </div>
                      )}
                    </td>
                    <td>
                      <span className={`badge ${r.outcome === "success" ? "badge-good" : r.outcome === "failure" ? "badge-bad" : ""}`}>
                        {r.outcome}
                      </span>
                    </td>
                    <td>{r.source}</td>
                    <td style={{ whiteSpace: "nowrap" }}>
                      <CopyId id={r.eventId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="form-row" style={{ marginBottom: 16 }}>
            {q.cursor && (
              <Link className="btn" href={`/events${qs(filters)}`}>
                ← Newest
              </Link>
            )}
            {page.nextCursor && (
              <Link className="btn" href={`/events${qs({ ...filters, cursor: page.nextCursor })}`}>
                Older →
              </Link>
            )}
            <span className="muted">{page.rows.length} shown, 50 per page, newest first</span>
          </nav>
        </>
      )}
    </>
  );
}

function Select({
  id,
  label,
  name,
  value,
  options,
  labels,
}: {
  id: string;
  label: string;
  name: string;
  value?: string;
  options: string[];
  labels?: Record<string, string>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** a name that may wrap after its underscores when the table needs the room ("support_<wbr>chatbot") */
function breakable(name: string) {
  const parts = name.split("_");
  return parts.map((p, i) => (
    <span key={i}>
      {p}
      {i < parts.length - 1 && (
        <>
          _<wbr />
        </>
      )}
    </span>
  ));
}
