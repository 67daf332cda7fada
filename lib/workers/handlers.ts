import "server-only";
import type { JobName } from "../jobs/definitions";
import { enqueueIfWorking, type JobHandlers } from "../jobs/queue";

/**
 * What each job does: thin calls into the domain modules (imported on first use, so that
 * loading the queue does not load every domain). A handler that throws is retried by the queue
 * up to the definition's retryLimit; its message is kept on the job (Jobs view).
 *
 * The table lives here, above the domains, rather than in lib/jobs: the domains send jobs
 * (lib/jobs/queue.ts), so a queue that imported their handlers would close an import cycle with
 * each of them.
 */
export const JOB_HANDLERS: JobHandlers = {
  "webhooks-deliver": async () => {
    const { deliverDueWebhooks } = await import("../alerts/deliver-webhooks");
    const pass = await deliverDueWebhooks();
    // a pass that stopped at its time budget (or a full page) goes on at once, not at the next minute
    if (pass.more) await enqueueIfWorking("webhooks-deliver");
    return pass;
  },
  "anomaly-auto-clear": async () => {
    const { sweepAnomalyAutoClear } = await import("../anomaly/evaluate-anomaly");
    return { cleared: await sweepAnomalyAutoClear() };
  },
  "billing-connectors": async () => {
    const { runDueConnectors } = await import("../billing/sync-connector");
    return await runDueConnectors();
  },
  "coding-agent-connectors": async () => {
    const { runDueAgentConnectors } = await import("../coding-agents/sync-agent-connector");
    return await runDueAgentConnectors();
  },
  "storage-maintenance": async (data) => {
    const { adoptDefaultPartition, ensureUpcomingPartitions } = await import("../storage/partitions");
    const { dropExpiredPartitions } = await import("../storage/retention");
    await adoptDefaultPartition();
    await ensureUpcomingPartitions();
    // at server start partitions only; retention on the schedule
    if (data.retention === false) return { dropped: 0 };
    const { dropped } = await dropExpiredPartitions();
    for (const d of dropped) console.info(`retention: dropped raw events of ${d.month} (${d.events} events; rollups kept)`);
    return { dropped: dropped.length };
  },
  restatement: async (data) => {
    const { organizationOfJob, runRestatement } = await import("../pricing/restate-events");
    const jobId = String(data.jobId ?? "");
    if (!jobId) throw new Error("restatement job without jobId");
    // queued before the payload carried the organisation (2026-12-07): found by id once
    const organizationId = String(data.organizationId ?? "") || (await organizationOfJob(jobId));
    return await runRestatement(organizationId, jobId);
  },
};

/** Runs one job's handler in this process (tests: a retry after a crash runs it again). */
export async function runJob(name: JobName, data: Record<string, unknown>): Promise<unknown> {
  return await JOB_HANDLERS[name](data);
}
