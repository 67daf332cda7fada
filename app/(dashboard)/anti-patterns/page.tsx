import { dashboardPage } from "@/components/metrics/dashboard-page";
import { AntiPatternsView } from "@/components/metrics/anti-patterns-view";

const page = dashboardPage({
  title: "Anti-patterns",
  description:
    "Zombie features, agentic loops, negative unit economics at scale, technology churn, prompt-cache regressions and streaming-abort gaps, each with its evidence.",
  View: AntiPatternsView,
});
export const metadata = page.metadata;
export default page.Page;
