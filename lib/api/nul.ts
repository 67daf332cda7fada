import type { Issue } from "../core/errors";

/**
 * PostgreSQL text cannot hold U+0000: a NUL byte that reaches a query is a 500 ("invalid byte
 * sequence"), never a match. The route wrapper refuses it in every query parameter, path
 * parameter and JSON body string (keys included) before any schema or query sees it; pages use
 * the same check on their search parameters (lib/api/search-params.ts). Pure.
 */
const NUL = "\u0000";
const MESSAGE = "contains a NUL byte (\\u0000), which no name or value may hold; remove it";

export function hasNul(s: string): boolean {
  return s.includes(NUL);
}

/** One issue per string (or key) holding a NUL, with its path; [] when clean. */
export function nulIssues(value: unknown, prefix = "", limit = 20): Issue[] {
  const out: Issue[] = [];
  const walk = (v: unknown, path: string) => {
    if (out.length >= limit) return;
    if (typeof v === "string") {
      if (hasNul(v)) out.push({ path: path || "(root)", message: MESSAGE });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (hasNul(k)) out.push({ path: p.replace(/\u0000/g, "\\u0000"), message: MESSAGE });
        else walk(x, p);
      }
    }
  };
  walk(value, "");
  return out.map((i) => ({ ...i, path: prefix + i.path }));
}
