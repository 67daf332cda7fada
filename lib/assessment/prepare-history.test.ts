import { expect, test } from "vitest";
import { historyPoints, levelDistribution } from "./prepare-history";

test("history points: submitted only, oldest first", () => {
  const pts = historyPoints([
    { id: "b", team: "t", score: 9, level: "run", submitted_at: "2026-03-01T00:00:00Z" },
    { id: "d", team: "t", score: null, level: null, submitted_at: null },
    { id: "a", team: "t", score: 3, level: "crawl", submitted_at: "2025-12-01T00:00:00Z" },
  ]);
  expect(pts.map((p) => [p.id, p.label, p.score])).toEqual([
    ["a", "2025-12-01", 3],
    ["b", "2026-03-01", 9],
  ]);
});

test("level distribution counts every level, zero included", () => {
  const d = levelDistribution([
    { id: "1", team: "a", score: 2, level: "crawl", submitted_at: "x" },
    { id: "2", team: null, score: 6, level: "walk", submitted_at: "x" },
    { id: "3", team: "c", score: 1, level: "crawl", submitted_at: "x" },
  ]);
  expect(d).toEqual([
    { level: "crawl", count: 2, teams: ["a", "c"] },
    { level: "walk", count: 1, teams: ["Whole organisation"] },
    { level: "run", count: 0, teams: [] },
  ]);
});

test("csv quotes commas and quotes", () => {});
