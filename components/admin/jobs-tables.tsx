"use client";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { OrgJobView, QueueView } from "@/lib/jobs/jobs-view";

const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 19) + " UTC" : "—");

const queueColumns: Column<QueueView>[] = [
  { key: "title", label: "Job", value: (q) => q.title, render: (q) => <span title={q.name}>{q.title}</span> },
  { key: "schedule", label: "Schedule", value: (q) => q.schedule },
  { key: "waiting", label: "Waiting", value: (q) => q.waiting, numeric: true },
  { key: "running", label: "Running", value: (q) => q.running, numeric: true },
  { key: "failed", label: "Failed (30 d)", value: (q) => q.failed, numeric: true },
  { key: "oldest_waiting_seconds", label: "Oldest waiting (s)", value: (q) => q.oldest_waiting_seconds, numeric: true },
  { key: "last_completed_at", label: "Last completed", value: (q) => q.last_completed_at, render: (q) => when(q.last_completed_at) },
  {
    key: "last_error",
    label: "Last failure",
    value: (q) => q.last_error,
    render: (q) => (q.last_error ? `${when(q.last_failed_at)}: ${q.last_error}` : "—"),
  },
];

const jobColumns: Column<OrgJobView>[] = [
  { key: "kind", label: "Job", value: (j) => j.kind },
  { key: "status", label: "Status", value: (j) => j.status },
  { key: "queue_state", label: "Queue state", value: (j) => j.queue_state },
  { key: "attempts", label: "Attempts", value: (j) => j.attempts, numeric: true },
  { key: "progress", label: "Progress", value: (j) => `${j.processed}/${j.total}`, numeric: true },
  { key: "created_at", label: "Started", value: (j) => j.created_at, render: (j) => when(j.created_at) },
  { key: "finished_at", label: "Finished", value: (j) => j.finished_at, render: (j) => when(j.finished_at) },
  { key: "error", label: "Error", value: (j) => j.error },
];

export function JobsTables({ queues, jobs }: { queues: QueueView[]; jobs: OrgJobView[] }) {
  return (
    <>
      <DataTable title="Background work" filename="spendline-job-queues.csv" columns={queueColumns} rows={queues} rowKey={(q) => q.name} />
      <DataTable
        title="This organisation's jobs"
        filename="spendline-jobs.csv"
        columns={jobColumns}
        rows={jobs}
        rowKey={(j) => j.id}
        empty="No jobs yet. A price-book change that reaches back in time starts a restatement here."
      />
    </>
  );
}
