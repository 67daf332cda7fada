import "server-only";
import pg from "pg";
import { db, Prisma } from "../db";
import { directDatabaseUrl, env } from "../env";
import { runtimeSlot } from "../runtime";

/**
 * Policy, budget and kill-switch changes reach every Spendline process on the same
 * PostgreSQL within a second: the writer NOTIFYs `spendline_guardrails` with the organisation
 * id, every process LISTENs on one dedicated connection (reconnecting with backoff) and marks
 * its snapshot stale, which also answers waiting SDK long-polls. After a reconnect (failover:
 * the LISTEN connection dies with the old primary, or lands on a standby and is refused) it
 * re-subscribes and marks every snapshot stale, so a change made meanwhile still arrives. On embedded PGlite there is
 * one process: the in-process notification (invalidate.ts) is all there is.
 */
const CHANNEL = "spendline_guardrails";
export const MAX_RECONNECT_MS = 500;

/**
 * The wait before LISTEN reconnect attempt `attempt` (0, 1, …): 50–100 ms doubling to
 * 250–500 ms, jittered so that the instances do not reconnect in step. During a failover a
 * failed attempt costs one refused TCP connection through the balancer; after it, the new
 * leader is heard within half a second, well inside the 2 s in which a kill switch must reach
 * every instance.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_RECONNECT_MS, 100 * 2 ** attempt);
  return exp / 2 + random() * (exp / 2);
}
const listenSlot = runtimeSlot<{ client: pg.Client | null; stopped: boolean }>("Listen");

export async function publishGuardrailChange(organizationId: string): Promise<void> {
  if (!env().DATABASE_URL) return;
  await db().$executeRaw(Prisma.sql`SELECT pg_notify(${CHANNEL}, ${organizationId})`);
}

export function listenForGuardrailChanges(onChange: (organizationId: string) => void): void {
  // LISTEN needs a session of its own: never through a transaction-pooling PgBouncer
  const url = directDatabaseUrl();
  if (!url || listenSlot.value) return;
  const state = (listenSlot.value = { client: null as pg.Client | null, stopped: false });
  let attempt = 0;
  const connect = async () => {
    if (state.stopped) return;
    const client = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: 3_000,
      application_name: "spendline-listen",
    });
    state.client = client;
    const retry = () => {
      if (state.client !== client || state.stopped) return;
      state.client = null;
      client.end().catch(() => undefined);
      const t = setTimeout(connect, reconnectDelayMs(attempt++));
      t.unref?.();
    };
    client.on("error", retry);
    client.on("end", retry);
    client.on("notification", (m) => {
      if (m.channel === CHANNEL && m.payload) onChange(m.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      attempt = 0;
      // a reconnect may have missed notifications: treat every snapshot as stale
      onChange("*");
    } catch (e) {
      console.error("guardrail LISTEN failed (changes from other processes arrive with the next refresh):", (e as Error).message);
      retry();
    }
  };
  void connect();
}

/** Tests and shutdown: close the LISTEN connection. */
export async function stopListening(): Promise<void> {
  const s = listenSlot.value;
  listenSlot.value = undefined;
  if (!s) return;
  s.stopped = true;
  await s.client?.end().catch(() => undefined);
}
