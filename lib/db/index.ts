import { Prisma, PrismaClient } from "../generated/prisma/client";
import { adapterFactory, closePools, readAdapterFactory } from "./adapter";
import { isDatabaseUnavailable } from "./errors";
import { runtimeSlot } from "../runtime";

// Decimal columns read back in plain notation ("0.0000001", never "1e-7"): lib/money parses
// decimals without exponents, and a small stored amount must not turn a read into a 500.
Prisma.Decimal.set({ toExpNeg: -40, toExpPos: 40 });

export { Prisma } from "../generated/prisma/client";
export type { PrismaClient } from "../generated/prisma/client";

/**
 * The Prisma client, one per process. Which database it reaches is decided in ./adapter
 * (DATABASE_URL → PostgreSQL, else embedded PGlite); nothing else knows.
 */
const prismaSlot = runtimeSlot<PrismaClient>("Prisma");
const prismaReadSlot = runtimeSlot<PrismaClient>("PrismaRead");

export function db(): PrismaClient {
  if (!prismaSlot.value) {
    prismaSlot.value = new PrismaClient({ adapter: adapterFactory() });
  }
  return prismaSlot.value;
}

/**
 * The client for reads that may lag the primary by a moment: dashboards, exports, reports.
 * DATABASE_READ_URL set → a streaming replica; else the same client as db(). Never for a
 * write, guardrail state, or anything that must see the caller's own write (decision 016).
 */
export function dbRead(): PrismaClient {
  const replica = readAdapterFactory();
  if (!replica) return db();
  prismaReadSlot.value ??= new PrismaClient({ adapter: replica });
  return prismaReadSlot.value;
}

/**
 * A read that should be current but may come from the replica while the leader is unreachable
 * (decision 055): who a caller is — the API key, the membership and its role — when a dashboard
 * read arrives during a failover. Tried on the leader first, so in normal operation the answer is
 * as fresh as today's; only an unavailable leader (lib/db/errors) moves it to DATABASE_READ_URL,
 * which under synchronous replication holds every committed change (a key revoked, a role
 * lowered) and cannot fall further behind while there is no leader to write. Any other error,
 * or no replica configured, is rethrown.
 */
export async function readPreferLeader<T>(
  read: (client: PrismaClient) => Promise<T>,
  clients: { leader: PrismaClient; replica: PrismaClient | null } = {
    leader: db(),
    replica: readAdapterFactory() ? dbRead() : null,
  },
): Promise<T> {
  try {
    return await read(clients.leader);
  } catch (e) {
    if (!clients.replica || !isDatabaseUnavailable(e)) throw e;
    return await read(clients.replica);
  }
}

/**
 * Modules that hold their own connections to the same database (the job queue, lib/jobs) stop
 * them before the clients close (tests switch databases): they register here, so that lib/db
 * imports none of them. One entry per name (a hot reload registers the same name again).
 */
type DisconnectHook = () => Promise<void>;
const disconnectHooksSlot = runtimeSlot<Map<string, DisconnectHook>>("DisconnectHooks");

export function beforeDisconnect(name: string, hook: DisconnectHook): void {
  (disconnectHooksSlot.value ??= new Map()).set(name, hook);
}

export async function disconnectDb(): Promise<void> {
  for (const hook of disconnectHooksSlot.value?.values() ?? []) await hook();
  if (prismaReadSlot.value) {
    await prismaReadSlot.value.$disconnect();
    prismaReadSlot.value = undefined;
  }
  if (prismaSlot.value) {
    await prismaSlot.value.$disconnect();
    prismaSlot.value = undefined;
  }
  await closePools();
}
