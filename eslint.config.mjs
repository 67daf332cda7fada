import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Next's recommended rules plus the layer rules of this codebase (README "Architecture"):
 * - components/ draw: they never reach the database (lib/db, the generated Prisma client);
 * - lib/ is the domain: it does not depend on Next, except the few modules that are the HTTP
 *   or auth boundary (listed below);
 * - lib/<domain> never imports lib/api/** (decision 044): AppError, the error codes, the wire
 *   primitives and bounded request bodies live below the domains in lib/core; who is calling
 *   comes in as a Principal/Actor (lib/auth/principal.ts); lib/ never imports the UI;
 * - lib/core and the leaves (lib/money, lib/time, lib/runtime) import no lib/<domain>;
 * - pages and route handlers read and write through lib/<domain>, never the Prisma client;
 * - pure metric modules in lib/metrics compute from plain rows: no Prisma, no database.
 */
const DB = [
  {
    group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*", "../db", "../db/*"],
    message: "UI components and pure modules never reach the database: read through a lib/<domain> reader.",
  },
  {
    group: ["@/lib/generated/*", "**/lib/generated/*", "../generated/*", "@prisma/client", "@prisma/client/*"],
    message: "Only lib/db and the domain's read/write modules use the Prisma client.",
  },
];
const NEXT = [
  {
    group: ["next", "next/*"],
    message: "lib/ is framework-free: take what you need as arguments (only the HTTP/auth boundary modules may import next/*).",
  },
];

const HTTP = [
  {
    group: ["@/lib/api", "@/lib/api/**", "**/lib/api", "**/lib/api/**", "../api", "../api/**", "../../api", "../../api/**"],
    message:
      "lib/<domain> never imports lib/api (decision 044): AppError and wire primitives are in lib/core; take Principal/Actor from lib/auth/principal.",
  },
  {
    group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"],
    message: "lib/ is below the UI: it never imports pages or components.",
  },
];

/** lib/core and the leaves sit below every domain: they import only each other. */
const BELOW_DOMAINS = [
  {
    group: [
      "@/lib/*",
      "!@/lib/core",
      "!@/lib/core/*",
      "!@/lib/money",
      "!@/lib/money/*",
      "!@/lib/time",
      "!@/lib/time/*",
      "!@/lib/runtime",
      "!@/lib/runtime/*",
      "../*",
      "!../core",
      "!../core/*",
      "!../money",
      "!../money/*",
      "!../time",
      "!../time/*",
      "!../runtime",
      "!../runtime/*",
    ],
    message: "lib/core, lib/money, lib/time and lib/runtime sit below the domains (decision 044): they import only each other.",
  },
];
const LOWER = ["lib/core/**", "lib/money/**", "lib/time/**", "lib/runtime/**"];

/** lib modules that are the HTTP or auth boundary and may import next/*. */
const LIB_NEXT_ALLOWED = [
  "lib/api/route.ts",
  "lib/auth/session.ts",
  "lib/auth/options.ts",
  "lib/auth/page-guard.ts",
  "lib/ingestion/read-body.ts",
];
/** lib/metrics modules that read the database (the rest are pure). */
const METRICS_READERS = [
  "lib/metrics/get-*.ts",
  "lib/metrics/load-*.ts",
  "lib/metrics/query-filters.ts",
  "lib/metrics/dimensions.ts",
  "lib/metrics/unpriced.ts",
  "lib/metrics/*.test.ts",
];

/**
 * SQL builders (issue 24, decision 044): identifiers are spliced only through quoteIdent /
 * sqlIdent (lib/db/ident.ts), values only as parameters. A template literal inside
 * `Prisma.raw(…)` is how a string would slip into SQL unchecked, so it is refused.
 * (Owned by the rollups/SQL-builders renovation; kept apart from the layer rules.)
 */
const NO_TEMPLATE_IN_PRISMA_RAW = {
  selector: "CallExpression[callee.object.name='Prisma'][callee.property.name='raw'] TemplateLiteral",
  message:
    "No template literal inside Prisma.raw(): splice identifiers with sqlIdent/quoteIdent (lib/db/ident.ts), values with Prisma.sql parameters.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "lib/generated/**", ".data*/**", "next-env.d.ts", "playwright-report/**", "test-results/**"]),
  {
    // Node tests: `useTestDatabase()` is a vitest fixture, not a React hook
    files: ["tests/**/*.ts", "**/*.test.ts", "e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: DB }] },
  },
  {
    // pages and route handlers are thin: they read and write through lib/<domain>
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: DB }] },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: [...LIB_NEXT_ALLOWED, "lib/api/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...NEXT, ...HTTP] }] },
  },
  {
    files: LIB_NEXT_ALLOWED.filter((f) => !f.startsWith("lib/api/")),
    rules: { "no-restricted-imports": ["error", { patterns: HTTP }] },
  },
  {
    files: ["lib/metrics/*.ts"],
    ignores: METRICS_READERS,
    rules: { "no-restricted-imports": ["error", { patterns: [...NEXT, ...HTTP, ...DB] }] },
  },
  {
    files: LOWER,
    rules: { "no-restricted-imports": ["error", { patterns: [...NEXT, ...HTTP, ...DB, ...BELOW_DOMAINS] }] },
  },
  {
    // SQL builders: no template literals inside Prisma.raw() (see NO_TEMPLATE_IN_PRISMA_RAW)
    files: ["**/*.{ts,tsx,mts,mjs}"],
    rules: { "no-restricted-syntax": ["error", NO_TEMPLATE_IN_PRISMA_RAW] },
  },
]);
