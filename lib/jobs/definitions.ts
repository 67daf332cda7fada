/**
 * Every piece of background work Spendline does, as one table: the queue (pg-boss, decision
 * 035) runs each of them once across all instances, retries it after a crash (its lease,
 * `expireInSeconds`, runs out) and keeps its state in PostgreSQL (or the embedded database).
 *
 * Scheduled jobs are sent once per cron slot by whichever instance holds pg-boss's cron lock
 * (and deduplicated per slot by `singletonKey` + `singletonSeconds`); `stately` queues hold at
 * most one waiting and one running job, so a burst of "deliver now" requests collapses into one.
 * Handlers are idempotent: a retry after a crash repeats work that was not committed, never
 * work that was (each handler says why below).
 */
export type JobPolicy = "standard" | "stately" | "singleton";

export type JobDefinition = {
  name: string;
  /** what an operator reads in the Jobs view */
  title: string;
  /** 5-field cron in UTC, or null: sent on demand only */
  cron: string | null;
  /** the schedule in words (Jobs view) */
  every: string;
  /** also sent once when a server starts (stately: a no-op when one is already waiting) */
  atStart: boolean;
  policy: JobPolicy;
  /** lease: a job running longer than this is considered crashed and retried */
  expireInSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** why running it twice is harmless */
  idempotent: string;
};

export const JOBS = [
  {
    name: "webhooks-deliver",
    title: "Webhook deliveries and retries",
    cron: "* * * * *",
    every: "every minute, and at once when an alert is raised",
    atStart: true,
    policy: "stately",
    // a pass stops taking deliveries after PASS_BUDGET_MS (20 s) + one 5 s request: a pass whose
    // worker died frees the queue after a minute, not five (decision 055's proof lost webhooks)
    expireInSeconds: 60,
    retryLimit: 3,
    retryDelaySeconds: 5,
    idempotent:
      "each delivery row is marked delivered in the same pass that POSTs it; only one pass runs at a time (stately), so a delivery is re-sent only when a worker died between the POST and the mark (receivers dedupe on delivery_id)",
  },
  {
    name: "anomaly-auto-clear",
    title: "Anomaly auto-clear",
    cron: "* * * * *",
    every: "every minute",
    atStart: false,
    policy: "stately",
    expireInSeconds: 5 * 60,
    retryLimit: 2,
    retryDelaySeconds: 5,
    idempotent: "clearing an already cleared anomaly is skipped (anomalyClearedAt ≥ anomalyTrippedAt)",
  },
  {
    name: "billing-connectors",
    title: "Billing connector syncs (each account once a day)",
    cron: "7 * * * *",
    every: "hourly at :07 UTC",
    atStart: false,
    policy: "stately",
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    retryDelaySeconds: 60,
    idempotent: "an account synced in the last 24 h is not due; imports replace the same period's rows",
  },
  {
    name: "coding-agent-connectors",
    title: "Coding-agent connector syncs (each connector once a day)",
    cron: "27 * * * *",
    every: "hourly at :27 UTC",
    atStart: false,
    policy: "stately",
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    retryDelaySeconds: 60,
    idempotent: "a connector pulled in the last 24 h is not due; imports are idempotent per (account, source, period)",
  },
  {
    name: "storage-maintenance",
    title: "Event partitions ahead of time and raw-event retention",
    cron: "17 */6 * * *",
    every: "every 6 hours at :17 UTC, and at server start (partitions only)",
    atStart: true,
    policy: "stately",
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    retryDelaySeconds: 60,
    idempotent: "partitions are created IF NOT EXISTS; a dropped month is no longer expired",
  },
  {
    name: "restatement",
    title: "Price-book restatement",
    cron: null,
    every: "when a price-book change reaches back in time",
    atStart: false,
    policy: "standard",
    // the restatement transaction may run 30 minutes (restate-events.ts)
    expireInSeconds: 35 * 60,
    retryLimit: 2,
    retryDelaySeconds: 10,
    idempotent:
      "one transaction under the organisation's rollup lock re-prices to the current price book: a crash rolls it back, a rerun reaches the same prices",
  },
] as const satisfies readonly JobDefinition[];

export type JobName = (typeof JOBS)[number]["name"];

export function jobDefinition(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}

/**
 * The cron slot a scheduled send belongs to, as pg-boss deduplicates it: one job per name and
 * `singletonSeconds` window. Exposed for the proof script (each slot ran exactly once).
 */
export const SCHEDULE_SINGLETON_SECONDS = 60;
