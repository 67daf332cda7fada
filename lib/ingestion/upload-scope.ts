/**
 * Which rows of an events upload a person may add. Pure (upload-scope.test.ts).
 *
 * Events carry money: an uploaded row is charged to its team (and to its feature's owner team
 * in the chargeback), counts against their budgets and can trip their guardrails. So an upload
 * is limited to what the uploader may own — the same line as decision 028 for feature settings:
 * ADMIN and FINANCE upload for any team; an ENGINEERING_LEAD uploads rows only for their own team
 * (the row's `team` must be it) and only for features that are theirs or have no owner team yet.
 * Rows outside are rejected one by one with the reason; the other rows are kept.
 * API keys (POST /api/v1/events, OTLP) are trusted by design: an admin issued the key to an
 * application, and the application attributes its own events.
 */
import type { Role } from "../auth/roles";

export type Uploader = { role?: Role; member?: { teamName: string | null } };

/** The reason a row is refused for this uploader, or null. `ownerTeamOf`: feature name → owner team (absent: no such feature yet). */
export function uploadRowRefusal(
  uploader: Uploader,
  row: Record<string, unknown>,
  ownerTeamOf: ReadonlyMap<string, string | null>,
): string | null {
  if (uploader.role !== "ENGINEERING_LEAD") return null;
  const own = uploader.member?.teamName ?? null;
  if (own === null)
    return "team: you have no team on your membership, so you cannot upload events: ask an admin to set it (Admin → Members).";
  const team = typeof row.team === "string" ? row.team.trim() : "";
  if (team === "") return `team: missing — an engineering lead uploads rows for their own team only: set team to ${own}.`;
  if (team !== own)
    return `team: ${team} is not your team — an engineering lead uploads rows for their own team (${own}) only; finance or an admin uploads other teams' costs.`;
  const feature = typeof row.feature === "string" ? row.feature.trim() : "";
  const owner = ownerTeamOf.get(feature) ?? null;
  if (owner !== null && owner !== own)
    return `feature: “${feature}” belongs to team ${owner} — an engineering lead uploads rows for their own team's (${own}) features only.`;
  return null;
}
