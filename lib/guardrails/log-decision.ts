import "server-only";
import { db } from "../db";
import type { GuardrailDecision } from "../generated/prisma/client";
import { runtimeSlot } from "../runtime";

/**
 * Non-allow decisions are logged in GuardrailDecision. Checks must stay fast, so entries are
 * buffered and written in batches (at most every FLUSH_MS, or at BATCH entries).
 */
const FLUSH_MS = 500;
const BATCH = 500;

/** A GuardrailDecision row to write; `at` is the time it was logged. */
type Entry = Omit<GuardrailDecision, "id" | "at"> & { at?: Date };

const decisionBufferSlot = runtimeSlot<{ items: Entry[]; timer: NodeJS.Timeout | null }>("DecisionBuffer");
const buf = (decisionBufferSlot.value ??= { items: [], timer: null });

export function logDecision(e: Entry): void {
  buf.items.push({ ...e, at: new Date() });
  if (buf.items.length >= BATCH) void flushDecisionLog();
  else if (!buf.timer) {
    buf.timer = setTimeout(() => void flushDecisionLog(), FLUSH_MS);
    buf.timer.unref?.();
  }
}

export async function flushDecisionLog(): Promise<void> {
  if (buf.timer) clearTimeout(buf.timer);
  buf.timer = null;
  const items = buf.items.splice(0);
  if (!items.length) return;
  try {
    await db().guardrailDecision.createMany({ data: items });
  } catch (e) {
    console.error(`guardrail decision log: ${items.length} entries not written:`, e);
  }
}

export async function listDecisions(organizationId: string, limit = 100) {
  return db().guardrailDecision.findMany({ where: { organizationId }, orderBy: { at: "desc" }, take: limit });
}
