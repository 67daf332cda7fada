import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { currencySettingsToWire } from "@/lib/api/contract/fx";
import { readCurrencySettings, setReportingCurrency } from "@/lib/fx/store";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/settings/currency"], async ({ principal }) =>
  currencySettingsToWire(await readCurrencySettings(principal.organizationId)),
);

/** PUT { reporting_currency }: ADMIN/FINANCE session or admin-scoped key. */
export const PUT = apiRoute(endpoints["PUT /api/v1/settings/currency"], async ({ principal, body }) =>
  currencySettingsToWire(await setReportingCurrency(principal.organizationId, body.reporting_currency, actorOf(principal))),
);
