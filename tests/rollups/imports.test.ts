import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

/**
 * Rollups in one room (decision 044): ingestion calls into lib/rollups, never the reverse, and
 * nothing outside lib/rollups spells a rollup's lock constant or merge (they are imported).
 */
const root = join(__dirname, "../..");
const sources = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(root, dir, f), "utf8") }));

test("lib/rollups never imports lib/ingestion", () => {
  const offending = sources("lib/rollups").filter((s) => /from\s+["'](\.\.\/ingestion|@\/lib\/ingestion)/.test(s.text));
  expect(offending.map((s) => s.file)).toEqual([]);
});

test("the rollup lock namespace and the stats merges are defined only in lib/rollups", () => {
  const outside = sources("lib").filter((s) => !s.file.startsWith("lib/rollups/"));
  expect(outside.filter((s) => /ROLLUP_LOCK_NS\s*=|\b7301\b/.test(s.text)).map((s) => s.file)).toEqual([]);
  expect(outside.filter((s) => /"prev[A-Z]\w*"\s*=|"InteractionStats"\.|"TaskStats"\./.test(s.text)).map((s) => s.file)).toEqual([]);
});
