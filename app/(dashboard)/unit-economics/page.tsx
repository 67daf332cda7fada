import { dashboardPage } from "@/components/metrics/dashboard-page";
import { UnitEconomicsView } from "@/components/metrics/unit-economics-view";

const page = dashboardPage({
  title: "Unit economics",
  description: "Per feature: the three cost layers, value per unit, margin, monthly profit, ROI, payback, and the weekly trend.",
  View: UnitEconomicsView,
});
export const metadata = page.metadata;
export default page.Page;
