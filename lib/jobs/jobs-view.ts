import "server-only";
import { db } from "../db";
import { jobIdFor, jobQueue, queueOverview } from "./queue";

/**
 * The Jobs view (Admin → Data retention → Background jobs): the system queues (one row per
 * job definition: what waits, runs, failed, when it last completed) and the organisation's own
 * jobs (restatements) with the queue's state and attempts beside the row's progress.
 */
export type QueueView = {
  name: string;
  title: string;
  schedule: string;
  waiting: number;
  running: number;
  failed: number;
  oldest_waiting_seconds: number | null;
  last_completed_at: string | null;
  last_failed_at: string | null;
  last_error: string | null;
};

export type OrgJobView = {
  id: string;
  kind: string;
  status: string;
  queue_state: string;
  attempts: number;
  processed: number;
  total: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
};

export async function jobsView(organizationId: string): Promise<{ queues: QueueView[]; jobs: OrgJobView[] }> {
  const queues = (await queueOverview()).map((q) => ({
    name: q.name,
    title: q.title,
    schedule: q.every,
    waiting: q.waiting,
    running: q.running,
    failed: q.failed,
    oldest_waiting_seconds: q.oldestWaitingSeconds === null ? null : Math.round(q.oldestWaitingSeconds),
    last_completed_at: q.lastCompletedAt?.toISOString() ?? null,
    last_failed_at: q.lastFailedAt?.toISOString() ?? null,
    last_error: q.lastError,
  }));
  const rows = await db().backgroundJob.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, take: 50 });
  const boss = await jobQueue();
  const jobs: OrgJobView[] = [];
  for (const r of rows) {
    const q = await boss.getJobById(r.kind, jobIdFor(r.kind, r.id), { includeArchive: true }).catch(() => null);
    jobs.push({
      id: r.id,
      kind: r.kind,
      status: r.status,
      queue_state: q?.state ?? "unknown",
      // retries so far, plus the run under way or finished
      attempts: q ? q.retryCount + (["active", "completed", "failed"].includes(q.state) ? 1 : 0) : 0,
      processed: r.processed,
      total: r.total,
      error: r.error,
      created_at: r.createdAt.toISOString(),
      finished_at: r.finishedAt?.toISOString() ?? null,
    });
  }
  return { queues, jobs };
}
