import { dashboardPage } from "@/components/metrics/dashboard-page";
import { metricQuery } from "@/components/metrics/first-paint";
import { AntiPatternsView } from "@/components/metrics/anti-patterns-view";

const page = dashboardPage({
  title: "Anti-patterns",
  description:
    "Zombie features, agentic loops, negative unit economics at scale, technology churn, prompt-cache regressions and streaming-abort gaps, each with its evidence.",
  View: AntiPatternsView,
  // the queries the view issues on mount, answered on the server for the first paint
  queries: ({ params }) => [metricQuery("anti-patterns", params)],
});
export const metadata = page.metadata;
export default page.Page;
