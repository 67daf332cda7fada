/**
 * Builds dist/ for the tarball (prepack). The SDK shares the guardrail decision and leases with
 * the server through packages/guardrail-core, which is not published: it is compiled into
 * dist/_core/ and the SDK's imports of "@spendline/guardrail-core" are pointed there, so the
 * packed SDK installs and runs with no dependency (scripts/pack-sdk.mjs, tests/sdk/pack.test.ts).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");
const tsc = (...args) =>
  execFileSync(process.execPath, [path.join(here, "../../node_modules/typescript/bin/tsc"), ...args], { cwd: here, stdio: "inherit" });

fs.rmSync(dist, { recursive: true, force: true });
tsc("-p", "../guardrail-core/tsconfig.build.json", "--outDir", path.join(dist, "_core"));
// guardrail-core's source imports its siblings as "./x.ts" (Next's bundler resolves no ".js" to a
// .ts source); tsc rewrites them to ".js" in the JavaScript, and here in the declarations too
for (const name of fs.readdirSync(path.join(dist, "_core"))) {
  if (!name.endsWith(".d.ts")) continue;
  const file = path.join(dist, "_core", name);
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/(from\s+"\.\/[\w-]+)\.ts"/g, '$1.js"'));
}
// tsconfig.build.json maps "@spendline/guardrail-core" to dist/_core/index.d.ts for the type check
tsc("-p", "tsconfig.build.json");

const specifier = /(from\s+|import\s*\(\s*)"@spendline\/guardrail-core"/g;
let rewritten = 0;
for (const name of fs.readdirSync(dist)) {
  if (!/\.(js|d\.ts)$/.test(name)) continue;
  const file = path.join(dist, name);
  const text = fs.readFileSync(file, "utf8");
  const next = text.replace(specifier, (_, lead) => `${lead}"./_core/index.js"`);
  if (next !== text) {
    fs.writeFileSync(file, next);
    rewritten++;
  }
}
const left = fs
  .readdirSync(dist, { recursive: true })
  .filter((f) => /\.(js|d\.ts)$/.test(f) && /["']@spendline\/guardrail-core["']/.test(fs.readFileSync(path.join(dist, f), "utf8")));
if (left.length > 0 || rewritten === 0) throw new Error(`guardrail-core imports not rewritten: ${left.join(", ") || "none found"}`);
