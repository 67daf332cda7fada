import { resetEnvCache } from "../../lib/env";

/**
 * The outbound guard (lib/net) refuses loopback by default, and test stubs listen on loopback:
 * a test that delivers to a stub opens the local network explicitly, as an installation would
 * with SPENDLINE_ALLOW_PRIVATE_NETWORK=1, and closes it again (`setOutbound({})`).
 */
export function setOutbound(vars: {
  SPENDLINE_ALLOW_PRIVATE_NETWORK?: "0" | "1";
  SPENDLINE_OUTBOUND_ALLOWLIST?: string;
  SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS?: string;
}): void {
  for (const k of ["SPENDLINE_ALLOW_PRIVATE_NETWORK", "SPENDLINE_OUTBOUND_ALLOWLIST", "SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS"] as const) {
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  resetEnvCache();
}
