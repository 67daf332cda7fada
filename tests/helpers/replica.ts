import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { resetEnvCache } from "../../lib/env";
import { disconnectDb } from "../../lib/db";
import { closeEmbedded } from "../../lib/db/adapter";
import { applyMigrations } from "../../lib/db/migrate";

/**
 * A real PostgreSQL primary + streaming replica on this machine, for tests: initdb a throw-away
 * cluster, pg_basebackup -R it into a second directory, start both on free ports. Runs the
 * server binaries as the `postgres` OS user when the test runs as root (initdb refuses root).
 * Never touches the system cluster.
 */
/** stopPrimary: `pg_ctl stop -m immediate` of the primary alone (a dead leader; the replica stays a standby). */
export type Replica = { primaryUrl: string; replicaUrl: string; stop: () => void; stopPrimary: () => void };
export type ReplicaStart = { ok: true; replica: Replica } | { ok: false; reason: string };

function pgBin(): string | null {
  // test tooling, not the app: lib/env.ts is for the server
  const candidates = [process.env.PG_BIN, "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];
  for (const c of candidates) if (c && fs.existsSync(path.join(c, "initdb"))) return c;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startReplica(): Promise<ReplicaStart> {
  const bin = pgBin();
  if (!bin) return { ok: false, reason: "no PostgreSQL server binaries (initdb) found under /usr/lib/postgresql/*/bin" };
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    return asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe", timeout: 120_000 })
      : execFileSync(full, args, { stdio: "pipe", timeout: 120_000 });
  };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "spendline-replica-"));
  const primaryDir = path.join(root, "primary");
  const replicaDir = path.join(root, "replica");
  const started: string[] = [];
  const stop = () => {
    for (const dir of started.reverse()) {
      try {
        run("pg_ctl", ["-D", dir, "-m", "immediate", "-w", "stop"]);
      } catch {
        /* already stopped */
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    if (asRoot) execFileSync("chown", ["postgres", root]);
    fs.chmodSync(root, 0o777);
    const [p1, p2] = [await freePort(), await freePort()];
    run("initdb", ["-D", primaryDir, "--auth=trust", "-U", "postgres", "--no-sync"]);
    const opts = (port: number, dir: string) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=32MB`;
    run("pg_ctl", ["-D", primaryDir, "-o", opts(p1, primaryDir), "-l", path.join(primaryDir, "log"), "-w", "start"]);
    started.push(primaryDir);
    run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(p1), "-U", "postgres", "-D", replicaDir, "-R", "-X", "stream"]);
    run("pg_ctl", ["-D", replicaDir, "-o", opts(p2, replicaDir), "-l", path.join(replicaDir, "log"), "-w", "start"]);
    started.push(replicaDir);
    return {
      ok: true,
      replica: {
        primaryUrl: `postgresql://postgres@127.0.0.1:${p1}/postgres`,
        replicaUrl: `postgresql://postgres@127.0.0.1:${p2}/postgres`,
        stop,
        stopPrimary: () => run("pg_ctl", ["-D", primaryDir, "-m", "immediate", "-w", "stop"]),
      },
    };
  } catch (e) {
    const err = e as { message: string; stderr?: Buffer };
    stop();
    return { ok: false, reason: `${err.message.split("\n")[0]} ${err.stderr?.toString().trim() ?? ""}`.trim() };
  }
}

/**
 * For the describe block of a test file: migrates the pair, points DATABASE_URL at the primary and
 * DATABASE_READ_URL at the replica before its tests, and restores both (and stops the pair) after.
 */
export function useReplicaEnv(r: Replica | null): void {
  const saved = { url: process.env.DATABASE_URL, read: process.env.DATABASE_READ_URL };
  beforeAll(async () => {
    await applyMigrations(new PrismaPg({ connectionString: r!.primaryUrl, max: 1 }));
    await disconnectDb();
    await closeEmbedded();
    process.env.DATABASE_URL = r!.primaryUrl;
    process.env.DATABASE_READ_URL = r!.replicaUrl;
    resetEnvCache();
  });
  afterAll(async () => {
    await disconnectDb();
    await closeEmbedded();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.read === undefined) delete process.env.DATABASE_READ_URL;
    else process.env.DATABASE_READ_URL = saved.read;
    resetEnvCache();
    r?.stop();
  });
}
