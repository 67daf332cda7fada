import { db } from "../lib/db";
import { getOpportunities } from "../lib/opportunities/get-opportunities";
const org = await db().organization.findFirstOrThrow({ where: { slug: "demo" } });
const t = Date.now();
const r = await getOpportunities(org.id);
console.log(Date.now() - t, "ms");
for (const o of r.opportunities) console.log(o.kind, o.feature, o.monthly_saving_usd, o.current_monthly_cost_usd, o.title, "\n   ", o.basis.join("\n    "));
process.exit(0);
