import type { NextConfig } from "next";
import { securityHeaders } from "./lib/api/security-headers";

// API answers and assets never pass proxy.ts (it would copy and truncate large bodies): their
// security headers are fixed, so they are set here (docs/security.md).
const fixedHeaders = Object.entries(securityHeaders({})).map(([key, value]) => ({ key, value }));

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
  async headers() {
    return ["/api/:path*", "/_next/:path*"].map((source) => ({ source, headers: fixedHeaders }));
  },
  typedRoutes: false,
  // Parallel work trees (several dev servers in one checkout) each take their own build dir.
  distDir: process.env.SPENDLINE_DIST_DIR || ".next",
};

export default config;
