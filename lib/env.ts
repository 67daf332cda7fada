import { z } from "zod";

/**
 * The one place that reads process.env. Everything is validated once, at first use.
 * DATABASE_URL unset → embedded PGlite in SPENDLINE_DATA_DIR.
 */
const schema = z.object({
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  // optional streaming replica for dashboards and exports (decision 016); needs DATABASE_URL
  DATABASE_READ_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  SPENDLINE_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().positive().default(3000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  // where the server reaches itself (board-report PDF rendering); default: the request's origin
  SPENDLINE_INTERNAL_URL: z.string().url().optional(),
  SPENDLINE_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** A dev-only fallback secret; production must set NEXTAUTH_SECRET (the demo script does). */
export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? "spendline-development-secret-change-me";
}

export function isEmbeddedDatabase(): boolean {
  return !env().DATABASE_URL;
}

/** Tests switch databases between files: forget the parsed configuration. */
export function resetEnvCache(): void {
  cached = undefined;
}
