import { dashboardPage } from "@/components/metrics/dashboard-page";
import { metricQuery } from "@/components/metrics/first-paint";
import { FreemiumTrapView } from "@/components/metrics/freemium-trap-view";

const page = dashboardPage({
  title: "Freemium trap",
  description:
    "Free tenants whose first 30 days cost more than the tier's predicted lifetime value, the subsidy ratio, and cheaper models to throttle to.",
  View: FreemiumTrapView,
  // the queries the view issues on mount, answered on the server for the first paint
  queries: ({ params, own }) => [metricQuery("freemium-trap", { ...params, ...own(["as_of"]) })],
});
export const metadata = page.metadata;
export default page.Page;
