/**
 * The high-availability topology on one machine, for trying it out and for the proof
 * (npm run test:cluster): etcd 3.4, two PostgreSQL 15 nodes under Patroni 3 (synchronous
 * replication, decision 036), HAProxy (writes → the node whose Patroni answers /primary,
 * DATABASE_READ_URL → /replica, and a second frontend balancing the Spendline instances: reads
 * to those ready for reads, the rest to those ready for writes, decision 055) and N Spendline instances (`next start` of one production build).
 * Everything listens on 127.0.0.1, on free ports, under one temporary directory owned by the
 * `postgres` user (initdb and postgres refuse to run as root). PgBouncer (transaction pooling)
 * sits between the instances and HAProxy for ordinary queries (CLUSTER_PGBOUNCER=0: without it).
 * docs/deploy.md shows the same
 * topology across machines.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

export type Ports = {
  etcdClient: number;
  etcdPeer: number;
  pg: [number, number];
  rest: [number, number];
  haPrimary: number;
  haReplica: number;
  haApp: number;
  haStats: number;
  bouncer: number;
  apps: number[];
  metrics: number[];
};

export type Topology = {
  dir: string;
  ports: Ports;
  primaryUrl: string;
  replicaUrl: string;
  /** what the app instances use for ordinary queries: PgBouncer (transaction pooling) → HAProxy → leader; primaryUrl when started without it */
  poolUrl: string;
  appUrl: string;
  secret: string;
  procs: Map<string, ChildProcess>;
};

