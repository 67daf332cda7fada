import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { currencySettingsToWire } from "@/lib/api/contract/fx";
import { setAccountCurrency } from "@/lib/fx/store";

export const dynamic = "force-dynamic";

/** PUT { currency, provider? }: ADMIN/FINANCE (billing.manage). */
export const PUT = apiRoute(endpoints["PUT /api/v1/settings/currency/accounts/{account}"], async ({ principal, body, params }) =>
  currencySettingsToWire(await setAccountCurrency(principal.organizationId, params.account, body, actorOf(principal))),
);
