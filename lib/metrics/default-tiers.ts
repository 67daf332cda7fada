// Moved to lib/settings/default-tiers.ts (breaks the metrics <-> settings cycle); this re-export
// stays only until lib/metrics/get-freemium-trap.ts (freemium branch) imports from there.
export { DEFAULT_TIERS, FREE_TIER } from "../settings/default-tiers";
