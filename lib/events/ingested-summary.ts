/**
 * What a batch of ingested events hands to the reactions that run after it commits
 * (lib/ingestion/after-ingest.ts). It lives below ingestion because the reactions (anomaly
 * detection, budget thresholds) take it while ingestion calls them: a type in lib/ingestion
 * would make each of them import the module that imports it.
 */
export type IngestedSummary = {
  organizationId: string;
  /** the events that were newly stored in this batch (duplicates excluded) */
  events: {
    feature: string;
    team: string;
    timestamp: Date;
    costPico: bigint;
    tenantId: string | null;
    tier: string | null;
    model?: string;
    environment?: string;
    userId?: string | null;
    apiKeyId?: string | null;
    batchId?: string | null;
  }[];
};
