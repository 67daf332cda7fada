import { db } from "../db";
import { registerCliCommand } from "../core/cli-commands";
import { listEventPartitions } from "./partitions";
import { dropExpiredPartitions, retentionView, setRetention } from "./retention";
import { MAX_RETENTION_MONTHS } from "./schemas";

const SYSTEM = { userId: null, apiKeyId: null };

async function orgBySlug(slug: unknown) {
  if (typeof slug !== "string" || !slug) throw new Error("--org <slug> is required");
  const org = await db().organization.findUnique({ where: { slug } });
  if (!org) throw new Error(`no organisation "${slug}"`);
  return org;
}

registerCliCommand({
  name: "retention set",
  usage: `retention set --org <slug> --months <1-${MAX_RETENTION_MONTHS}|forever>   months of raw events to keep (rollups are kept forever)`,
  run: async ({ values, io }) => {
    const org = await orgBySlug(values.org);
    const raw = String(values.months ?? "");
    const months = raw === "forever" ? null : Number(raw);
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > MAX_RETENTION_MONTHS)) {
      throw new Error(`--months must be a whole number from 1 to ${MAX_RETENTION_MONTHS}, or "forever"`);
    }
    const v = await setRetention(org.id, months, SYSTEM);
    io.out(
      months === null
        ? `${org.slug}: raw events are kept forever.`
        : `${org.slug}: raw events are kept ${months} months (from ${v.raw_events_kept_from}); older months are dropped by "retention run" once no other organisation keeps them.`,
    );
  },
});

registerCliCommand({
  name: "retention show",
  usage: "retention show --org <slug>                         retention setting, monthly partitions and dropped months",
  run: async ({ values, io }) => {
    const org = await orgBySlug(values.org);
    const partitions = (await listEventPartitions()).map((p) => p.month);
    io.out(JSON.stringify({ ...(await retentionView(org.id)), partitions_on_disk: partitions }, null, 2));
  },
});

registerCliCommand({
  name: "retention run",
  usage: "retention run [--dry-run]                           drop the month partitions every organisation's retention allows",
  run: async ({ values, io }) => {
    const { plan, dropped } = await dropExpiredPartitions(new Date(), { dryRun: Boolean(values["dry-run"]) });
    if (plan.length === 0) io.out("No past month partitions.");
    for (const p of plan) io.out(`  ${p.month}: ${p.drop ? (values["dry-run"] ? "would drop" : "dropped") : "kept"} — ${p.reason}`);
    for (const d of dropped) io.out(`Dropped ${d.month} (${d.events} raw events; rollups kept).`);
  },
});
