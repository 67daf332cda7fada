/**
 * After-ingest hooks: modules that must react as events arrive (anomaly detection, budget
 * thresholds) register here instead of being called from the ingestion code. Hooks run
 * after the batch has committed; a failing hook is logged and never fails the ingest.
 */
export type IngestedSummary = {
  organizationId: string;
  /** the events that were newly stored in this batch (duplicates excluded) */
  events: { feature: string; team: string; timestamp: Date; costPico: bigint; tenantId: string | null; tier: string | null }[];
};

type Hook = (summary: IngestedSummary) => Promise<void> | void;

const g = globalThis as unknown as { __spendlineIngestHooks?: Map<string, Hook> };
const hooks = (g.__spendlineIngestHooks ??= new Map());

/** Registering twice under the same name replaces (safe under hot reload). */
export function onEventsIngested(name: string, hook: Hook): void {
  hooks.set(name, hook);
}

export async function runIngestHooks(summary: IngestedSummary): Promise<void> {
  if (summary.events.length === 0) return;
  for (const [name, hook] of hooks) {
    try {
      await hook(summary);
    } catch (e) {
      console.error(`ingest hook "${name}" failed:`, e);
    }
  }
}
