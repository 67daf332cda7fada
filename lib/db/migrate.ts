import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { adapterFactory } from "./adapter";
import { splitSqlStatements } from "./sql-script";

/**
 * Migrations through Prisma's own schema engine compiled to WASM (no native engine, no
 * download). Same `prisma/migrations/<ts>_<name>/migration.sql` layout and the same
 * `_prisma_migrations` table as `prisma migrate deploy`, so a connected machine can use
 * either. See docs/decisions/001-migrations-wasm-engine.md.
 */
const ROOT = process.cwd();
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

/**
 * The factory the migration engine gets: every connection runs a script (a whole migration.sql)
 * statement by statement, cut by lib/db/sql-script.ts, each awaited. The adapters' own
 * `executeScript` cannot be trusted with a migration: @prisma/adapter-pg cuts it with
 * `split(";")`, so a semicolon in a comment, a string or a function body breaks the migration;
 * pglite-prisma-adapter does not await it, so a failing statement goes unnoticed and the
 * migration is recorded as applied. Each statement runs on its own, as adapter-pg ran them.
 */
export function wholeStatementScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, prop) {
        if (prop === "executeScript") {
          return async (script: string) => {
            for (const sql of splitSqlStatements(script)) await target.executeRaw({ sql, args: [], argTypes: [] });
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

async function loadEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const pkgDir = path.dirname(bgPath);
  // The package entry imports the .wasm as an ES module, which Node refuses: wire it by hand.
  const bg = await import(pathToFileURL(bgPath).href);
  const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(wholeStatementScripts(factory));
  const logs: string[] = [];
  return bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, (log: string) => logs.push(log), adapter) as Promise<Engine>;
}

function migrationsList() {
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file) ? { tag: "ok", value: fs.readFileSync(file, "utf8") } : { tag: "error", value: `missing ${file}` },
        },
      };
    }),
  };
}

const filters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet in `_prisma_migrations`; returns their names. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory = adapterFactory()): Promise<string[]> {
  const engine = await loadEngine(factory);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
 * existing migrations to the current schema (replayed on a shadow database). Returns the
 * path, or null when the schema has no changes.
 */
export async function createMigration(
  name: string,
  factory: SqlMigrationAwareDriverAdapterFactory = adapterFactory(),
): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: use lowercase letters, digits and _");
  const engine = await loadEngine(factory);
  try {
    const list = migrationsList();
    const from = list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" };
    const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
    const out = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: true,
      filters,
    });
    const sql = out.stdout ?? "";
    if (out.exitCode === 0 || /^-- This is an empty migration/.test(sql.trim())) return null;
    const stamp = new Date()
      .toISOString()
      .replace(/[-:TZ.]/g, "")
      .slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!fs.existsSync(lock)) {
      fs.writeFileSync(lock, '# Please do not edit this file manually\nprovider = "postgresql"\n');
    }
    return dir;
  } finally {
    engine.free();
  }
}
