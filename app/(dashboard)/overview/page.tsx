import { dashboardPage } from "@/components/metrics/dashboard-page";
import { metricQuery } from "@/components/metrics/first-paint";
import { OverviewView } from "@/components/metrics/overview-view";

const page = dashboardPage({
  title: "Overview",
  description: "Spend over time by team and feature, top features and models, month-to-date against last month, and how fresh the data is.",
  View: OverviewView,
  // the queries the view issues on mount, answered on the server for the first paint
  queries: ({ params, own }) => [metricQuery("unpriced", params), metricQuery("overview", { ...params, ...own(["stack_by"]) })],
});
export const metadata = page.metadata;
export default page.Page;
