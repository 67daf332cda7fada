import { PrismaClient } from "../generated/prisma/client";
import { adapterFactory } from "./adapter";

export { Prisma } from "../generated/prisma/client";
export type { PrismaClient } from "../generated/prisma/client";

/**
 * The Prisma client, one per process. Which database it reaches is decided in ./adapter
 * (DATABASE_URL → PostgreSQL, else embedded PGlite); nothing else knows.
 */
const g = globalThis as unknown as { __spendlinePrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!g.__spendlinePrisma) {
    g.__spendlinePrisma = new PrismaClient({ adapter: adapterFactory() });
  }
  return g.__spendlinePrisma;
}

export async function disconnectDb(): Promise<void> {
  if (g.__spendlinePrisma) {
    await g.__spendlinePrisma.$disconnect();
    g.__spendlinePrisma = undefined;
  }
}
