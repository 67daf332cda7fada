import { COMMANDS } from "../cli/commands";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-story";

COMMANDS.push({
  name: "demo seed",
  usage: "demo seed [--days 90] [--force]   (deterministic demo organisation \"demo\"; once unless --force)",
  async run({ values, io }) {
    const days = values.days ? Number(values.days) : 90;
    if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error("--days must be a whole number from 1 to 400");
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
