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
    expect(listing).toContain("package/dist/_core/index.js");

    const app = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-install-"));
    try {
      fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", type: "module", private: true }));
      execFileSync("npm", ["install", file, "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: app, stdio: "pipe" });
      // the shared decision (packages/guardrail-core) travels inside the tarball: decide without the monorepo
      const script = [
        "import('@spendline/sdk').then((m) => {",
        "  const view = { policy: { ...m.DEFAULT_POLICY, killSwitch: true, killSwitchReason: 'off' }, hardBudgets: [], tenantTrapped: false, estimatePico: 1n };",
        "  console.log(typeof m.createSpendline, m.decide({ feature: 'chat', model: 'gpt-4o' }, view).decision);",
        "})",
      ].join("\n");
      const out = execFileSync("node", ["-e", script], { cwd: app, encoding: "utf8" });
      expect(out.trim()).toBe("function block");
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
