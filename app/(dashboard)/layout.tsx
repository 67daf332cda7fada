import { requireMember } from "@/lib/auth/page-guard";
import { navFor, ROLE_LABEL } from "@/lib/auth/roles";
import { SideNav } from "@/components/side-nav";
import { Providers } from "@/components/providers";
import { filterDefaultsOf } from "@/components/filters/url-params";
import { organizationsOf } from "@/lib/auth/session";
import { switchOrganization } from "./switch-organization";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const orgs = await organizationsOf(member.userId);
  const items = navFor(member.role).map(({ href, label, group }) => ({ href, label, group }));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SideNav
        items={items}
        orgName={member.orgName}
        who={member.name ?? member.email}
        role={ROLE_LABEL[member.role]}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name }))}
        activeOrgId={member.organizationId}
        switchOrganization={switchOrganization}
      />
      <main className="main" id="main" tabIndex={-1}>
        <Providers defaults={filterDefaultsOf(member)}>{children}</Providers>
      </main>
    </div>
  );
}