const PG_BIN = "/usr/lib/postgresql/15/bin";
const RUN_AS = "postgres";

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(msg: string) {
  process.stderr.write(`[cluster ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);
}

function needs(bin: string, pkg: string) {
  if (spawnSync("sh", ["-c", `command -v ${bin}`]).status !== 0) {
    throw new Error(`${bin} is missing: apt-get install -y ${pkg} (patroni etcd-server haproxy)`);
  }
}

export async function allocate(instances: number): Promise<Ports> {
  const p = async () => await freePort();
  return {
    etcdClient: await p(),
    etcdPeer: await p(),
    pg: [await p(), await p()],
    rest: [await p(), await p()],
    haPrimary: await p(),
    haReplica: await p(),
    haApp: await p(),
    haStats: await p(),
    bouncer: await p(),
    apps: await Promise.all(Array.from({ length: instances }, p)),
    metrics: await Promise.all(Array.from({ length: instances }, p)),
  };
}

function patroniYaml(dir: string, ports: Ports, i: 0 | 1, strict: boolean, synchronous: boolean): string {
  const name = `pg${i + 1}`;
  const hba = ["host replication replicator 127.0.0.1/32 trust", "host all all 127.0.0.1/32 trust", "local all all trust"];
  return `scope: spendline
name: ${name}
restapi:
  listen: 127.0.0.1:${ports.rest[i]}
  connect_address: 127.0.0.1:${ports.rest[i]}
etcd:
  host: 127.0.0.1:${ports.etcdClient}
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: ${synchronous}
    synchronous_mode_strict: ${strict}
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_connections: 300
        max_wal_senders: 10
        max_replication_slots: 10
  initdb:
  - encoding: UTF8
  - locale: C
  pg_hba:
${hba.map((l) => `  - ${l}`).join("\n")}
postgresql:
  listen: 127.0.0.1:${ports.pg[i]}
  connect_address: 127.0.0.1:${ports.pg[i]}
  data_dir: ${dir}/${name}
  bin_dir: ${PG_BIN}
  remove_data_directory_on_rewind_failure: true
  remove_data_directory_on_diverged_timelines: true
  authentication:
    superuser: {username: postgres, password: postgres}
    replication: {username: replicator, password: replicator}
    rewind: {username: postgres, password: postgres}
  parameters:
    unix_socket_directories: ${dir}
  pg_hba:
${hba.map((l) => `  - ${l}`).join("\n")}
`;
}

/** One pool of the Spendline instances, checked on `check` (a readiness mode of /api/health/ready). */
function appBackend(check: string, ports: Ports): string {
  const unavailable = JSON.stringify({
    error: {
      code: "unavailable",
      message:
        "No Spendline instance can serve this request now (a database failover is in progress); nothing was written. Retry the same request.",
    },
  });
  return `  mode http
  balance roundrobin
  option httpchk GET ${check}
  http-check expect status 200
  option redispatch
  retries 2
  retry-on conn-failure empty-response response-timeout
  timeout server 60s
  http-error status 503 content-type application/json string '${unavailable}' hdr retry-after 2 hdr cache-control no-store
  default-server inter 1s fastinter 250ms downinter 250ms fall 2 rise 2
${ports.apps.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check`).join("\n")}`;
}

export function haproxyCfg(ports: Ports): string {
  const pgServers = (check: string) =>
    [0, 1].map((i) => `  server pg${i + 1} 127.0.0.1:${ports.pg[i]} check port ${ports.rest[i]}`).join("\n") + `\n  # ${check}`;
  return `global
  maxconn 4000
defaults
  timeout connect 3s
  timeout client 30m
  timeout server 30m
  timeout check 2s
listen stats
  mode http
  bind 127.0.0.1:${ports.haStats}
  stats enable
  stats uri /
# Health checks: every second while a server is up; every 250 ms while it is down or changing
# (downinter, fastinter), so that the new leader, and the instances that are ready again, take
# traffic within ~250–500 ms of being able to: a kill switch set during a failover must reach
# every instance and SDK within 2 s of a leader returning (with "inter 1s rise 2" on the
# instances alone the first write through the app frontend waited 1–2 s after the leader).
# writes: only the node whose Patroni answers 200 on /primary; connections to a node marked
# down are cut so that clients reconnect to the new leader at once
listen pg_primary
  mode tcp
  bind 127.0.0.1:${ports.haPrimary}
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fastinter 250ms downinter 250ms fall 2 rise 1 on-marked-down shutdown-sessions
${pgServers("/primary")}
# dashboards, exports (DATABASE_READ_URL): the standby; the primary while no standby is up
# (during a failover and until the old primary rejoins) so that dashboards stay available
frontend pg_read
  mode tcp
  bind 127.0.0.1:${ports.haReplica}
  use_backend pg_replicas if { nbsrv(pg_replicas) gt 0 }
  default_backend pg_leader
backend pg_replicas
  mode tcp
  balance roundrobin
  option httpchk GET /replica
  http-check expect status 200
  default-server inter 1s fastinter 250ms downinter 250ms fall 2 rise 1 on-marked-down shutdown-sessions
${pgServers("/replica")}
backend pg_leader
  mode tcp
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fastinter 250ms downinter 250ms fall 2 rise 1 on-marked-down shutdown-sessions
${pgServers("/primary")}
# the Spendline instances, in two pools by what a request needs (decision 055). Reads — GET and
# HEAD outside the guardrails (their state lives on the leader), sign-in and health — go to the
# instances ready for reads (the read database, i.e. the replica, answers with every migration;
# the leader is not needed: dashboards stay up through a failover). Everything else — ingest,
# settings, guardrail checks and snapshots — goes to the instances ready for writes (leader
# writable). With no server in a pool HAProxy answers 503 + Retry-After in the API's error shape.
frontend spendline
  mode http
  bind 127.0.0.1:${ports.haApp}
  timeout client 60s
  acl read_method method GET HEAD
  acl needs_leader path_beg /api/v1/guardrails /api/auth /api/health
  use_backend spendline_read if read_method !needs_leader
  default_backend spendline_write
backend spendline_write
${appBackend("/api/health/ready", ports)}
backend spendline_read
${appBackend("/api/health/ready?for=read", ports)}
`;
}

/**
 * PgBouncer in transaction pooling between the app instances and HAProxy's write frontend, for
 * ordinary queries only (Prisma through @prisma/adapter-pg sends unnamed statements, which
 * transaction pooling carries; advisory locks in the app are all transaction-level). What
 * needs a session — the guardrail LISTEN connection, the job queue, migrations — goes to
 * HAProxy directly (DATABASE_DIRECT_URL). Tuned for failover: a failed server login is retried
 * after 250 ms (default 15 s: writes would stay down that long after the leader returned), a
 * server connect gives up after 3 s and a client waits at most 5 s for a server connection, so
 * that without a leader a request fails fast (503 + Retry-After) instead of hanging.
 */
export function pgbouncerIni(dir: string, ports: Ports): string {
  return `[databases]
* = host=127.0.0.1 port=${ports.haPrimary}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${ports.bouncer}
unix_socket_dir =
pidfile = ${dir}/pgbouncer.pid
auth_type = trust
auth_file = ${dir}/pgbouncer-users.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
reserve_pool_size = 5
server_login_retry = 0.25
server_connect_timeout = 3
query_wait_timeout = 5
server_check_delay = 5
ignore_startup_parameters = extra_float_digits,options
`;
}

function spawnLogged(t: Topology, name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const out = fs.openSync(path.join(t.dir, `${name}.log`), "a");
  const child = spawn(cmd, args, { stdio: ["ignore", out, out], env, detached: true });
  fs.closeSync(out);
  t.procs.set(name, child);
  fs.appendFileSync(path.join(t.dir, "pids"), `${name} ${child.pid}\n`);
  return child;
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await sleep(300);
  }
  throw new Error(`${what}: not ready after ${ms / 1000} s`);
}

async function httpOk(url: string): Promise<boolean> {
  const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await r.body?.cancel();
  return r.ok;
}

export async function patroniCluster(t: Topology): Promise<{ name: string; role: string; state: string; lag?: number }[]> {
  for (const r of t.ports.rest) {
    try {
      const res = await fetch(`http://127.0.0.1:${r}/cluster`, { signal: AbortSignal.timeout(1500) });
      const j = (await res.json()) as { members: { name: string; role: string; state: string; lag?: number }[] };
      return j.members;
    } catch {
      // that node is down: ask the other
    }
  }
  return [];
}

/**
 * Starts etcd, both Patroni nodes (waits for a leader and its standby) and HAProxy. The standby is
 * synchronous (decision 036) unless `synchronous: false` (bench-ingest-cluster --async-standby:
 * what decision 036 costs).
 */
export async function startDatabase(opts: {
  instances: number;
  strict?: boolean;
  synchronous?: boolean;
  dir?: string;
  pgbouncer?: boolean;
}): Promise<Topology> {
  needs("patroni", "patroni");
  needs("etcd", "etcd-server");
  needs("haproxy", "haproxy");
  const bouncer = opts.pgbouncer ?? process.env.CLUSTER_PGBOUNCER !== "0";
  const synchronous = opts.synchronous ?? true;
  if (bouncer) needs("pgbouncer", "pgbouncer");
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "spendline-cluster-"));
  fs.mkdirSync(dir, { recursive: true });
  const ports = await allocate(opts.instances);
  const t: Topology = {
    dir,
    ports,
    primaryUrl: `postgresql://postgres:postgres@127.0.0.1:${ports.haPrimary}/postgres`,
    replicaUrl: `postgresql://postgres:postgres@127.0.0.1:${ports.haReplica}/postgres`,
    poolUrl: bouncer
      ? `postgresql://postgres:postgres@127.0.0.1:${ports.bouncer}/postgres`
      : `postgresql://postgres:postgres@127.0.0.1:${ports.haPrimary}/postgres`,
    appUrl: `http://127.0.0.1:${ports.haApp}`,
    secret: `cluster-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    procs: new Map(),
  };
  fs.writeFileSync(path.join(dir, "topology.json"), JSON.stringify({ ...t, procs: undefined }, null, 2));
  for (const i of [0, 1] as const)
    fs.writeFileSync(path.join(dir, `pg${i + 1}.yml`), patroniYaml(dir, ports, i, opts.strict ?? false, synchronous));
  fs.writeFileSync(path.join(dir, "haproxy.cfg"), haproxyCfg(ports));
  if (bouncer) {
    fs.writeFileSync(path.join(dir, "pgbouncer.ini"), pgbouncerIni(dir, ports));
    fs.writeFileSync(path.join(dir, "pgbouncer-users.txt"), '"postgres" "postgres"\n');
  }
  spawnSync("chown", ["-R", `${RUN_AS}:${RUN_AS}`, dir]);
  spawnSync("chmod", ["755", dir]);
  log(`directory ${dir}`);

  spawnLogged(t, "etcd", "runuser", [
    "-u",
    RUN_AS,
    "--",
    "etcd",
    "--name=e1",
    `--data-dir=${dir}/etcd`,
    `--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
    `--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
    `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
    `--initial-cluster=e1=http://127.0.0.1:${ports.etcdPeer}`,
    "--enable-v2=true",
  ]);
  await waitFor("etcd", 30_000, () => httpOk(`http://127.0.0.1:${ports.etcdClient}/health`));
  log("etcd up");
  startPatroni(t, 0);
  await waitFor("first Patroni node as leader", 120_000, async () =>
    (await patroniCluster(t)).some((m) => m.role === "leader" && m.state === "running"),
  );
  startPatroni(t, 1);
  const standbyRole = synchronous ? "sync_standby" : "replica";
  await waitFor(`${synchronous ? "sync" : "async"} standby`, 180_000, async () =>
    (await patroniCluster(t)).some((m) => m.role === standbyRole && ["running", "streaming"].includes(m.state)),
  );
  log(`Patroni: ${JSON.stringify(await patroniCluster(t))}`);
  spawnLogged(t, "haproxy", "haproxy", ["-db", "-f", path.join(dir, "haproxy.cfg")]);
  // HAProxy counts a server up until its first checks fail: wait until each frontend reaches the right role
  await waitFor("HAProxy → primary", 30_000, async () => (await inRecovery(t.primaryUrl)) === false);
  await waitFor("HAProxy → replica", 30_000, async () => (await inRecovery(t.replicaUrl)) === true);
  log(`HAProxy up: primary ${t.primaryUrl}, replica ${t.replicaUrl}`);
  if (bouncer) {
    // PgBouncer refuses to run as root
    spawnLogged(t, "pgbouncer", "runuser", ["-u", RUN_AS, "--", "pgbouncer", path.join(dir, "pgbouncer.ini")]);
    await waitFor("PgBouncer → primary", 30_000, async () => (await inRecovery(t.poolUrl)) === false);
    log(`PgBouncer up (transaction pooling): ${t.poolUrl}`);
  }
  return t;
}

