import { dashboardPage } from "@/components/metrics/dashboard-page";
import { CostPerInteractionView } from "@/components/metrics/cost-per-interaction-view";

const page = dashboardPage({
  title: "Cost per interaction",
  description:
    "Per feature, the distribution of what one interaction (a session) costs, its curve over time, and the features due for an architecture review.",
  View: CostPerInteractionView,
});
export const metadata = page.metadata;
export default page.Page;
