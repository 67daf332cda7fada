/**
 * Start or stop the HA topology on this machine (scripts/cluster/topology.ts):
 *   npx tsx scripts/cluster/cluster.ts start [--instances 3]   prints the URLs, keeps running until Ctrl-C
 *   npx tsx scripts/cluster/cluster.ts stop <dir>               stops what a kept run left
 * Needs: apt-get install -y patroni etcd-server haproxy; a production build in .next-cluster
 * (SPENDLINE_DIST_DIR=.next-cluster npx next build).
 */
import { spawnSync } from "node:child_process";
import { startApp, startDatabase, stopAll, waitAppReady, waitFrontend } from "./topology";

async function main() {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === "stop") {
    if (!arg) throw new Error("usage: cluster.ts stop <directory printed by start>");
    await stopAll(arg);
    return;
  }
  if (cmd !== "start") throw new Error("usage: cluster.ts start [--instances N] | stop <dir>");
  const n = Number(process.argv[process.argv.indexOf("--instances") + 1] ?? 3) || 3;
  const t = await startDatabase({ instances: n });
  const m = spawnSync("npx", ["tsx", "scripts/db.ts", "migrate"], {
    env: { ...process.env, DATABASE_URL: t.primaryUrl },
    stdio: "inherit",
  });
  if (m.status !== 0) throw new Error("migrations failed");
  for (let i = 0; i < n; i++) startApp(t, i, ".next-cluster");
  for (let i = 0; i < n; i++) await waitAppReady(t, i);
  await waitFrontend(t);
  console.log(
    JSON.stringify(
      {
        directory: t.dir,
        app: t.appUrl,
        database: t.primaryUrl,
        replica: t.replicaUrl,
        pgbouncer: t.poolUrl,
        haproxy_stats: `http://127.0.0.1:${t.ports.haStats}/`,
      },
      null,
      2,
    ),
  );
  console.log("Ctrl-C stops everything.");
  const stop = () => void stopAll(t.dir).then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
});
