/**
 * The one outbound call of the coding-agent connectors. At merge the coordinator switches its body
 * to the outbound guard of lib/net (branch `outbound`); until then it applies the same rules
 * itself (SPEC "Security model"):
 *  - only the providers' official hosts, unless the caller passes hosts the installation allows
 *    (tests: loopback stubs);
 *  - redirects are never followed (a redirect would carry the credentials elsewhere): a 3xx is an error;
 *  - a provider's error body is never echoed into our messages, logs or answers: only its status;
 *  - bounded in time (30 s) and size (20 MiB).
 */
export const OFFICIAL_HOSTS = { claude_code: "api.anthropic.com", cursor: "api.cursor.com", copilot: "api.github.com" } as const;
export type AgentProvider = keyof typeof OFFICIAL_HOSTS;

const MAX_BYTES = 20 * 1024 * 1024;

export class AgentFetchError extends Error {}

export type AgentFetchOptions = {
  provider: AgentProvider;
  /** hosts (hostname) allowed besides the official one; empty in production unless configured */
  allowHosts?: readonly string[];
  fetchImpl?: typeof fetch;
};

export async function agentFetch(url: URL, init: RequestInit, o: AgentFetchOptions): Promise<{ json: unknown; headers: Headers }> {
  const allowed = url.hostname === OFFICIAL_HOSTS[o.provider] || (o.allowHosts ?? []).includes(url.hostname);
  if (!allowed) throw new AgentFetchError(`${url.hostname} is not the ${o.provider} API host (${OFFICIAL_HOSTS[o.provider]})`);
  if (url.protocol !== "https:" && !(o.allowHosts ?? []).includes(url.hostname))
    throw new AgentFetchError("the provider API must be reached over https");
  const res = await (o.fetchImpl ?? fetch)(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new AgentFetchError(`${o.provider} answered a redirect (${res.status}); redirects are not followed with credentials`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    const hint =
      res.status === 401 || res.status === 403
        ? " (check the key and its permission)"
        : res.status === 429
          ? " (rate limited; the next daily run retries)"
          : "";
    throw new AgentFetchError(`${o.provider} ${url.pathname} answered ${res.status}${hint}`);
  }
  const buf = await res.arrayBuffer();
  if (buf.byteLength > MAX_BYTES) throw new AgentFetchError(`${o.provider} ${url.pathname}: answer larger than 20 MiB`);
  try {
    return { json: JSON.parse(new TextDecoder().decode(buf)), headers: res.headers };
  } catch {
    throw new AgentFetchError(`${o.provider} ${url.pathname}: the answer is not JSON`);
  }
}
