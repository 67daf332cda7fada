import { z } from "zod";
import { ROLES, SCOPES } from "../auth/roles";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "use 2-49 lowercase letters, digits or dashes");

export const createMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("enter a valid email address"),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
  password: z.string().min(8, "at least 8 characters").max(200),
  team: z.string().trim().max(100).optional(),
});

export const updateMemberSchema = z.object({ role: z.enum(ROLES), team: z.string().trim().max(100).nullable().optional() });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "give the key a name").max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, "choose at least one scope"),
});
