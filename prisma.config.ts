import { defineConfig } from "prisma/config";

// Used by `prisma generate` only. Migrations run through our own WASM-engine
// runner (scripts/db.ts), so no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
