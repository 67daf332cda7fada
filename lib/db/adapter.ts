import path from "node:path";
import fs from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";
import { env } from "../env";

/**
 * The one module that decides which database Spendline talks to:
 * DATABASE_URL set → PostgreSQL through node-postgres; unset → PGlite (Postgres in WASM)
 * in SPENDLINE_DATA_DIR. PGlite is one process per data directory, so the instance is a
 * process-wide singleton.
 */
type Factory = PrismaPg | PrismaPGlite;

const g = globalThis as unknown as { __spendlinePglite?: PGlite; __spendlineFactory?: Factory };

export function dataDir(): string {
  return path.resolve(env().SPENDLINE_DATA_DIR);
}

export function embeddedPglite(): PGlite {
  if (!g.__spendlinePglite) {
    const dir = dataDir();
    fs.mkdirSync(dir, { recursive: true });
    g.__spendlinePglite = new PGlite({ dataDir: dir });
  }
  return g.__spendlinePglite;
}

export function adapterFactory(): Factory {
  if (!g.__spendlineFactory) {
    const url = env().DATABASE_URL;
    g.__spendlineFactory = url
      ? new PrismaPg({ connectionString: url, max: 10 })
      : new PrismaPGlite(embeddedPglite());
  }
  return g.__spendlineFactory;
}

export async function closeEmbedded(): Promise<void> {
  g.__spendlineFactory = undefined;
  if (g.__spendlinePglite) {
    const p = g.__spendlinePglite;
    g.__spendlinePglite = undefined;
    await p.close();
  }
}
