import { Prisma } from "../generated/prisma/client";

/**
 * Identifiers spliced into SQL (table, column, alias and partition names) go through here and
 * nowhere else: values are always parameters, and an identifier that is not a plain name is
 * refused rather than escaped. Names come from literal-union types in the builders; this is
 * the check that holds even if one day a string from elsewhere reaches a builder.
 */
const PLAIN = /^[a-z_][a-z0-9_]*$/i;

/** `name` double-quoted (case kept), or an error if it is not a plain identifier. */
export function quoteIdent(name: string): string {
  if (!PLAIN.test(name)) throw new Error(`not an SQL identifier: ${JSON.stringify(name)}`);
  return '"' + name + '"';
}

/** A quoted identifier, or `alias."name"`, as an SQL fragment. */
export function sqlIdent(name: string, alias?: string): Prisma.Sql {
  return Prisma.raw(alias === undefined ? quoteIdent(name) : quoteIdent(alias) + "." + quoteIdent(name));
}

/** A comma-separated list of (optionally qualified) identifiers. */
export function sqlIdents(names: readonly string[], alias?: string): Prisma.Sql {
  return Prisma.join(
    names.map((n) => sqlIdent(n, alias)),
    ", ",
  );
}
