import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { AppError } from "@/lib/core/errors";
import { contractCommitmentCsv, focusCsv, focusMetadata } from "@/lib/chargeback/focus-export";

/** FOCUS 1.3 CSV of a month (`version=1.2` for 1.2); `format=metadata` answers the FOCUS metadata (version and schema). */
export const GET = apiRoute(endpoints["GET /api/v1/exports/focus"], async ({ principal, query }) => {
  const version = query.version;
  if (query.dataset === "contract_commitment") {
    if (version !== "1.3" || query.format !== "csv")
      throw new AppError(
        "bad_request",
        "The ContractCommitment dataset exists from FOCUS 1.3 and only as CSV: use version=1.3&format=csv.",
      );
    return new Response(await contractCommitmentCsv(principal.organizationId, query.month), {
      headers: {
        "content-type": "text/csv; charset=utf-8; focus-version=1.3",
        "x-focus-version": "1.3",
        "content-disposition": `attachment; filename="focus-1.3-contract-commitment-${query.month}.csv"`,
      },
    });
  }
  if (query.format === "metadata") return focusMetadata(version);
  return new Response(await focusCsv(principal.organizationId, query.month, version), {
    headers: {
      "content-type": `text/csv; charset=utf-8; focus-version=${version}`,
      "x-focus-version": version,
      "content-disposition": `attachment; filename="focus-${version}-${query.month}.csv"`,
    },
  });
});
