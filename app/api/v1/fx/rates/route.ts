import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { rateToWire, ratesToWire } from "@/lib/api/contract/fx";
import { parseRate } from "@/lib/fx/rates";
import { deleteRate, enterRate, listRates } from "@/lib/fx/store";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/fx/rates"], async ({ principal, query }) =>
  ratesToWire(await listRates(principal.organizationId, query)),
);

/** PUT { base, quote, day, rate }: ADMIN/FINANCE session or admin-scoped key. */
export const PUT = apiRoute(endpoints["PUT /api/v1/fx/rates"], async ({ principal, body }) =>
  rateToWire(
    await enterRate(
      principal.organizationId,
      { base: body.base, quote: body.quote, day: body.day, rate: parseRate(body.rate) },
      actorOf(principal),
    ),
  ),
);

/** DELETE ?base=EUR&quote=USD&day=YYYY-MM-DD */
export const DELETE = apiRoute(endpoints["DELETE /api/v1/fx/rates"], async ({ principal, query }) => ({
  id: `${query.base}/${query.quote}/${query.day}`,
  deleted: await deleteRate(principal.organizationId, query, actorOf(principal)),
}));
