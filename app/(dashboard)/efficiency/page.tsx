import { dashboardPage } from "@/components/metrics/dashboard-page";
import { EfficiencyView } from "@/components/metrics/efficiency-view";

const page = dashboardPage({
  title: "Efficiency",
  description:
    "Token efficiency (output ÷ input tokens) beside success and correct rates, the leaderboard, cost per correct output and per resolved task.",
  View: EfficiencyView,
});
export const metadata = page.metadata;
export default page.Page;
