/**
 * A Spendline API process for multi-process tests: `tsx --conditions=react-server
 * tests/helpers/route-server-main.ts` with DATABASE_URL and PORT. Prints "listening <url>".
 */
import { startRouteServer } from "./route-server";
import { flushDecisionLog } from "@/lib/guardrails/log-decision";

const s = await startRouteServer(Number(process.env.PORT ?? 0));
console.log(`listening ${s.url}`);
process.on("SIGTERM", async () => {
  await flushDecisionLog();
  await s.close();
  process.exit(0);
});
