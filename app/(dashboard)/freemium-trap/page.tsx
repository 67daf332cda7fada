import { dashboardPage } from "@/components/metrics/dashboard-page";
import { FreemiumTrapView } from "@/components/metrics/freemium-trap-view";

const page = dashboardPage({
  title: "Freemium trap",
  description:
    "Free tenants whose first 30 days cost more than the tier's predicted lifetime value, the subsidy ratio, and cheaper models to throttle to.",
  View: FreemiumTrapView,
});
export const metadata = page.metadata;
export default page.Page;
