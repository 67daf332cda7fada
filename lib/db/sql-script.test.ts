import { describe, expect, test } from "vitest";
import { splitSqlStatements } from "./sql-script";

describe("splitSqlStatements", () => {
  test.each([
    ["two statements", "CREATE TABLE a (x int);\nCREATE TABLE b (y int);", ["CREATE TABLE a (x int)", "CREATE TABLE b (y int)"]],
    ["no final semicolon", "SELECT 1", ["SELECT 1"]],
    ["a semicolon in a line comment", "-- drop a; keep b\nCREATE TABLE b (y int);", ["-- drop a; keep b\nCREATE TABLE b (y int)"]],
    ["a comment-only tail is left out", "SELECT 1;\n-- the end; really\n", ["SELECT 1"]],
    ["a semicolon in a nested block comment", "/* a /* b; */ c; */ SELECT 1;", ["/* a /* b; */ c; */ SELECT 1"]],
    ["a semicolon in a string", "INSERT INTO t VALUES ('a;b', 'it''s; fine');", ["INSERT INTO t VALUES ('a;b', 'it''s; fine')"]],
    ["an escaped quote in an E string", "SELECT E'\\';', 2; SELECT 3", ["SELECT E'\\';', 2", "SELECT 3"]],
    ["a semicolon in a quoted identifier", 'CREATE TABLE "a;b" (x int); SELECT 1', ['CREATE TABLE "a;b" (x int)', "SELECT 1"]],
    [
      "a dollar-quoted function body",
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nCREATE FUNCTION g() RETURNS int AS $fn$ BEGIN RETURN 2; END $fn$ LANGUAGE plpgsql;",
      [
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
        "CREATE FUNCTION g() RETURNS int AS $fn$ BEGIN RETURN 2; END $fn$ LANGUAGE plpgsql",
      ],
    ],
    ["a positional parameter is not a dollar quote", "SELECT $1; SELECT 2", ["SELECT $1", "SELECT 2"]],
    ["empty statements are left out", ";;\n ; SELECT 1;;", ["SELECT 1"]],
  ])("%s", (_name, script, statements) => {
    expect(splitSqlStatements(script)).toEqual(statements);
  });

  test("no line of a migration in prisma/migrations is lost", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
    for (const name of fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql")))) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const statements = splitSqlStatements(sql);
      expect(statements.length, name).toBeGreaterThan(0);
      // nothing is lost: every non-comment line of the file is in some statement
      for (const line of sql.split("\n").map((l) => l.trim())) {
        if (line && !line.startsWith("--") && line !== ";")
          expect(statements.join("\n"), `${name}: ${line}`).toContain(line.replace(/;$/, ""));
      }
    }
  });
});
