/**
 * npm run db:migrate                 apply pending migrations (DATABASE_DIRECT_URL, else DATABASE_URL, else embedded PGlite)
 * npm run db:migration:new -- <name> write a migration from the schema diff
 */
import { applyMigrations, createMigration } from "../lib/db/migrate";
import { closeEmbedded } from "../lib/db/adapter";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";

const [cmd, name] = process.argv.slice(2);
const started = Date.now();
try {
  if (cmd === "migrate") {
    // through a transaction-pooling PgBouncer a migration could lose its session: go direct
    if (process.env.DATABASE_DIRECT_URL && process.env.DATABASE_URL) process.env.DATABASE_URL = process.env.DATABASE_DIRECT_URL;
    const applied = await applyMigrations();
    // events that existed before monthly partitioning move into their month partitions (once)
    const { adoptDefaultPartition, ensureUpcomingPartitions } = await import("../lib/storage/partitions");
    const moved = await adoptDefaultPartition();
    if (moved > 0) console.log(`Moved ${moved} events into monthly partitions.`);
    await ensureUpcomingPartitions();
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")} (${Date.now() - started} ms)`
        : "Database is up to date.",
    );
  } else if (cmd === "new") {
    if (!name) throw new Error("usage: npm run db:migration:new -- <name>");
    // The diff replays the migrations on a throw-away in-memory database, never on yours.
    const dir = await createMigration(name, new PrismaPGlite(new PGlite()));
    console.log(dir ? `Wrote ${dir}/migration.sql` : "No schema changes: no migration written.");
  } else {
    throw new Error(`unknown command "${cmd ?? ""}": use migrate | new <name>`);
  }
  await closeEmbedded();
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  await closeEmbedded();
  process.exit(1);
}
