import path from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";
import { ALLOWED_SKIPS } from "../allowed-skips";

/**
 * A vitest reporter (vitest.config.ts): the run fails when an integration test (a file under
 * tests/) was skipped and tests/allowed-skips.ts does not allow it, or SPENDLINE_ALLOW_SKIPS
 * (comma-separated starts of "file > full name", for one run on a machine that cannot run a
 * test) does. Off when the run selects tests by name (-t), which skips the rest on purpose.
 */
export default class SkipGuard implements Reporter {
  private root = process.cwd();
  private filtered = false;

  onInit(vitest: Vitest) {
    this.root = vitest.config.root;
    this.filtered = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    if (this.filtered) return;
    const fromEnv = (process.env.SPENDLINE_ALLOW_SKIPS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const refused: string[] = [];
    for (const mod of testModules) {
      const file = path.relative(this.root, mod.moduleId).split(path.sep).join("/");
      if (!file.startsWith("tests/")) continue;
      for (const t of mod.children.allTests()) {
        if (t.result().state !== "skipped") continue;
        const name = t.fullName;
        const allowed =
          ALLOWED_SKIPS.some((a) => a.file === file && name.startsWith(a.name) && !(a.unlessEnv && process.env[a.unlessEnv])) ||
          fromEnv.some((s) => `${file} > ${name}`.startsWith(s));
        if (!allowed) refused.push(`${file} > ${name}`);
      }
    }
    if (refused.length === 0) return;
    console.error(
      `\n${refused.length} integration test(s) skipped without being allowed (tests/allowed-skips.ts, or SPENDLINE_ALLOW_SKIPS for one run):\n` +
        refused.map((r) => `  - ${r}`).join("\n"),
    );
    process.exitCode = 1;
  }
}
