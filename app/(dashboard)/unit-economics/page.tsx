import { dashboardPage } from "@/components/metrics/dashboard-page";
import { metricQuery } from "@/components/metrics/first-paint";
import { UnitEconomicsView } from "@/components/metrics/unit-economics-view";

const page = dashboardPage({
  title: "Unit economics",
  description: "Per feature: the three cost layers, value per unit, margin, monthly profit, ROI, payback, and the weekly trend.",
  View: UnitEconomicsView,
  // the queries the view issues on mount, answered on the server for the first paint
  queries: ({ params }) => [metricQuery("unpriced", params), metricQuery("unit-economics", params)],
});
export const metadata = page.metadata;
export default page.Page;
