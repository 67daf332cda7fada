import { z } from "zod";

/**
 * The one place that reads process.env. Everything is validated once, at first use.
 * DATABASE_URL unset → embedded PGlite in SPENDLINE_DATA_DIR.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // optional streaming replica for dashboards and exports (decision 016); needs DATABASE_URL
  DATABASE_READ_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // optional: where session-level connections go when DATABASE_URL is a transaction-pooling
  // PgBouncer — the guardrail LISTEN connection, the job queue, migrations (docs/deploy.md)
  DATABASE_DIRECT_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
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
  // "1": check API answers against their response schemas in production too (always on elsewhere)
  SPENDLINE_CHECK_RESPONSES: z.enum(["0", "1"]).optional(),
  // outbound guard (lib/net, docs/security.md): "1" lets webhooks and connectors reach loopback,
  // private (RFC 1918, CGNAT), link-local and unique-local addresses; metadata addresses stay closed
  SPENDLINE_ALLOW_PRIVATE_NETWORK: z.enum(["0", "1"]).optional(),
  // comma-separated host names (".corp" = its subdomains), IP addresses or CIDRs opened for them
  SPENDLINE_OUTBOUND_ALLOWLIST: z.string().optional(),
  // comma-separated base URLs billing connectors may use besides the providers' official APIs
  SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS: z.string().optional(),
  // how many reverse proxies in front of Spendline append to X-Forwarded-For (0: honour none of
  // it beyond what Next itself records); the client address is read that many hops from the right
  SPENDLINE_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // graceful shutdown on SIGTERM (lib/health/shutdown.ts): answer not-ready for this long so the
  // balancer stops sending, then wait for in-flight requests; leave after the timeout regardless
  SPENDLINE_DRAIN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  SPENDLINE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  // Prometheus metrics: on 127.0.0.1:<port> (0: off); with a token also GET /metrics on the
  // app's port, `Authorization: Bearer <token>` (lib/health/metrics.ts)
  SPENDLINE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  SPENDLINE_METRICS_TOKEN: z.string().min(16).optional(),
  // set by Next itself while `next build` runs
  NEXT_PHASE: z.string().optional(),
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

/**
 * The secret that signs session cookies and board-report render tokens. Development and tests
 * fall back to a fixed one; a production server refuses to run without NEXTAUTH_SECRET
 * (instrumentation.ts asks at start). `npm run demo` generates one in its data directory.
 */
export function authSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production" && e.NEXT_PHASE !== "phase-production-build") {
    throw new Error(
      "NEXTAUTH_SECRET is not set: Spendline will not run in production with a built-in secret. " +
        "Set NEXTAUTH_SECRET to a random value (e.g. `openssl rand -base64 32`); `npm run demo` generates one for you.",
    );
  }
  return "spendline-development-secret-change-me";
}

/**
 * The connection string for what a transaction-pooling PgBouncer would break: LISTEN (the
 * guardrail notifications), the job queue's own pool, migrations. DATABASE_DIRECT_URL when set
 * (the balancer or the leader itself), else DATABASE_URL; undefined on the embedded database.
 */
export function directDatabaseUrl(): string | undefined {
  const e = env();
  return e.DATABASE_URL ? (e.DATABASE_DIRECT_URL ?? e.DATABASE_URL) : undefined;
}

export function isEmbeddedDatabase(): boolean {
  return !env().DATABASE_URL;
}

/** Tests switch databases between files: forget the parsed configuration. */
export function resetEnvCache(): void {
  cached = undefined;
}
