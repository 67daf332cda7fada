import type { SectionId } from "@/lib/reports/sections";
import { sectionHeading } from "@/lib/reports/sections";
import { ActionsSection } from "./actions";
import { BillingContractsSection } from "./billing-contracts";
import { ChangesSection } from "./changes";
import { CodingAgentsSection } from "./coding-agents";
import { CostPerInteractionSection } from "./cost-per-interaction";
import { FreemiumSection } from "./freemium";
import { HeadlineSection } from "./headline";
import { OpportunitiesSection } from "./opportunities";
import { ReadinessSection } from "./readiness";
import { ReconciliationSection } from "./reconciliation";
import { TeamsSection } from "./teams";
import { TokenEfficiencySection } from "./token-efficiency";
import { UnitEconomicsSection } from "./unit-economics";
import type { SectionProps } from "./view";

/**
 * The component of each section of lib/reports/sections.ts SECTIONS (the type refuses a section
 * without one). The document renders them in SECTIONS order; each reads only the report it is
 * given (all data through getBoardReport).
 */
export const SECTION_COMPONENTS: Record<SectionId, (p: SectionProps) => React.ReactNode> = {
  "s-headline": HeadlineSection,
  "s-teams": TeamsSection,
  "s-changes": ChangesSection,
  "s-cpi": CostPerInteractionSection,
  "s-ter": TokenEfficiencySection,
  "s-freemium": FreemiumSection,
  "s-ue": UnitEconomicsSection,
  "s-actions": ActionsSection,
  "s-readiness": ReadinessSection,
  "s-billing": ({ r, v }) => (
    <BillingContractsSection s={r.billing} title={sectionHeading("s-billing")} trueUp={v.cb?.trueUpPico} m={v.m} />
  ),
  "s-agents": ({ r, v }) => (
    <CodingAgentsSection agents={r.codingAgents} shadow={r.shadowAi} title={sectionHeading("s-agents")} month={r.month} m={v.m} />
  ),
  "s-opportunities": ({ r, v }) => <OpportunitiesSection s={r.opportunities} title={sectionHeading("s-opportunities")} m={v.m} />,
  "s-recon": ReconciliationSection,
};
