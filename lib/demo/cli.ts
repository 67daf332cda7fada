import { registerCliCommand, type Io } from "../core/cli-commands";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-story";

registerCliCommand({
  name: "demo seed",
  usage:
    'demo seed [--days 90] [--events N] [--force]   (deterministic demo organisation "demo"; once unless --force; --events: N events generated in the database)',
  async run({ values, io }) {
    const days = values.days ? Number(values.days) : 90;
    if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error("--days must be a whole number from 1 to 400");
    if (values.events !== undefined) return seedLarge(String(values.events), days, Boolean(values.force), io);
    // loaded on use: the seed pulls in the whole ingestion path
    const { seedDemo } = await import("./seed-demo");
    let last = -1;
    const res = await seedDemo({
      days,
      force: Boolean(values.force),
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10);
        if (pct !== last) {
          last = pct;
          io.out(`  seeding events: ${done}/${total}`);
        }
      },
    });
    if (res.skipped) io.out("Demo organisation already seeded (use --force to re-create it).");
    else io.out(`Seeded demo organisation: ${res.events} events in ${(res.ms / 1000).toFixed(1)} s.`);
    io.out(`Sign in with any of (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) io.out(`  ${u.role.padEnd(16)} ${u.email}`);
  },
});

async function seedLarge(raw: string, days: number, force: boolean, io: Io) {
  const events = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(events) || events < 1 || events > 2_000_000_000)
    throw new Error("--events must be a whole number of events, e.g. 10000000");
  const { seedLargeDemo } = await import("./seed-large");
  const tty = process.stderr.isTTY;
  const fmt = (ms: number) =>
    ms < 60_000 ? `${(ms / 1000).toFixed(0)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  io.out(`Generating ${events.toLocaleString("en-US")} demo events over ${days} days in the database…`);
  const res = await seedLargeDemo({
    events,
    days,
    force,
    onProgress: ({ phase, done, total, elapsedMs }) => {
      if (phase === "events") {
        const pct = Math.min(100, (done / total) * 100);
        const rate = done / Math.max(1, elapsedMs / 1000);
        const bar = "#".repeat(Math.round(pct / 4)).padEnd(25, ".");
        const line = `  [${bar}] ${pct.toFixed(0).padStart(3)}%  ${done.toLocaleString("en-US")} events  ${Math.round(rate).toLocaleString("en-US")}/s  ETA ${fmt(((total - done) / Math.max(rate, 1)) * 1000)}`;
        if (tty) process.stderr.write(`\r${line}`);
        else io.out(line);
      } else if (phase === "rollups") {
        if (tty) process.stderr.write("\n");
        io.out(`  events stored in ${fmt(elapsedMs)}; building rollups from them (rollups rebuild)…`);
      }
    },
  });
  if (res.skipped) {
    io.out("Demo organisation already seeded (use --force to re-create it).");
    return;
  }
  io.out(`Seeded demo organisation: ${res.events.toLocaleString("en-US")} events in ${fmt(res.ms)} (rollups ${fmt(res.rollupMs)}).`);
  io.out(`Sign in with any of (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) io.out(`  ${u.role.padEnd(16)} ${u.email}`);
}
