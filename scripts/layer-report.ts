/**
 * Counts the imports that run back up the layers of decision 044 and prints them as JSON:
 *
 *   app/, components/          4  (pages, route handlers, UI)
 *   lib/api/**                 3  (contract, route wrapper, OpenAPI)
 *   lib/<domain>/**            2  (every other lib folder, and lib/*.ts)
 *   lib/core/**                1  (AppError, wire primitives, request bodies)
 *   lib/money, time, runtime   0  (leaves)
 *
 * An import is "upward" when its target sits on a higher layer than the importing file.
 * Domain cycles (lib/a imports lib/b and lib/b imports lib/a, directly or through other
 * domains) are counted apart: each strongly connected group of domains, with its edges.
 * Test files (*.test.ts) are counted apart from production files and left out of the cycles.
 *
 *   npx tsx scripts/layer-report.ts            JSON report
 *   npx tsx scripts/layer-report.ts --list     also lists every upward import
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCAN = ["lib", "app", "components"];
const SKIP = new Set(["node_modules", "generated", ".next"]);
const LEAVES = new Set(["money", "time", "runtime"]);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

type Place = { layer: number; name: string; area: string };

function place(file: string): Place {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === "app" || rel[0] === "components") return { layer: 4, name: "ui", area: rel[0] };
  if (rel[0] !== "lib") return { layer: 5, name: "other", area: rel[0] };
  const top = rel.length === 2 ? "(lib root)" : rel[1];
  if (top === "api") return { layer: 3, name: "api", area: "lib/api" };
  if (top === "core") return { layer: 1, name: "core", area: "lib/core" };
  if (LEAVES.has(top)) return { layer: 0, name: "leaf", area: `lib/${top}` };
  return { layer: 2, name: "domain", area: top === "(lib root)" ? "lib" : `lib/${top}` };
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm;

type Edge = { from: string; to: string; spec: string; test: boolean };

export type LayerReport = {
  upward: number;
  upwardInTests: number;
  domainToApi: number;
  byKind: Record<string, number>;
  domainCyclePairs: number;
  domainCycleGroups: string[][];
  pairs: { pair: string; imports: number }[];
  upwardImports?: string[];
  pairImports?: { pair: string; imports: string[] }[];
};

/** The report over the tree as it is on disk; `list` adds every upward import and every cycle's imports. */
export function layerReport({ list = false }: { list?: boolean } = {}): LayerReport {
  const files = SCAN.flatMap((d) => walk(path.join(ROOT, d), []));
  const upward: Edge[] = [];
  const domainEdges = new Map<string, Edge[]>(); // "a -> b"
  for (const file of files) {
    const src = readFileSync(file, "utf8");
    const test = /\.test\.tsx?$/.test(file);
    const p = place(file);
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = resolveImport(file, spec);
      if (!target) continue;
      const q = place(target);
      const edge = { from: path.relative(ROOT, file), to: path.relative(ROOT, target), spec, test };
      if (q.layer > p.layer && q.layer < 5) upward.push(edge);
      if (!test && p.name === "domain" && q.name === "domain" && p.area !== q.area) {
        const key = `${p.area} -> ${q.area}`;
        domainEdges.set(key, [...(domainEdges.get(key) ?? []), edge]);
      }
    }
  }

  // strongly connected groups of domains (Tarjan)
  const graph = new Map<string, Set<string>>();
  for (const key of domainEdges.keys()) {
    const [a, b] = key.split(" -> ");
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)!.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  function strong(v: string) {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);

  const pairs = [...domainEdges.keys()]
    .map((k) => k.split(" -> "))
    .filter(([a, b]) => a < b && domainEdges.has(`${b} -> ${a}`))
    .map(([a, b]) => ({
      pair: `${a} <-> ${b}`,
      imports: [...domainEdges.get(`${a} -> ${b}`)!, ...domainEdges.get(`${b} -> ${a}`)!].map((e) => `${e.from} -> ${e.to}`),
    }));

  const prod = upward.filter((e) => !e.test);
  const byKind = (edges: Edge[]) => {
    const out: Record<string, number> = {};
    for (const e of edges) {
      const k = `${place(path.join(ROOT, e.from)).name} -> ${place(path.join(ROOT, e.to)).area}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(out).sort());
  };
  return {
    upward: prod.length,
    upwardInTests: upward.length - prod.length,
    domainToApi: prod.filter((e) => place(path.join(ROOT, e.to)).name === "api").length,
    byKind: byKind(prod),
    domainCyclePairs: pairs.length,
    domainCycleGroups: groups,
    pairs: pairs.map((p) => ({ pair: p.pair, imports: p.imports.length })),
    ...(list ? { upwardImports: upward.map((e) => `${e.from} -> ${e.to}${e.test ? " (test)" : ""}`), pairImports: pairs } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(layerReport({ list: process.argv.includes("--list") }), null, 2));
}
