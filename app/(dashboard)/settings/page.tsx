import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsView } from "@/components/metrics/settings-view";
import { HydrationBoundary } from "@tanstack/react-query";
import { firstPaint } from "@/components/metrics/dashboard-page";
import { CurrencySettings } from "@/components/settings/currency-settings";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireMember("features.edit");
  // the tiers and features lists rendered on the server, under the keys the view refetches with
  const state = await firstPaint({}, me, () => []);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Customer tiers (predicted LTV, monthly price) and feature settings (owner, review threshold, unit of value, value per unit, design estimate); currencies and exchange rates."
      />
      <HydrationBoundary state={state}>
        <SettingsView canEditTiers={can(me.role, "settings.edit")} scope={{ role: me.role, member: { teamName: me.teamName } }} />
      </HydrationBoundary>
      <CurrencySettings canEdit={can(me.role, "settings.edit")} />
    </>
  );
}
