import "server-only";
import type { JobName } from "./definitions";

/**
 * What each job does: thin calls into the domain modules (imported on first use, so that
 * loading the queue does not load every domain). A handler that throws is retried by the queue
 * up to the definition's retryLimit; its message is kept on the job (Jobs view).
 */
export async function runJob(name: JobName, data: Record<string, unknown>): Promise<unknown> {
  switch (name) {
    case "webhooks-deliver": {
      const { deliverDueWebhooks } = await import("../alerts/deliver-webhooks");
      return { delivered: await deliverDueWebhooks() };
    }
    case "anomaly-auto-clear": {
      const { sweepAnomalyAutoClear } = await import("../anomaly/evaluate-anomaly");
      return { cleared: await sweepAnomalyAutoClear() };
    }
    case "billing-connectors": {
      const { runDueConnectors } = await import("../billing/sync-connector");
      return await runDueConnectors();
    }
    case "coding-agent-connectors": {
      const { runDueAgentConnectors } = await import("../coding-agents/sync-agent-connector");
      return await runDueAgentConnectors();
    }
    case "storage-maintenance": {
      const { adoptDefaultPartition, ensureUpcomingPartitions } = await import("../storage/partitions");
      const { dropExpiredPartitions } = await import("../storage/retention");
      await adoptDefaultPartition();
      await ensureUpcomingPartitions();
      // at server start partitions only; retention on the schedule
      if (data.retention === false) return { dropped: 0 };
      const { dropped } = await dropExpiredPartitions();
      for (const d of dropped) console.info(`retention: dropped raw events of ${d.month} (${d.events} events; rollups kept)`);
      return { dropped: dropped.length };
    }
    case "restatement": {
      const { organizationOfJob, runRestatement } = await import("../pricing/restate-events");
      const jobId = String(data.jobId ?? "");
      if (!jobId) throw new Error("restatement job without jobId");
      // queued before the payload carried the organisation (2026-12-07): found by id once
      const organizationId = String(data.organizationId ?? "") || (await organizationOfJob(jobId));
      return await runRestatement(organizationId, jobId);
    }
  }
}
