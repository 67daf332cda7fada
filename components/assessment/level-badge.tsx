import { LEVELS, type Level } from "@/lib/assessment/score";

export function LevelBadge({ level }: { level: Level }) {
  return <span className={`badge level-${level}`}>{LEVELS[level].label}</span>;
}
