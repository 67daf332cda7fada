import type { NextConfig } from "next";

// WASM / native server packages stay out of the bundler (their loaders break when bundled).
const config: NextConfig = {
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "playwright-core",
    "@pydantic/genai-prices",
    "pg",
    "pg-boss",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Parallel work trees (several dev servers in one checkout) each take their own build dir.
  distDir: process.env.SPENDLINE_DIST_DIR || ".next",
};

export default config;
