import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * The SDK installs in one command from the tarball a running Spendline serves
 * (GET /sdk/spendline-sdk.tgz, packed at build time by scripts/pack-sdk.mjs), without the registry.
 */
describe("SDK tarball", () => {
  test("packs to a stable name and installs offline into an empty project", { timeout: 120_000 }, async () => {
    const { packSdk } = await import("../../scripts/pack-sdk.mjs");
    const file: string = packSdk();
    expect(path.basename(file)).toBe("spendline-sdk.tgz");
    const listing = execFileSync("tar", ["tzf", file], { encoding: "utf8" });
    expect(listing).toContain("package/package.json");
    expect(listing).toContain("package/dist/index.js");
    expect(listing).toContain("package/dist/index.d.ts");
    expect(listing).not.toContain(".test.");

    const app = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-install-"));
    try {
      fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", type: "module", private: true }));
      execFileSync("npm", ["install", file, "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: app, stdio: "pipe" });
      const out = execFileSync("node", ["-e", "import('@spendline/sdk').then((m) => console.log(typeof m.createSpendline))"], {
        cwd: app,
        encoding: "utf8",
      });
      expect(out.trim()).toBe("function");
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
