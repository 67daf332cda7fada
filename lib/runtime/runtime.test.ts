import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { withProcessStateTable } from "./doc";
import { runtimeCache, runtimeSlot } from "./index";
import { RUNTIME_SLOTS, type SlotInfo, type SlotName } from "./slots";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(path.relative(ROOT, full));
  }
  return out;
}

describe("the runtime registry", () => {
  test("docs/process-state.md shows the table generated from lib/runtime/slots.ts", () => {
    const doc = read("docs/process-state.md");
    expect(withProcessStateTable(doc), "run `npm run docs:process-state`").toBe(doc);
  });

  test("nothing outside lib/runtime touches globalThis.__spendline…", () => {
    const files = ["lib", "app", "components", "scripts", "packages", "tests", "e2e"].flatMap((d) => walk(path.join(ROOT, d)));
    const offenders = files.filter((f) => !f.startsWith("lib/runtime/") && read(f).includes("__spendline"));
    expect(offenders, "take a slot with runtimeSlot() from lib/runtime instead").toEqual([]);
  });

  test.each(Object.keys(RUNTIME_SLOTS) as SlotName[])("%s is taken by the module it names", (name) => {
    const src = read(RUNTIME_SLOTS[name].module);
    expect(src).toMatch(new RegExp(`runtime(Slot|Cache)(<[^(]*>)?\\("${name}"\\)`));
  });

  test("every cache and buffer declares its bound", () => {
    const slots: Record<string, SlotInfo> = RUNTIME_SLOTS;
    const unbounded = Object.entries(slots).filter(([, s]) => (s.kind === "cache" || s.kind === "buffer") && !s.bound && !s.max);
    expect(unbounded.map(([n]) => n)).toEqual([]);
  });

  test("a slot is one value per process, whatever module instance takes it", () => {
    const a = runtimeSlot<{ n: number }>("Shutdown");
    const b = runtimeSlot<{ n: number }>("Shutdown");
    const before = a.value;
    try {
      a.value = { n: 1 };
      expect(b.value).toEqual({ n: 1 });
      b.value = undefined;
      expect(a.value).toBeUndefined();
    } finally {
      a.value = before;
    }
  });

  test("a declared cache keeps at most its max entries", () => {
    const raised = runtimeCache<string, true>("Raised");
    raised.clear();
    for (let i = 0; i < RUNTIME_SLOTS.Raised.max + 5; i++) raised.set(`k${i}`, true);
    expect(raised.size).toBe(RUNTIME_SLOTS.Raised.max);
    expect(raised.has("k0")).toBe(false);
    expect(raised.has(`k${RUNTIME_SLOTS.Raised.max + 4}`)).toBe(true);
    raised.clear();
  });

  test("an undeclared slot name is refused", () => {
    expect(() => runtimeSlot("Nope" as SlotName)).toThrow(/not declared/);
  });
});