async function inRecovery(url: string): Promise<boolean> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    const { rows } = await c.query("SELECT pg_is_in_recovery() AS r");
    return rows[0].r === true;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export function startPatroni(t: Topology, i: 0 | 1): void {
  spawnLogged(t, `patroni${i + 1}`, "runuser", ["-u", RUN_AS, "--", "patroni", path.join(t.dir, `pg${i + 1}.yml`)]);
}

/** The postmaster pid of node i (from its data directory), or null. */
export function postmasterPid(t: Topology, i: 0 | 1): number | null {
  try {
    return Number(fs.readFileSync(path.join(t.dir, `pg${i + 1}`, "postmaster.pid"), "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}

/** kill -9 of a node: its Patroni and its postmaster (and so every backend), as if the machine died. */
export function killNode(t: Topology, i: 0 | 1): void {
  const patroni = t.procs.get(`patroni${i + 1}`);
  const pm = postmasterPid(t, i);
  // runuser → patroni: kill the whole process group
  if (patroni?.pid) killGroup(patroni.pid, "SIGKILL");
  if (pm) {
    try {
      process.kill(pm, "SIGKILL");
    } catch {
      // gone
    }
  }
  t.procs.delete(`patroni${i + 1}`);
}

function killGroup(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
}

export function startApp(t: Topology, i: number, distDir: string): ChildProcess {
  return spawnLogged(t, `app${i + 1}`, "npx", ["next", "start", "-H", "127.0.0.1", "-p", String(t.ports.apps[i])], {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "1",
    SPENDLINE_DIST_DIR: distDir,
    // ordinary queries through PgBouncer; LISTEN, the job queue and migrations direct to HAProxy
    DATABASE_URL: t.poolUrl,
    DATABASE_DIRECT_URL: t.primaryUrl,
    DATABASE_READ_URL: t.replicaUrl,
    NEXTAUTH_SECRET: t.secret,
    NEXTAUTH_URL: t.appUrl,
    SPENDLINE_METRICS_PORT: String(t.ports.metrics[i]),
    SPENDLINE_DRAIN_DELAY_MS: "2000",
    // the proof's webhook receiver listens on loopback: the installation allows it by name, as an
    // operator would an internal receiver (the outbound guard refuses loopback otherwise)
    SPENDLINE_OUTBOUND_ALLOWLIST: "127.0.0.1",
  });
}

export async function waitAppReady(t: Topology, i: number, ms = 180_000): Promise<void> {
  await waitFor(`app${i + 1}`, ms, () => httpOk(`http://127.0.0.1:${t.ports.apps[i]}/api/health/ready`));
}

/** HAProxy marks an instance up after `rise` good checks: wait until the app frontend answers ready several times in a row. */
export async function waitFrontend(t: Topology, ms = 60_000): Promise<void> {
  let streak = 0;
  await waitFor("HAProxy app frontend", ms, async () => {
    streak = (await httpOk(`${t.appUrl}/api/health/ready`).catch(() => false)) ? streak + 1 : 0;
    return streak >= 2 * t.ports.apps.length;
  });
}

export function killApp(t: Topology, i: number): void {
  const p = t.procs.get(`app${i + 1}`);
  if (p?.pid) killGroup(p.pid, "SIGKILL");
  t.procs.delete(`app${i + 1}`);
}

/** Stops everything this topology started (by the pids it recorded) and removes the directory unless kept. */
export async function stopAll(dir: string, opts: { keep?: boolean } = {}): Promise<void> {
  const file = path.join(dir, "pids");
  const pids = fs.existsSync(file)
    ? fs
        .readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => Number(l.split(" ")[1]))
        .filter(Boolean)
    : [];
  for (const pid of pids.reverse()) killGroup(pid, "SIGTERM");
  await sleep(3000);
  for (const pid of pids) killGroup(pid, "SIGKILL");
  for (const i of [0, 1] as const) {
    try {
      const pm = Number(fs.readFileSync(path.join(dir, `pg${i + 1}`, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pm) process.kill(pm, "SIGKILL");
    } catch {
      // not running
    }
  }
  if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
}
