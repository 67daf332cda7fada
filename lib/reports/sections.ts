/**
 * The board report's sections, in order: the contents list and the section headings are both
 * numbered from this one list, so they cannot disagree. To add a section, add its entry here
 * (where it belongs in the order), load its data in getBoardReport (its wire form: the document a
 * closed month freezes), read it back in boardReportFromWire (typed), and add its component to
 * SECTION_COMPONENTS (components/reports/sections/index.tsx; the type refuses a missing one).
 */
export const SECTIONS = [
  { id: "s-headline", title: "Headline spend, trend and forecast" },
  { id: "s-teams", title: "Spend by team (chargeback)" },
  { id: "s-changes", title: "What changed and why" },
  { id: "s-cpi", title: "Cost per interaction: top features and review flags" },
  { id: "s-ter", title: "Token efficiency by team" },
  { id: "s-freemium", title: "Freemium trap" },
  { id: "s-ue", title: "Unit economics of the main features" },
  { id: "s-actions", title: "Alerts and guardrail actions" },
  { id: "s-readiness", title: "Readiness level per team" },
  { id: "s-billing", title: "Billing and contracts" },
  { id: "s-agents", title: "Coding agents and shadow AI" },
  { id: "s-opportunities", title: "Savings opportunities" },
  { id: "s-recon", title: "Reconciliation (exact figures) and definitions" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];

/** "7. Unit economics of the main features": the number is the section's place in SECTIONS. */
export function sectionHeading(id: SectionId): string {
  const i = SECTIONS.findIndex((s) => s.id === id);
  return `${i + 1}. ${SECTIONS[i].title}`;
}
