import { z } from "zod";
import { ITEM_IDS, type ItemId } from "./items";

/** Exactly the thirteen item ids, each a boolean (unknown or missing ids are a 400). */
export const answersSchema = z.strictObject(Object.fromEntries(ITEM_IDS.map((id) => [id, z.boolean()])) as Record<ItemId, z.ZodBoolean>);

/** Drafts may be partial. */
export const draftAnswersSchema = answersSchema.partial();

const noteSchema = z.strictObject({
  note: z.string().max(2000).optional(),
  link: z.union([z.url({ protocol: /^https?$/ }), z.literal("")]).optional(),
});

export const notesSchema = z.partialRecord(z.enum(ITEM_IDS), noteSchema);

const teamSchema = z.string().trim().min(1).max(100).nullable();

export const submitAssessmentSchema = z.strictObject({
  team: teamSchema,
  answers: answersSchema,
  notes: notesSchema.optional(),
});

export const saveDraftSchema = z.strictObject({
  team: teamSchema,
  answers: draftAnswersSchema,
  notes: notesSchema.optional(),
});

export const listAssessmentsQuery = z.strictObject({
  team: z.string().min(1).max(100).optional(),
  organization: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const evidenceQuery = z.strictObject({
  team: z.string().min(1).max(100).optional(),
});

export type SubmitAssessment = z.infer<typeof submitAssessmentSchema>;
export type SaveDraft = z.infer<typeof saveDraftSchema>;
export type Notes = z.infer<typeof notesSchema>;

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const dateTime = z.string().meta({ format: "date-time" });

export const assessmentSchema = z.strictObject({
  id: z.string(),
  team: z.string().nullable().meta({ description: "null: the whole organisation" }),
  status: z.enum(["draft", "submitted"]),
  score: z.number().int().nullable(),
  level: z.enum(["crawl", "walk", "run"]).nullable(),
  answers: draftAnswersSchema,
  notes: z.record(z.string(), z.strictObject({ note: z.string().optional(), link: z.string().optional() })),
  created_by: z.string().nullable(),
  created_at: dateTime,
  submitted_at: dateTime.nullable(),
});
export const assessmentsResponse = z.strictObject({ assessments: z.array(assessmentSchema) });
export const draftsResponse = z.strictObject({ drafts: z.array(assessmentSchema) });
export const evidenceResponse = z.strictObject({
  asOf: dateTime,
  team: z.string().nullable(),
  evidence: z.array(
    z.strictObject({
      item: z.enum(ITEM_IDS),
      suggested: z.boolean().nullable(),
      summary: z.string(),
      rows: z.array(z.strictObject({ label: z.string(), value: z.string() })).optional(),
    }),
  ),
});
