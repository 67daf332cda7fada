/**
 * Shared by `npm run demo` and the e2e server: migrate, seed the demo once, build when
 * needed, then serve the production build. PGlite is one process per data directory, so
 * migrations and the seed run (and close the database) before the server starts.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { applyMigrations } from "../lib/db/migrate";
import { closeEmbedded, dataDir } from "../lib/db/adapter";
import { disconnectDb } from "../lib/db";
import { env, isEmbeddedDatabase } from "../lib/env";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-story";

export async function prepareAndServe(opts: {
  forceBuild: boolean;
  distDir?: string;
  /** more data to write while this process still holds the database (the e2e fixture organisations) */
  afterSeed?: () => Promise<void>;
}) {
  const t0 = Date.now();
  const where = isEmbeddedDatabase() ? `embedded database in ${dataDir()}` : "PostgreSQL (DATABASE_URL)";
  console.log(`▸ Database: ${where}`);
  const applied = await applyMigrations();
  console.log(applied.length ? `▸ Applied ${applied.length} migration(s)` : "▸ Migrations up to date");

  const { seedDemo } = await import("../lib/demo/seed-demo");
  let shown = -1;
  const seeded = await seedDemo({
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 20) * 5;
      if (pct !== shown) {
        shown = pct;
        process.stdout.write(`\r▸ Seeding demo events ${"█".repeat(pct / 5).padEnd(20, "░")} ${pct}% (${done}/${total})`);
      }
    },
  });
  if (seeded.skipped) console.log("▸ Demo data already present (npm run cli -- demo seed --force re-creates it)");
  else console.log(`\n▸ Seeded ${seeded.events} demo events in ${(seeded.ms / 1000).toFixed(1)} s`);
  await opts.afterSeed?.();
  await disconnectDb();
  await closeEmbedded();

  const distDir = opts.distDir ?? ".next";
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    // SIGTERM drains and closes cleanly (lib/health/shutdown.ts) instead of Next's immediate exit
    NEXT_MANUAL_SIG_HANDLE: "1",
    SPENDLINE_DIST_DIR: distDir,
    NEXTAUTH_SECRET: env().NEXTAUTH_SECRET ?? persistentSecret(),
    NEXTAUTH_URL: env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`,
    SPENDLINE_DATA_DIR: dataDir(),
  };
  if (opts.forceBuild || !fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log("▸ Building the production app (first run only; takes a minute or two)…");
    // the SDK tarball served at /sdk/spendline-sdk.tgz (public/ is served as it was at build time)
    const p = spawnSync("node", ["scripts/pack-sdk.mjs"], { stdio: "inherit", env: childEnv });
    if (p.status !== 0) throw new Error("packing the SDK (scripts/pack-sdk.mjs) failed");
    const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: childEnv });
    if (b.status !== 0) throw new Error("next build failed");
  }
  console.log(`▸ Ready in ${((Date.now() - t0) / 1000).toFixed(0)} s. Open http://localhost:${env().PORT}`);
  console.log(`  Sign in with any of these (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(17)} ${u.email}`);
  const server = spawn("npx", ["next", "start", "-p", String(env().PORT)], { stdio: "inherit", env: childEnv });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

/** The demo keeps one random sign-in secret in its data directory, so sessions survive restarts. */
function persistentSecret(): string {
  const file = path.join(dataDir(), "nextauth-secret");
  fs.mkdirSync(dataDir(), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}
