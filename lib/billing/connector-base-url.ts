/**
 * Where a billing connector may send the provider's admin key. Pure (table-tested in
 * connector-base-url.test.ts).
 *
 * The providers' official API hosts only — unless an administrator of the installation names
 * another base URL (a proxy, a test stub) in SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS. A person
 * with billing.manage in one organisation cannot point the connector (and its key, and its
 * error messages) at an address inside the installation's network. Compared by origin
 * (scheme, host, port): the request paths are the providers' own, so a base path adds nothing.
 */
export const OFFICIAL_BASE = { openai: "https://api.openai.com", anthropic: "https://api.anthropic.com" } as const;
export type ConnectorProvider = keyof typeof OFFICIAL_BASE;

export type BaseUrlCheck =
  | { ok: true; origin: string; /** named by the installation's configuration, not official */ configured: boolean }
  | { ok: false; message: string };

function originOf(text: string): string | null {
  try {
    const u = new URL(text.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/** The origins in SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS (comma or space separated). */
export function allowedConnectorOrigins(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[,\s]+/)
    .map(originOf)
    .filter((o): o is string => o !== null);
}

export function checkConnectorBaseUrl(
  provider: ConnectorProvider,
  baseUrl: string | null | undefined,
  allowed: readonly string[],
): BaseUrlCheck {
  const official = OFFICIAL_BASE[provider];
  if (baseUrl === null || baseUrl === undefined || baseUrl.trim() === "") return { ok: true, origin: official, configured: false };
  const origin = originOf(baseUrl);
  if (origin === null) return { ok: false, message: `base_url "${baseUrl}" is not an http(s) URL: leave it out to use ${official}.` };
  if (origin === official) return { ok: true, origin, configured: false };
  if (allowed.includes(origin)) return { ok: true, origin, configured: true };
  return {
    ok: false,
    message:
      `base_url ${origin} is not allowed: ${provider} connectors talk to ${official} (leave base_url out). ` +
      `An administrator of this Spendline installation can allow another base URL, such as a proxy, with SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS (docs/security.md).`,
  };
}
