import { rateAtLeast, tokenEfficiencyRatio } from "./rates";

/**
 * Leaderboard rule (docs/metrics.md "Token efficiency"): highest TER among the groups whose correct rate did not fall
 * versus the previous period of the same length. A group needs a correct rate now (someone
 * judged its outputs) to be ranked: without one we cannot tell quality was kept. A group
 * without a previous correct rate has nothing to fall from, so it is eligible.
 */
export type LeaderboardInput = {
  key: string;
  inputTokens: bigint;
  outputTokens: bigint;
  correctTrue: number;
  correctSet: number;
  prevCorrectTrue: number;
  prevCorrectSet: number;
};

export type LeaderboardEntry = { key: string; ter: number | null; eligible: boolean; reason: string; rank: number | null };

export function leaderboard(rows: readonly LeaderboardInput[]): LeaderboardEntry[] {
  const entries = rows.map((r): LeaderboardEntry => {
    const ter = tokenEfficiencyRatio(r.outputTokens, r.inputTokens);
    let eligible = true;
    let reason = "correct rate held";
    if (ter === null) {
      eligible = false;
      reason = "no input tokens";
    } else if (r.correctSet === 0) {
      eligible = false;
      reason = "no correctness judgements this period";
    } else if (r.prevCorrectSet > 0 && !rateAtLeast(r.correctTrue, r.correctSet, r.prevCorrectTrue, r.prevCorrectSet)) {
      eligible = false;
      reason = "correct rate fell versus the previous period";
    } else if (r.prevCorrectSet === 0) {
      reason = "no previous correct rate";
    }
    return { key: r.key, ter, eligible, reason, rank: null };
  });
  const ranked = entries.filter((e) => e.eligible).sort((a, b) => b.ter! - a.ter! || a.key.localeCompare(b.key));
  ranked.forEach((e, i) => (e.rank = i + 1));
  return entries.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.key.localeCompare(b.key));
}
