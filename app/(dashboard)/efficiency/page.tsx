import { dashboardPage } from "@/components/metrics/dashboard-page";
import { metricQuery } from "@/components/metrics/first-paint";
import { EfficiencyView } from "@/components/metrics/efficiency-view";

const page = dashboardPage({
  title: "Efficiency",
  description:
    "Token efficiency (output ÷ input tokens) beside success and correct rates, the leaderboard, cost per correct output and per resolved task.",
  View: EfficiencyView,
  // the queries the view issues on mount, answered on the server for the first paint
  queries: ({ params, own }) => [
    metricQuery("token-efficiency", { ...params, group_by: own(["group_by"]).group_by === "team" ? "team" : "feature" }),
  ],
});
export const metadata = page.metadata;
export default page.Page;
