/**
 * Builds the SDK (packages/sdk) and packs it to public/sdk/spendline-sdk.tgz, so that a running
 * Spendline serves it at GET /sdk/spendline-sdk.tgz and an application installs it with
 * `npm install http://<spendline>/sdk/spendline-sdk.tgz`. Offline: `npm pack` of a workspace
 * (its prepack runs the TypeScript build) needs no registry. Run before `next build` (public/
 * files are served as they were at build time).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SDK_TARBALL = path.join(root, "public", "sdk", "spendline-sdk.tgz");

export function packSdk() {
  const out = path.dirname(SDK_TARBALL);
  fs.mkdirSync(out, { recursive: true });
  const json = execFileSync("npm", ["pack", "--workspace", "packages/sdk", "--pack-destination", out, "--json", "--silent"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [{ filename }] = JSON.parse(json.slice(json.indexOf("[")));
  // npm names it after scope, name and version (spendline-sdk-0.1.0.tgz): the URL stays the same across versions
  fs.renameSync(path.join(out, path.basename(filename)), SDK_TARBALL);
  return SDK_TARBALL;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = packSdk();
  console.log(`▸ SDK packed: ${path.relative(root, file)} (${fs.statSync(file).size} bytes), served at /sdk/spendline-sdk.tgz`);
}
