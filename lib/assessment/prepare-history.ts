/**
 * Prepare, then draw: submitted assessments → chart points (oldest first) and the level
 * distribution of the latest assessment per team. Pure.
 */
import type { Level } from "./score";

export type HistoryInput = { id: string; team: string | null; score: number | null; level: Level | null; submitted_at: string | null };
export type HistoryPoint = { id: string; date: string; label: string; score: number; level: Level };

export function historyPoints(rows: HistoryInput[]): HistoryPoint[] {
  return rows
    .filter((r): r is HistoryInput & { score: number; level: Level; submitted_at: string } => r.score !== null && r.level !== null && r.submitted_at !== null)
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

/** CSV with a header row; fields quoted when needed (RFC 4180). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const q = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}
