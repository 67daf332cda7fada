import type { PGlite } from "@electric-sql/pglite";

/**
 * pg-boss talks to a database through `executeSql(text, values)`. On the embedded database
 * there is no socket: this adapter runs its statements on the process's PGlite instance.
 * Parameterless texts may hold several statements (pg-boss's schema migration, its
 * BEGIN … COMMIT blocks), which only `exec` accepts; PGlite serialises both with Prisma's
 * queries and transactions (one connection), so a pg-boss transaction never interleaves.
 */
export function pgliteDb(pg: PGlite) {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
      if (values && values.length) return await pg.query(text, values);
      const results = await pg.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  };
}
