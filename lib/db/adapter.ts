import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";
import { env } from "../env";
import { runtimeSlot } from "../runtime";

/**
 * The one module that decides which database Spendline talks to:
 * DATABASE_URL set → PostgreSQL through node-postgres; unset → PGlite (Postgres in WASM)
 * in SPENDLINE_DATA_DIR. PGlite is one process per data directory, so the instance is a
 * process-wide singleton.
 */
type Factory = PrismaPg | PrismaPGlite;

const pgliteSlot = runtimeSlot<PGlite>("Pglite");
const factorySlot = runtimeSlot<Factory>("Factory");
const readFactorySlot = runtimeSlot<PrismaPg>("ReadFactory");
const poolsSlot = runtimeSlot<{ primary?: pg.Pool; replica?: pg.Pool }>("Pools");

/**
 * A node-postgres pool that survives a failover: a connection the server drops (primary
 * killed, demoted, restarted) is removed from the pool with an error that the API maps to 503
 * (lib/db/errors.ts); the next checkout connects anew, through the balancer, to the new
 * leader. Connecting gives up after 5 s so that a request without a leader fails fast (503 +
 * Retry-After) instead of hanging; TCP keepalive finds half-open connections.
 */
function newPool(connectionString: string, which: "primary" | "replica"): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: `spendline-${which}`,
  });
  pool.on("error", (e) => console.error(`database pool (${which}): idle connection lost: ${e.message}`));
  (poolsSlot.value ??= {})[which] = pool;
  return pool;
}

/** Pool use for /metrics: total, idle and waiting clients per pool (PostgreSQL only). */
export function poolStats(): { pool: string; total: number; idle: number; waiting: number }[] {
  return Object.entries(poolsSlot.value ?? {})
    .filter((e): e is [string, pg.Pool] => Boolean(e[1]))
    .map(([pool, p]) => ({ pool, total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount }));
}

/** Ends the PostgreSQL pools (after the Prisma clients disconnected); the next db() makes new ones. */
export async function closePools(): Promise<void> {
  const pools = poolsSlot.value ?? {};
  poolsSlot.value = undefined;
  if (!pgliteSlot.value) factorySlot.value = undefined;
  readFactorySlot.value = undefined;
  await Promise.all(Object.values(pools).map((p) => p?.end().catch(() => undefined)));
}

export function dataDir(): string {
  return path.resolve(env().SPENDLINE_DATA_DIR);
}

/**
 * PGlite is one process per data directory: a second process (say, the CLI while the demo
 * server runs) would corrupt it. A lock file with the owner's pid turns that into a clear error.
 */
function lockDataDir(dir: string): void {
  const lock = path.join(dir, "spendline.lock");
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch {
    const owner = Number(fs.readFileSync(lock, "utf8").trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database in ${dir} is in use by another Spendline process (pid ${owner}). ` +
          "Stop that process first, or do this through the running app (e.g. Admin → API keys), " +
          "or use PostgreSQL (DATABASE_URL), which serves many processes.",
      );
    }
    fs.writeFileSync(lock, String(process.pid)); // stale lock of a process that is gone
  }
  process.once("exit", () => releaseLock(dir));
}

function releaseLock(dir: string): void {
  const lock = path.join(dir, "spendline.lock");
  try {
    if (fs.readFileSync(lock, "utf8").trim() === String(process.pid)) fs.rmSync(lock);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function embeddedPglite(): PGlite {
  if (!pgliteSlot.value) {
    const dir = dataDir();
    fs.mkdirSync(dir, { recursive: true });
    lockDataDir(dir);
    pgliteSlot.value = new PGlite({ dataDir: dir });
  }
  return pgliteSlot.value;
}

export function adapterFactory(): Factory {
  if (!factorySlot.value) {
    const url = env().DATABASE_URL;
    factorySlot.value = url ? new PrismaPg(newPool(url, "primary")) : new PrismaPGlite(embeddedPglite());
  }
  return factorySlot.value;
}

/**
 * The read replica (DATABASE_READ_URL), or null when there is none: then reads go to the
 * primary. Only with DATABASE_URL: the embedded database has no replica.
 */
export function readAdapterFactory(): PrismaPg | null {
  const { DATABASE_URL, DATABASE_READ_URL } = env();
  if (!DATABASE_URL || !DATABASE_READ_URL) return null;
  readFactorySlot.value ??= new PrismaPg(newPool(DATABASE_READ_URL, "replica"));
  return readFactorySlot.value;
}

export async function closeEmbedded(): Promise<void> {
  factorySlot.value = undefined;
  readFactorySlot.value = undefined;
  if (pgliteSlot.value) {
    const p = pgliteSlot.value;
    pgliteSlot.value = undefined;
    await p.close();
    releaseLock(dataDir());
  }
}
