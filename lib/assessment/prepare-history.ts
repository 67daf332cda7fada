/**
 * Prepare, then draw: submitted assessments → chart points (oldest first) and the level
 * distribution of the latest assessment per team. Pure.
 */
import type { Level } from "./score";

export type HistoryInput = { id: string; team: string | null; score: number | null; level: Level | null; submitted_at: string | null };
export type HistoryPoint = { id: string; date: string; label: string; score: number; level: Level };

export function historyPoints(rows: HistoryInput[]): HistoryPoint[] {
  return rows
    .filter(
      (r): r is HistoryInput & { score: number; level: Level; submitted_at: string } =>
        r.score !== null && r.level !== null && r.submitted_at !== null,
    )
    .sort((a, b) => a.submitted_at.localeCompare(b.submitted_at) || a.id.localeCompare(b.id))
    .map((r) => ({ id: r.id, date: r.submitted_at, label: r.submitted_at.slice(0, 10), score: r.score, level: r.level }));
}

export function levelDistribution(latest: HistoryInput[]): { level: Level; count: number; teams: string[] }[] {
  const levels: Level[] = ["crawl", "walk", "run"];
  return levels.map((level) => {
    const teams = latest.filter((r) => r.level === level).map((r) => r.team ?? "Whole organisation");
    return { level, count: teams.length, teams };
  });
}
