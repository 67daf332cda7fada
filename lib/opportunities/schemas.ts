import { z } from "zod";
import { OPPORTUNITY_KINDS } from "./types";

export const opportunitiesQuery = z.strictObject({
  kind: z.enum(OPPORTUNITY_KINDS).optional(),
  feature: z.string().min(1).max(200).optional(),
  format: z.enum(["json", "csv"]).optional(),
});
export type OpportunitiesQuery = z.infer<typeof opportunitiesQuery>;

export const createDraftBody = z.strictObject({
  opportunity_id: z.string().min(3).max(400),
  note: z.string().max(2000).optional(),
});

export const decideDraftBody = z.strictObject({
  decision: z.enum(["approve", "reject", "withdraw"]),
  note: z.string().max(2000).optional(),
});

export const draftsQuery = z.strictObject({ status: z.enum(["draft", "applied", "approved", "rejected", "withdrawn"]).optional() });
