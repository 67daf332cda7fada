/**
 * Roles and what they may do: one table, read by the route wrapper, the pages and the nav.
 * Pure: no Next, no Prisma.
 */
export const ROLES = ["ADMIN", "FINANCE", "ENGINEERING_LEAD", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["ingest", "read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: "Admin",
  FINANCE: "Finance",
  ENGINEERING_LEAD: "Engineering lead",
  VIEWER: "Viewer",
};

/** Capabilities. A capability lists the roles that hold it. */
export const CAPABILITIES = {
  "dashboards.read": ["ADMIN", "FINANCE", "ENGINEERING_LEAD", "VIEWER"],
  "members.manage": ["ADMIN"],
  "apikeys.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "retention.manage": ["ADMIN"],
  "pricebook.read": ["ADMIN", "FINANCE"],
  "pricebook.edit": ["ADMIN"],
  "settings.edit": ["ADMIN", "FINANCE"],
  "features.edit": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "costs.manage": ["ADMIN", "FINANCE"],
  // a lead sets their own team's budgets only (team scope, or features the team owns): lib/budgets/budget-scope.ts
  "budgets.manage": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  // where alerts are delivered (signed webhooks): who holds it may change independently of budgets
  "webhooks.manage": ["ADMIN", "FINANCE"],
  "chargeback.close": ["ADMIN", "FINANCE"],
  // reopening a closed month restates what finance reported: an admin action, with a reason (decision 037)
  "chargeback.reopen": ["ADMIN"],
  // provider invoices, reconciliation, true-up and contracts (lib/billing)
  "billing.read": ["ADMIN", "FINANCE"],
  "billing.manage": ["ADMIN", "FINANCE"],
  "alerts.manage": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "guardrails.manage": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "assessment.submit": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "assessment.submit_any_team": ["ADMIN", "FINANCE"],
  "events.upload": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "reports.export": ["ADMIN", "FINANCE"],
  // POST /api/v1/guardrails/check: applications with an ingest or read key (or admin)
  "guardrails.check": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  // register / close batch jobs (decision 056): applications with an ingest key, like events
  "batches.submit": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  // savings opportunities become policy drafts; a lead of the owning team or an admin decides
  "drafts.create": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "drafts.decide": ["ADMIN", "ENGINEERING_LEAD"],
  // coding agents (lib/coding-agents): leads read their own team's people only (enforced in the query)
  "agents.read": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  "agents.manage": ["ADMIN", "FINANCE"],
  // CI runs and PRs posted by CI (an ingest key) or uploaded by a person
  "agents.outcomes": ["ADMIN", "FINANCE", "ENGINEERING_LEAD"],
  // shadow AI (lib/shadow-ai): expense lines name people, so finance and admins only
  "shadow_ai.read": ["ADMIN", "FINANCE"],
  "shadow_ai.manage": ["ADMIN", "FINANCE"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/**
 * What an API key scope stands for: `read` reads dashboards, `ingest` writes events,
 * `admin` holds the capabilities an ADMIN or FINANCE member would need through the API.
 */
export function scopeAllows(scopes: readonly string[], capability: Capability | "events.ingest"): boolean {
  if (capability === "events.ingest") return scopes.includes("ingest");
  if (capability === "dashboards.read") return scopes.includes("read") || scopes.includes("admin");
  if (capability === "guardrails.check") return scopes.includes("ingest") || scopes.includes("read") || scopes.includes("admin");
  // a draft changes nothing until a person approves it: assistants with a read key may propose
  if (capability === "drafts.create") return scopes.includes("read") || scopes.includes("admin");
  // CI posts its runs with the same kind of key as events
  if (capability === "agents.outcomes") return scopes.includes("ingest") || scopes.includes("admin");
  if (capability === "batches.submit") return scopes.includes("ingest") || scopes.includes("admin");
  return scopes.includes("admin");
}

export type NavItem = { href: string; label: string; group: "Analyse" | "Act" | "Data" | "Admin"; capability: Capability };

export const NAV: NavItem[] = [
  { href: "/overview", label: "Overview", group: "Analyse", capability: "dashboards.read" },
  { href: "/cost-per-interaction", label: "Cost per interaction", group: "Analyse", capability: "dashboards.read" },
  { href: "/efficiency", label: "Efficiency", group: "Analyse", capability: "dashboards.read" },
  { href: "/freemium-trap", label: "Freemium trap", group: "Analyse", capability: "dashboards.read" },
  { href: "/unit-economics", label: "Unit economics", group: "Analyse", capability: "dashboards.read" },
  { href: "/anti-patterns", label: "Anti-patterns", group: "Analyse", capability: "dashboards.read" },
  { href: "/opportunities", label: "Opportunities", group: "Act", capability: "dashboards.read" },
  { href: "/chargeback", label: "Chargeback", group: "Act", capability: "dashboards.read" },
  { href: "/billing", label: "Invoices & contracts", group: "Act", capability: "billing.read" },
  { href: "/coding-agents", label: "Coding agents", group: "Act", capability: "agents.read" },
  { href: "/shadow-ai", label: "Shadow AI", group: "Act", capability: "shadow_ai.read" },
  { href: "/budgets", label: "Budgets & alerts", group: "Act", capability: "dashboards.read" },
  { href: "/costs", label: "Shared costs", group: "Act", capability: "dashboards.read" },
  { href: "/assessment", label: "Assessment", group: "Act", capability: "dashboards.read" },
  { href: "/reports", label: "Board report", group: "Act", capability: "reports.export" },
  { href: "/events", label: "Events", group: "Data", capability: "dashboards.read" },
  { href: "/price-book", label: "Price book", group: "Data", capability: "pricebook.read" },
  { href: "/settings", label: "Settings", group: "Data", capability: "features.edit" },
  { href: "/admin/members", label: "Members", group: "Admin", capability: "members.manage" },
  { href: "/admin/api-keys", label: "API keys", group: "Admin", capability: "apikeys.manage" },
  { href: "/admin/audit-log", label: "Audit log", group: "Admin", capability: "audit.read" },
  { href: "/admin/data-retention", label: "Data retention", group: "Admin", capability: "retention.manage" },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => can(role, item.capability));
}
