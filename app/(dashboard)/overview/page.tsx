import { dashboardPage } from "@/components/metrics/dashboard-page";
import { OverviewView } from "@/components/metrics/overview-view";

const page = dashboardPage({
  title: "Overview",
  description: "Spend over time by team and feature, top features and models, month-to-date against last month, and how fresh the data is.",
  View: OverviewView,
});
export const metadata = page.metadata;
export default page.Page;
