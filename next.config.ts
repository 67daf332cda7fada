import type { NextConfig } from "next";

// WASM / native server packages stay out of the bundler (ARCHITECTURE.md "Likely pitfalls").
const config: NextConfig = {
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "playwright-core",
    "@pydantic/genai-prices",
    "pg",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
