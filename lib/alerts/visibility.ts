import { can, scopeAllows, type Capability, type Role } from "../auth/roles";

/**
 * Alerts follow the permissions of what they are about: an invoice-gap (reconciliation) alert is
 * about the provider's invoice, which only those who may read billing see. Pure.
 */
const SUBJECT_CAPABILITY: Record<string, Capability> = {
  reconciliation: "billing.read",
};

export type AlertReader = { role?: Role; apiKeyId?: string; scopes?: string[]; member?: { teamName: string | null } | null };

/**
 * Who may acknowledge, resolve or reopen an alert: an engineering lead acts on their own team's
 * alerts and on alerts that name no team (decision 028's line for features, applied to alerts);
 * other roles with alerts.manage and API keys with the scope act on any. A refusal says why.
 */
export function alertActionRefusal(actor: AlertReader, alertTeam: string | null): string | null {
  if (actor.apiKeyId || actor.role !== "ENGINEERING_LEAD" || alertTeam === null) return null;
  const own = actor.member?.teamName ?? null;
  if (own === alertTeam) return null;
  return `This alert is about team ${alertTeam}: an engineering lead acknowledges and resolves their own team's${own ? ` (${own})` : ""} alerts only.`;
}

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
