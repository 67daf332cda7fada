/**
 * How long after its timestamp a demo event reaches Spendline, as an SDK or OpenTelemetry
 * exporter would send it: a few seconds for most events (median ≈ 3 s), a tail of queued
 * retries up to two minutes, and 1 % from a batch exporter that flushes within ten minutes.
 * Deterministic per event id, so a re-seed gives the same freshness numbers.
 */
export function receiveDelayMs(eventId: string): number {
  let h = 2166136261;
  for (let i = 0; i < eventId.length; i++) h = Math.imul(h ^ eventId.charCodeAt(i), 16777619);
  const u = ((h >>> 0) % 100_000) / 100_000;
  if (u < 0.9) return Math.round(800 + (u / 0.9) * 4_400); // 0.8–5.2 s
  if (u < 0.99) return Math.round(5_000 + ((u - 0.9) / 0.09) * 115_000); // 5 s – 2 min
  return Math.round(60_000 + ((u - 0.99) / 0.01) * 540_000); // 1–10 min
}
