/**
 * A migration script cut into its statements at the semicolons that end one: not those inside
 * comments (`-- a; b`, nested `/* … *\/`), string literals ('a;b', E'\';'), quoted identifiers
 * or dollar-quoted bodies (`$$ … ; … $$`, `$fn$ … $fn$`). Statements with nothing but comments
 * and white space are left out. Pure.
 *
 * Why: the migration engine hands a whole migration.sql to the driver adapter's
 * `executeScript`, and @prisma/adapter-pg cuts it with `script.split(";")`, so a semicolon in a
 * comment sent half a comment and half a statement to PostgreSQL (lib/db/migrate.ts).
 */
export function splitSqlStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const stmt = script.slice(start, end).trim();
    if (hasCode && stmt) out.push(stmt);
    start = end + 1;
    hasCode = false;
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const eol = script.indexOf("\n", i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script[i] === "/" && script[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (script[i] === "*" && script[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      hasCode = true;
      const escapes = c === "'" && /[eE]/.test(script[i - 1] ?? "") && !/[A-Za-z0-9_]/.test(script[i - 2] ?? "");
      i++;
      while (i < n) {
        if (escapes && script[i] === "\\") i += 2;
        else if (script[i] === c && script[i + 1] === c) i += 2;
        else if (script[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === "$" && !/[A-Za-z0-9_$]/.test(script[i - 1] ?? "")) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      hasCode = true;
      if (!tag) {
        i++;
        continue;
      }
      const close = script.indexOf(tag[0], i + tag[0].length);
      i = close === -1 ? n : close + tag[0].length;
    } else if (c === ";") {
      push(i);
      i++;
    } else {
      if (!/\s/.test(c)) hasCode = true;
      i++;
    }
  }
  push(n);
  return out;
}
