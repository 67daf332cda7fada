import { z } from "zod";

export const alertsQuerySchema = z.strictObject({
  state: z.enum(["open", "acknowledged", "resolved"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const alertActionSchema = z.strictObject({ action: z.enum(["acknowledge", "resolve", "reopen"]) });
export const createWebhookSchema = z.strictObject({
  url: z.string().url().refine((u) => /^https?:\/\//.test(u), "http(s) URL"),
  secret: z.string().min(16).max(200).optional(),
});
