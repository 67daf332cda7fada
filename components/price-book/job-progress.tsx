"use client";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/api/query-keys";
import { apiFetch } from "../api-client";

type Job = {
  id: string;
  status: string;
  total: number;
  processed: number;
  progress: number;
  error: string | null;
  summary: null | {
    events_examined: number;
    events_changed: number;
    cost_before_usd: string;
    cost_after_usd: string;
    delta_usd: string;
    closed_months_skipped: string[];
    by_feature: { feature: string; model: string; events_changed: number; delta_usd: string }[];
  };
  params: { models: string[]; from: string; to: string } | null;
};

/** Polls /api/v1/jobs/{id} until the restatement finishes; then shows what moved. */
export function JobProgress({ jobId }: { jobId: string }) {
  const { data, error } = useQuery({
    queryKey: queryKeys.resource("job", { id: jobId }),
    queryFn: () => apiFetch<Job>(`/api/v1/jobs/${jobId}`),
    refetchInterval: (q) => (q.state.data && ["done", "failed"].includes(q.state.data.status) ? false : 700),
  });
  if (error)
    return (
      <div role="alert" className="alert alert-error">
        Could not read the job: {(error as Error).message}
      </div>
    );
  if (!data) return <div className="skeleton" style={{ height: 40 }} />;
  const pct = Math.round(data.progress * 100);
  const p = data.params;
  return (
    <div className="card" aria-label="Restatement">
      <h2>Restatement {data.status === "done" ? "finished" : data.status === "failed" ? "failed" : "in progress"}</h2>
      {p && (
        <p className="muted">
          {p.models.join(", ")} · events from {p.from.slice(0, 10)} to {p.to.slice(0, 10)} (closed chargeback months are not restated)
        </p>
      )}
      <div
        className="progress"
        role="progressbar"
        aria-label="Rows re-priced so far"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      <p className="muted">
        {data.processed.toLocaleString("en-US")} of {data.total.toLocaleString("en-US")} events re-priced ({pct}%)
      </p>
      {data.status === "failed" && (
        <div role="alert" className="alert alert-error">
          {data.error} — nothing was changed; save the override again to retry.
        </div>
      )}
      {data.summary && (
        <>
          <div className="grid grid-4">
            <div className="stat">
              <div className="label">Events changed</div>
              <div className="value">{data.summary.events_changed.toLocaleString("en-US")}</div>
              <div className="sub">of {data.summary.events_examined.toLocaleString("en-US")} examined</div>
            </div>
            <div className="stat">
              <div className="label">Cost before</div>
              <div className="value">${data.summary.cost_before_usd}</div>
            </div>
            <div className="stat">
              <div className="label">Cost after</div>
              <div className="value">${data.summary.cost_after_usd}</div>
            </div>
            <div className="stat">
              <div className="label">Moved</div>
              <div className="value">
                {data.summary.delta_usd.startsWith("-") ? "−$" + data.summary.delta_usd.slice(1) : "+$" + data.summary.delta_usd}
              </div>
            </div>
          </div>
          {data.summary.closed_months_skipped.length > 0 && (
            <p className="alert alert-info">
              Closed months left as they were: {data.summary.closed_months_skipped.join(", ")}. Reopen a month in Chargeback to restate it.
            </p>
          )}
          {data.summary.by_feature.length > 0 && (
            <div className="table-wrap" tabIndex={0}>
              <table className="table" aria-label="What moved">
                <thead>
                  <tr>
                    <th>Feature</th>
                    <th>Model</th>
                    <th className="num">Events changed</th>
                    <th className="num">Change (USD)</th>
                  </tr>
                </thead>
                <tbody>
                  {data.summary.by_feature.map((f) => (
                    <tr key={`${f.feature}/${f.model}`}>
                      <td>{f.feature}</td>
                      <td>{f.model}</td>
                      <td className="num">{f.events_changed}</td>
                      <td className="num">{f.delta_usd}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
