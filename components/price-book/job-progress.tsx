"use client";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/api/query-keys";
import { apiFetch } from "../api-client";
import type { z } from "zod";
import type { jobResponse } from "@/lib/pricing/schemas";
import type { RestatementParams, RestatementSummary } from "@/lib/pricing/restate-events";
import { ProgressBar } from "../ui/progress-bar";

/**
 * The job as GET /api/v1/jobs/{id} answers it, with the restatement's params and summary typed
 * by the module that writes them (type-only imports: nothing server-side reaches the bundle).
 */
type Job = Omit<z.infer<typeof jobResponse>, "params" | "summary"> & {
  params: RestatementParams | null;
  summary: RestatementSummary | null;
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
      <ProgressBar label="Rows re-priced so far" percent={pct} />
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
