import "server-only";
import { AppError } from "../core/errors";
import { allowedConnectorOrigins } from "../billing/connector-base-url";
import { env } from "../env";
import { OutboundError, safeFetch } from "../net/safe-fetch";

/**
 * The one outbound call of the coding-agent connectors, through the outbound guard (lib/net) and
 * the billing connectors' rule for where a provider key may go (SPEC "Security model",
 * docs/security.md "Outbound requests and uploads"):
 *  - only the providers' official API origins, unless an administrator of the installation names
 *    another base URL in SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS (a proxy, a test stub);
 *  - the address is checked and pinned by the guard; redirects are never followed (a redirect
 *    would carry the credentials elsewhere): a 3xx is an error;
 *  - a provider's error body is never echoed into our messages, logs or answers: only its status;
 *  - bounded in time (30 s) and size (20 MiB).
 */
export const OFFICIAL_HOSTS = { claude_code: "api.anthropic.com", cursor: "api.cursor.com", copilot: "api.github.com" } as const;
export type AgentProvider = keyof typeof OFFICIAL_HOSTS;

const MAX_BYTES = 20 * 1024 * 1024;

export class AgentFetchError extends Error {}

export type AgentFetchOptions = { provider: AgentProvider };

const officialOrigin = (p: AgentProvider) => `https://${OFFICIAL_HOSTS[p]}`;
const configuredOrigins = () => allowedConnectorOrigins(env().SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS);

/** The base URL a connector is saved with: the official one, or one the installation allows (400 otherwise). */
export function agentConnectorBaseUrl(provider: AgentProvider, baseUrl: string | undefined): string {
  if (baseUrl === undefined || baseUrl.trim() === "") return officialOrigin(provider);
  let origin: string;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    throw new AppError("validation_failed", `base_url "${baseUrl}" is not a URL: leave it out to use ${officialOrigin(provider)}.`);
  }
  if (origin === officialOrigin(provider) || configuredOrigins().includes(origin)) return origin;
  const message =
    `base_url ${origin} is not allowed: ${provider} connectors talk to ${officialOrigin(provider)} (leave base_url out). ` +
    `An administrator of this Spendline installation can allow another base URL with SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS (docs/security.md).`;
  throw new AppError("validation_failed", message, [{ path: "base_url", message }]);
}

export async function agentFetch(
  url: URL,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  o: AgentFetchOptions,
): Promise<{ json: unknown; headers: Headers }> {
  const configured = configuredOrigins().includes(url.origin);
  if (url.origin !== officialOrigin(o.provider) && !configured)
    throw new AgentFetchError(`${url.host} is not the ${o.provider} API host (${OFFICIAL_HOSTS[o.provider]})`);
  let res: Response;
  try {
    res = await safeFetch(url, init, {
      purpose: `${o.provider} connector`,
      trustedOrigin: configured,
      timeoutMs: 30_000,
      maxResponseBytes: MAX_BYTES,
    });
  } catch (e) {
    if (!(e instanceof OutboundError)) throw e;
    console.warn(`[coding-agents] ${o.provider} ${url.host}: ${e.detail}`); // the cause, for the operator only
    throw new AgentFetchError(e.message);
  }
  if (res.status >= 300 && res.status < 400)
    throw new AgentFetchError(`${o.provider} answered a redirect (${res.status}); redirects are not followed with credentials`);
  if (!res.ok) {
    const hint =
      res.status === 401 || res.status === 403
        ? " (check the key and its permission)"
        : res.status === 429
          ? " (rate limited; the next daily run retries)"
          : "";
    throw new AgentFetchError(`${o.provider} ${url.pathname} answered ${res.status}${hint}`);
  }
  try {
    return { json: JSON.parse(await res.text()), headers: res.headers };
  } catch {
    throw new AgentFetchError(`${o.provider} ${url.pathname}: the answer is not JSON`);
  }
}
