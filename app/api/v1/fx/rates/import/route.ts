import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { decodeUtf8 } from "@/lib/core/body";
import { rateImportToWire } from "@/lib/api/contract/fx";
import { importRates } from "@/lib/fx/store";

export const dynamic = "force-dynamic";

/** POST the rate file as the body (?base=EUR for a plain CSV without a base column, ?only=USD,GBP to keep some). */
export const POST = apiRoute(endpoints["POST /api/v1/fx/rates/import"], async ({ readBody, principal, query }) => {
  const text = decodeUtf8(await readBody());
  return rateImportToWire(await importRates(principal.organizationId, { text, base: query.base, only: query.only }, actorOf(principal)));
});
