/** Picodollars (1e-12 USD) as bigint: the SDK never holds money in a binary float. */
const SCALE = 12;

/** "0.010000000000" → 10_000_000_000n; anything unreadable → null. */
export function parseUsd(v: unknown): bigint | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(v).trim());
  if (!m) return null;
  const frac = (m[2] ?? "").slice(0, SCALE).padEnd(SCALE, "0");
  return BigInt(m[1]) * 10n ** BigInt(SCALE) + BigInt(frac);
}

export function formatUsd(p: bigint): string {
  const neg = p < 0n;
  const a = neg ? -p : p;
  const one = 10n ** BigInt(SCALE);
  return `${neg ? "-" : ""}${a / one}.${(a % one).toString().padStart(SCALE, "0")}`;
}
