/**
 * Writes that change a guardrail decision (budgets, policies, kill switch) mark the
 * in-memory snapshot stale so the next check reloads it, wake SDK long-polls, and (on
 * PostgreSQL) NOTIFY the other Spendline processes (pg-notify.ts). Kept free of heavy static
 * dependencies (only the configuration) so that any module can call it without importing the snapshot.
 * It sits below lib/guardrails (with its LISTEN/NOTIFY half, pg-notify.ts): the modules whose
 * writes it announces (billing contracts, budgets, anomaly) are read by the guardrail snapshot,
 * so announcing through lib/guardrails would close an import cycle with each of them.
 */
import { isEmbeddedDatabase } from "../env";
import { runtimeSlot } from "../runtime";

type Listener = (organizationId: string) => void;
const guardrailListenersSlot = runtimeSlot<Set<Listener>>("GuardrailListeners");
const listeners = (guardrailListenersSlot.value ??= new Set());

export function onGuardrailRelevantWrite(organizationId: string): void {
  notifyLocal(organizationId);
  if (!isEmbeddedDatabase()) {
    void import("./pg-notify")
      .then((m) => m.publishGuardrailChange(organizationId))
      .catch((e) => console.error("guardrail NOTIFY failed (other processes see the change with their next refresh):", e));
  }
}

/** This process only ("*": every organisation). */
export function notifyLocal(organizationId: string): void {
  for (const l of listeners) l(organizationId);
}

export function subscribeGuardrailWrites(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
