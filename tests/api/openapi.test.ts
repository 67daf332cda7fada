import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocument } from "@/lib/api/openapi";
import { endpoints } from "@/lib/api/endpoints";

/**
 * The OpenAPI document is valid OpenAPI 3.1, every $ref resolves, every operation documents
 * its answers, and every route file under app/api/v1 (found by walking the file system, so
 * routes added later are caught) is in it with each HTTP method it exports.
 */
const ROOT = path.resolve(__dirname, "../../app/api/v1");
/** Route files that are not part of the described API. */
const NOT_DESCRIBED = new Set(["/api/v1/openapi.json"]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(p);
    return d.name === "route.ts" ? [p] : [];
  });
}

/** app/api/v1/budgets/[id]/route.ts → /api/v1/budgets/{id} */
function apiPath(file: string): string {
  const rel = path.relative(path.resolve(ROOT, "../.."), path.dirname(file)).split(path.sep).join("/");
  return "/" + rel.replace(/\[([^\]]+)\]/g, "{$1}");
}

function exportedMethods(file: string): string[] {
  const src = fs.readFileSync(file, "utf8");
  return [...src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), doc);
}

const doc = openApiDocument();
const paths = doc.paths as Record<
  string,
  Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>
>;

describe("OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const res = await new Validator().validate(structuredClone(doc));
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    // the validator does reject a broken document (a parameter in no valid location)
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, { parameters: { in: string }[] }>> };
    broken.paths["/api/v1/budgets/{id}"].delete.parameters[0].in = "body";
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  test("every $ref resolves inside the document", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(resolvePointer(doc, r), r).toBeDefined();
  });

  test("every operation has a success answer, error answers and its path parameters", () => {
    for (const [p, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses);
        expect(
          codes.some((c) => c.startsWith("2")),
          `${method} ${p}`,
        ).toBe(true);
        expect(codes, `${method} ${p}`).toContain("401");
        const declared = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        const documented = op.parameters
          .filter((x) => x.in === "path")
          .map((x) => x.name)
          .sort();
        expect(documented, `${method} ${p} path parameters`).toEqual(declared);
      }
    }
  });

  test("every JSON answer of the API has a schema (only CSV/PDF downloads have none)", () => {
    for (const [key, e] of Object.entries(endpoints)) {
      expect(e.response !== undefined || e.otherResponses !== undefined, key).toBe(true);
    }
  });

  test("every route file under app/api/v1 and each method it exports is in the document", () => {
    const files = routeFiles(ROOT);
    expect(files.length).toBeGreaterThan(40);
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const f of files) {
      const p = apiPath(f);
      if (NOT_DESCRIBED.has(p)) continue;
      for (const m of exportedMethods(f)) {
        seen.add(`${m} ${p}`);
        if (!paths[p]?.[m.toLowerCase()]) missing.push(`${m} ${p} (${path.relative(process.cwd(), f)})`);
      }
    }
    expect(missing, "add these to lib/api/endpoints.ts").toEqual([]);
    // and nothing is documented that no route file serves
    const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.filter((d) => !seen.has(d))).toEqual([]);
  });

  test("each route file uses its own entry of the endpoint list", () => {
    for (const f of routeFiles(ROOT)) {
      const p = apiPath(f);
      if (NOT_DESCRIBED.has(p)) continue;
      const src = fs.readFileSync(f, "utf8");
      for (const m of exportedMethods(f)) {
        expect(src, `${m} ${p}`).toContain(`endpoints["${m} ${p}"]`);
      }
    }
  });
});
