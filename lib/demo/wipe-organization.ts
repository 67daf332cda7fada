import "server-only";
import { db } from "../db";
import { sqlIdent } from "../db/ident";

/**
 * Every table that holds an organisation's rows (a column `organizationId`; partitions are
 * reached through their parent), ordered so that a table comes before the tables its foreign
 * keys point to: deleting in this order never trips a foreign key. Read from the catalog, so a
 * table added by a later migration is wiped without anyone remembering to list it.
 */
export async function organizationTables(): Promise<string[]> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organizationId' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY 1`;
  const edges = await db().$queryRaw<{ child: string; parent: string }[]>`
    SELECT cc.relname AS child, pc.relname AS parent FROM pg_constraint k
    JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_class pc ON pc.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = cc.relnamespace AND n.nspname = current_schema()
    WHERE k.contype = 'f' AND cc.oid <> pc.oid`;
  return childrenFirst(
    tables.map((t) => t.name),
    edges,
  );
}

/**
 * `names` ordered so that every child (a table with a foreign key) precedes its parents; ties
 * keep the alphabetical order. Edges to tables outside `names` are ignored. Pure.
 */
export function childrenFirst(names: string[], edges: { child: string; parent: string }[]): string[] {
  const inSet = new Set(names);
  const parentsOf = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const e of edges) if (inSet.has(e.child) && inSet.has(e.parent)) parentsOf.get(e.child)!.add(e.parent);
  // a table may be deleted once every table pointing at it has been
  const out: string[] = [];
  const pending = [...names].sort();
  while (pending.length) {
    const i = pending.findIndex((n) => pending.every((m) => m === n || !parentsOf.get(m)!.has(n)));
    if (i < 0) throw new Error(`foreign keys form a cycle among: ${pending.join(", ")}`);
    const [n] = pending.splice(i, 1);
    out.push(n);
  }
  return out;
}

/** Deletes every row of one organisation, then the organisation itself. */
export async function wipeOrganization(organizationId: string): Promise<void> {
  for (const table of await organizationTables()) {
    await db().$executeRaw`DELETE FROM ${sqlIdent(table)} WHERE "organizationId" = ${organizationId}`;
  }
  await db().organization.delete({ where: { id: organizationId } });
}
