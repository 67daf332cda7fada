/**
 * Scoring (docs/metrics.md "Readiness assessment"): score = number of "yes"; 0–4 crawl, 5–8 walk, 9–13 run. Pure.
 */
import { GROUPS, ITEMS, type GroupId, type Item, type ItemId } from "./items";

export type Level = "crawl" | "walk" | "run";
export type Answers = Partial<Record<ItemId, boolean>>;

export const LEVELS: Record<Level, { label: string; range: string; meaning: string; focus: string }> = {
  crawl: {
    label: "Crawl",
    range: "0–4",
    meaning: "Cost is not yet attributed well enough to act on.",
    focus: "Start with visibility. Nothing else is meaningful without it.",
  },
  walk: {
    label: "Walk",
    range: "5–8",
    meaning: "Costs are visible; the next gains come from knowing what each unit of value costs and earns.",
    focus: "Focus on unit economics and model optimisation.",
  },
  run: {
    label: "Run",
    range: "9–13",
    meaning: "Cost is managed as real-time COGS.",
    focus:
      "Focus on governance automation and agentic FinOps patterns: policies generated for human review, budgets per feature, zombie retirement.",
  },
};

export function scoreAnswers(answers: Answers): number {
  return ITEMS.reduce((n, item) => n + (answers[item.id] === true ? 1 : 0), 0);
}

export function levelFor(score: number): Level {
  if (!Number.isInteger(score) || score < 0 || score > ITEMS.length) throw new RangeError(`score out of range: ${score}`);
  if (score <= 4) return "crawl";
  if (score <= 8) return "walk";
  return "run";
}

/** Which groups a level should work on first (the field's order). */
const PRIORITY: Record<Level, GroupId[]> = {
  crawl: ["visibility", "unit", "optimize", "govern"],
  walk: ["unit", "optimize", "visibility", "govern"],
  run: ["govern", "optimize", "unit", "visibility"],
};

export type GroupResult = { group: GroupId; label: string; yes: number; total: number; gaps: Item[] };

/** Per group: how many yes, and the gaps with their next steps, in the level's priority order. */
export function nextSteps(answers: Answers): { score: number; level: Level; groups: GroupResult[] } {
  const score = scoreAnswers(answers);
  const level = levelFor(score);
  const groups = PRIORITY[level].map((g) => {
    const items = ITEMS.filter((i) => i.group === g);
    return {
      group: g,
      label: GROUPS.find((x) => x.id === g)!.label,
      yes: items.filter((i) => answers[i.id] === true).length,
      total: items.length,
      gaps: items.filter((i) => answers[i.id] !== true),
    };
  });
  return { score, level, groups };
}
