import { dashboardPage } from "@/components/metrics/dashboard-page";
import { metricQuery } from "@/components/metrics/first-paint";
import { CostPerInteractionView } from "@/components/metrics/cost-per-interaction-view";

const page = dashboardPage({
  title: "Cost per interaction",
  description:
    "Per feature, the distribution of what one interaction (a session) costs, its curve over time, and the features due for an architecture review.",
  View: CostPerInteractionView,
  // the queries the view issues on mount, answered on the server for the first paint
  queries: ({ params }) => [metricQuery("cost-per-interaction", { ...params, group_by: "feature" }), metricQuery("unpriced", params)],
});
export const metadata = page.metadata;
export default page.Page;
