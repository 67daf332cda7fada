import "server-only";
import { db } from "../db";
import { registerCliCommand } from "../core/cli-commands";
import { rebuildRollups } from "./rebuild-rollups";
import { verifyRollups } from "./verify-rollups";

async function orgs(slug: string | undefined) {
  if (slug) {
    const org = await db().organization.findUnique({ where: { slug } });
    if (!org) throw new Error(`no organisation "${slug}"`);
    return [org];
  }
  return db().organization.findMany({ orderBy: { slug: "asc" } });
}

registerCliCommand({
  name: "rollups verify",
  usage: "rollups verify [--org <slug>]       recompute rollups from raw events; exit 1 and print differences if any",
  run: async ({ values, io }) => {
    let total = 0;
    for (const org of await orgs(values.org as string | undefined)) {
      const diffs = await verifyRollups(org.id);
      total += diffs.length;
      if (diffs.length === 0) {
        io.out(`${org.slug}: rollups match the raw events`);
        continue;
      }
      io.err(`${org.slug}: ${diffs.length} rollup difference(s) (at most 20 per table shown):`);
      for (const d of diffs) {
        io.err(
          `  ${d.table} ${JSON.stringify(d.key)}\n    expected ${JSON.stringify(d.expected)}\n    stored   ${JSON.stringify(d.stored)}`,
        );
      }
    }
    if (total > 0) throw new Error(`${total} rollup difference(s); repair with: npm run cli -- rollups rebuild --org <slug>`);
  },
});

registerCliCommand({
  name: "rollups rebuild",
  usage: "rollups rebuild [--org <slug>]      recompute all rollups of the organisation(s) from raw events",
  run: async ({ values, io }) => {
    for (const org of await orgs(values.org as string | undefined)) {
      await rebuildRollups(org.id);
      io.out(`${org.slug}: rollups rebuilt`);
    }
  },
});
