import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { adapterFactory } from "@/lib/db/adapter";
import { wholeStatementScripts } from "@/lib/db/migrate";
import { db } from "@/lib/db";

useTestDatabase();

/**
 * What the migration engine does with a migration.sql: hands the whole file to the connection's
 * executeScript. A semicolon in a comment, a string or a function body must not cut a statement
 * (adapter-pg split on every ";"), and a failing statement must fail the migration (the PGlite
 * adapter did not await its script).
 */
test("a migration script with semicolons in comments, strings and a function body runs whole", async () => {
  const conn = await wholeStatementScripts(adapterFactory()).connect();
  await conn.executeScript(`
    -- keep the history; one row per change
    CREATE TABLE "MigrationScriptProbe" (id int PRIMARY KEY, note text NOT NULL);
    /* a block comment; with a semicolon */
    INSERT INTO "MigrationScriptProbe" VALUES (1, 'a;b'), (2, 'it''s; fine');
    CREATE FUNCTION migration_script_probe() RETURNS int AS $$ SELECT count(*)::int FROM "MigrationScriptProbe"; $$ LANGUAGE sql;
  `);
  const rows = await db().$queryRaw<{ n: number; notes: string }[]>`
    SELECT migration_script_probe() AS n, string_agg(note, '|' ORDER BY id) AS notes FROM "MigrationScriptProbe"`;
  expect(rows).toEqual([{ n: 2, notes: "a;b|it's; fine" }]);
});

test("a failing statement fails the script", async () => {
  const conn = await wholeStatementScripts(adapterFactory()).connect();
  await expect(conn.executeScript(`SELECT 1;\nSELECT * FROM "NoSuchTableAnywhere";`)).rejects.toThrow();
});
