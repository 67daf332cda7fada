import "server-only";
import { stopJobWorkers, workJobQueues } from "../jobs/queue";
import type { JobName } from "../jobs/definitions";
import { JOB_HANDLERS } from "./handlers";

/**
 * The server's job workers (instrumentation.ts; integration tests that need a queue worked, as
 * a server would): every queue of lib/jobs/definitions.ts worked with the handler table of
 * ./handlers.ts. Stopping them is the queue's own business (lib/jobs/queue.ts), re-exported here
 * so that whoever starts the workers stops them from the same place.
 */
export async function startJobWorkers(opts: { pollingIntervalSeconds?: number; only?: JobName[] } = {}): Promise<void> {
  await workJobQueues(JOB_HANDLERS, opts);
}

export { stopJobWorkers };
