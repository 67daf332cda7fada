/**
 * Regenerates the table in docs/process-state.md from lib/runtime/slots.ts.
 *   npm run docs:process-state            write the table
 *   npm run docs:process-state -- --check exit 1 when the document is out of date
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withProcessStateTable } from "../lib/runtime/doc";

const file = path.resolve(import.meta.dirname, "../docs/process-state.md");
const doc = readFileSync(file, "utf8");
const next = withProcessStateTable(doc);
if (process.argv.includes("--check")) {
  if (next !== doc) {
    console.error("docs/process-state.md is out of date: run `npm run docs:process-state`");
    process.exit(1);
  }
} else if (next !== doc) {
  writeFileSync(file, next);
  console.log("docs/process-state.md updated");
}
