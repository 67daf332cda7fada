import { z } from "zod";

export const alertsQuerySchema = z.strictObject({
  state: z.enum(["open", "acknowledged", "resolved"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const alertActionSchema = z.strictObject({ action: z.enum(["acknowledge", "resolve", "reopen"]) });
export const createWebhookSchema = z.strictObject({
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "http(s) URL"),
  secret: z.string().min(16).max(200).optional(),
});

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const dateTime = z.string().meta({ format: "date-time" });

export const alertSchema = z.strictObject({
  id: z.string(),
  kind: z.string().meta({ description: "budget, anomaly, …" }),
  severity: z.string(),
  state: z.enum(["open", "acknowledged", "resolved"]),
  feature: z.string().nullable(),
  team: z.string().nullable(),
  title: z.string(),
  evidence: z.unknown().meta({ description: "what triggered the alert (budget figures, anomaly rates); shape depends on kind" }),
  created_at: dateTime,
  acknowledged_at: dateTime.nullable(),
  resolved_at: dateTime.nullable(),
});
export const alertsResponse = z.strictObject({ alerts: z.array(alertSchema) });

export const webhookSchema = z.strictObject({
  id: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  created_at: dateTime,
  deliveries: z.record(z.string(), z.number().int()).meta({ description: "delivery status → count" }),
});
export const webhooksResponse = z.strictObject({ webhooks: z.array(webhookSchema) });
export const createdWebhookResponse = z.strictObject({
  id: z.string(),
  url: z.string(),
  secret: z.string().meta({ description: "the signing secret, shown only in this answer" }),
  enabled: z.boolean(),
});
