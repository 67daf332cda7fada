import { expect, test } from "vitest";
import { layerReport } from "./layer-report";

/**
 * Decision 044's layers, held: the eleven domain cycle pairs of issue 24 (alerts <-> jobs,
 * db <-> jobs, audit <-> auth, chargeback <-> reports, …) were broken by moving the shared piece
 * down or the composing piece up; an import that closes a cycle again fails here and names
 * the imports of every domain pair that now depends both ways.
 */
test("no lib domain imports, directly or through others, a domain that imports it", () => {
  const report = layerReport({ list: true });
  expect(report.pairImports, "domain pairs importing each other (npm run layers -- --list)").toEqual([]);
  expect(report.domainCycleGroups, "domains in an import cycle (npm run layers -- --list)").toEqual([]);
});

test("nothing imports up the layers (lib/<domain> -> lib/api, lib/core -> a domain, …)", () => {
  const report = layerReport({ list: true });
  expect(report.upwardImports).toEqual([]);
});
