import { can, scopeAllows, type Capability, type Role } from "../auth/roles";

/**
 * Alerts follow the permissions of what they are about: an invoice-gap (reconciliation) alert is
 * about the provider's invoice, which only those who may read billing see. Pure.
 */
const SUBJECT_CAPABILITY: Record<string, Capability> = {
  reconciliation: "billing.read",
};

export type AlertReader = { role?: Role; apiKeyId?: string; scopes?: string[] };

export function mayReadAlertKind(reader: AlertReader, kind: string): boolean {
  const need = SUBJECT_CAPABILITY[kind];
  if (!need) return true;
  if (reader.apiKeyId) return scopeAllows(reader.scopes ?? [], need);
  return reader.role ? can(reader.role, need) : false;
}

/** The alert kinds this reader may not see (for a `kind NOT IN (…)` filter). */
export function hiddenAlertKinds(reader: AlertReader): string[] {
  return Object.keys(SUBJECT_CAPABILITY).filter((k) => !mayReadAlertKind(reader, k));
}
