/**
 * Writes that change a guardrail decision (budgets, policies, kill switch) mark the
 * in-memory snapshot stale so the next check reloads it. Kept dependency-free so that any
 * module can call it without importing the snapshot.
 */
type Listener = (organizationId: string) => void;
const g = globalThis as unknown as { __spendlineGuardrailListeners?: Set<Listener> };
const listeners = (g.__spendlineGuardrailListeners ??= new Set());

export function onGuardrailRelevantWrite(organizationId: string): void {
  for (const l of listeners) l(organizationId);
}

export function subscribeGuardrailWrites(l: Listener): void {
  listeners.add(l);
}
