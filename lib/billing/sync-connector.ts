import "server-only";
import { db } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { authSecret, env } from "../env";
import { writeAudit } from "../audit/write-audit";
import { OutboundError, safeFetch } from "../net/safe-fetch";
import { importBillingFile, type ImportResult } from "./import-billing";
import { keyHint, openSecret, sealSecret } from "./secret-box";
import type { BillingSource } from "./parse-billing-file";
import { allowedConnectorOrigins, checkConnectorBaseUrl, OFFICIAL_BASE, type BaseUrlCheck } from "./connector-base-url";
import { DAY_MS } from "../time";

/**
 * The daily connector: pulls the provider's admin API for the previous and the current month
 * (providers restate recent days; re-importing is idempotent) and imports what it gets.
 * Endpoints and parameters as the providers document them (docs/decisions/020-billing-import.md):
 *  - OpenAI: GET /v1/organization/costs?start_time&end_time&bucket_width=1d&group_by=line_item&limit=31
 *    and GET /v1/organization/usage/completions?…&group_by=model, `Authorization: Bearer <admin key>`,
 *    pages chained by `page=<next_page>` while `has_more`;
 *  - Anthropic: GET /v1/organizations/cost_report?starting_at&ending_at&group_by[]=description
 *    and GET /v1/organizations/usage_report/messages?…&bucket_width=1d&group_by[]=model, headers
 *    `x-api-key: <admin key>` and `anthropic-version: 2023-06-01`, same pagination.
 *
 * Outbound safety (docs/security.md): the key goes to the provider's official host, or to a base
 * URL an installation administrator allowed (connector-base-url.ts) — checked when the connector
 * is saved and again at every sync; requests go through the outbound guard (lib/net), which
 * never follows a redirect; errors name the status and what to check, never the answer's body.
 * Every sync is audited (who or what triggered it, the host, the outcome).
 */
export const DEFAULT_BASE = OFFICIAL_BASE;
const MAX_PAGES = 50;

/** What started a sync, for the audit entry: the daily schedule or a person/key pressing "sync now". */
export type SyncTrigger = { actor: Actor; trigger: "schedule" | "manual" };
const SCHEDULE: SyncTrigger = { actor: { userId: null, apiKeyId: null }, trigger: "schedule" };

function baseUrlCheck(provider: "openai" | "anthropic", baseUrl: string | null | undefined): BaseUrlCheck {
  return checkConnectorBaseUrl(provider, baseUrl, allowedConnectorOrigins(env().SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS));
}

/** Errors a sync records and answers: our words only (status, what to check), never the body. */
class ConnectorError extends Error {}

function statusHint(status: number): string {
  if (status === 401 || status === 403) return " (check the admin key)";
  if (status >= 300 && status < 400)
    return " (a redirect: Spendline does not follow redirects with the admin key; set the base URL to the address it points to)";
  if (status === 404) return " (check the base URL)";
  if (status === 429) return " (rate limited: the next daily run retries)";
  if (status >= 500) return " (the provider's API failed: the next daily run retries)";
  return "";
}

function plan(
  provider: "openai" | "anthropic",
  from: Date,
  to: Date,
): { source: BillingSource; path: string; params: [string, string][] }[] {
  if (provider === "openai") {
    const t = [
      ["start_time", String(from.getTime() / 1000)],
      ["end_time", String(to.getTime() / 1000)],
      ["bucket_width", "1d"],
      ["limit", "31"],
    ] as [string, string][];
    return [
      { source: "openai_costs", path: "/v1/organization/costs", params: [...t, ["group_by", "line_item"]] },
      { source: "openai_usage", path: "/v1/organization/usage/completions", params: [...t, ["group_by", "model"]] },
    ];
  }
  const t = [
    ["starting_at", from.toISOString()],
    ["ending_at", to.toISOString()],
    ["limit", "31"],
  ] as [string, string][];
  return [
    { source: "anthropic_cost_report", path: "/v1/organizations/cost_report", params: [...t, ["group_by[]", "description"]] },
    {
      source: "anthropic_usage",
      path: "/v1/organizations/usage_report/messages",
      params: [...t, ["bucket_width", "1d"], ["group_by[]", "model"]],
    },
  ];
}

async function pull(
  base: { origin: string; configured: boolean },
  provider: "openai" | "anthropic",
  key: string,
  path: string,
  params: [string, string][],
): Promise<unknown[]> {
  const pages: unknown[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const url = new URL(path, base.origin);
    for (const [k, v] of params) url.searchParams.append(k, v);
    if (cursor) url.searchParams.set("page", cursor);
    const headers: Record<string, string> =
      provider === "openai" ? { authorization: `Bearer ${key}` } : { "x-api-key": key, "anthropic-version": "2023-06-01" };
    let res: Response;
    try {
      res = await safeFetch(
        url,
        { headers },
        { purpose: `${provider} connector`, trustedOrigin: base.configured, timeoutMs: 30_000, maxResponseBytes: 32 * 1024 * 1024 },
      );
    } catch (e) {
      if (e instanceof OutboundError) throw new ConnectorError(e.message);
      throw e;
    }
    if (!res.ok) throw new ConnectorError(`${provider} ${path} answered HTTP ${res.status}${statusHint(res.status)}.`);
    let page: { has_more?: boolean; next_page?: string | null };
    try {
      page = (await res.json()) as typeof page;
    } catch {
      throw new ConnectorError(`${provider} ${path} did not answer JSON (check the base URL).`);
    }
    pages.push(page);
    if (!page.has_more || !page.next_page) return pages;
    cursor = page.next_page;
  }
  throw new ConnectorError(`${provider} ${path}: more than ${MAX_PAGES} pages; narrow the window`);
}

/** Stores (or replaces) the account's admin key, encrypted, and where to reach the API. */
export async function configureConnector(
  organizationId: string,
  input: { account: string; provider: "openai" | "anthropic"; adminKey: string; baseUrl?: string },
  actor: Actor,
) {
  const existing = await db().billingAccount.findUnique({ where: { organizationId_name: { organizationId, name: input.account } } });
  if (existing && existing.provider !== input.provider)
    throw new AppError("conflict", `Account "${input.account}" holds ${existing.provider} billing.`);
  const base = baseUrlCheck(input.provider, input.baseUrl);
  if (!base.ok) throw new AppError("validation_failed", base.message, [{ path: "base_url", message: base.message }]);
  const data = {
    connectorUrl: base.origin,
    encryptedKey: sealSecret(input.adminKey, authSecret()),
    keyHint: keyHint(input.adminKey),
    lastSyncError: null,
  };
  const acc = existing
    ? await db().billingAccount.update({ where: { organizationId_id: { organizationId: organizationId, id: existing.id } }, data })
    : await db().billingAccount.create({ data: { organizationId, name: input.account, provider: input.provider, ...data } });
  await writeAudit({
    organizationId,
    actor,
    action: "billing.connector.configure",
    targetType: "billing_account",
    targetId: acc.id,
    after: { account: acc.name, provider: acc.provider, url: acc.connectorUrl, key: acc.keyHint },
  });
  return { account: acc.name, provider: acc.provider, url: acc.connectorUrl, key_hint: acc.keyHint };
}

/** Pulls one account now; records the outcome on the account (lastSyncAt / lastSyncError) and in the audit log. */
export async function syncAccount(
  organizationId: string,
  accountId: string,
  now = new Date(),
  by: SyncTrigger = SCHEDULE,
): Promise<ImportResult[]> {
  const acc = await db().billingAccount.findFirstOrThrow({ where: { id: accountId, organizationId } });
  if (!acc.encryptedKey || (acc.provider !== "openai" && acc.provider !== "anthropic"))
    throw new AppError("bad_request", `Account "${acc.name}" has no connector.`);
  const provider = acc.provider;
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const results: ImportResult[] = [];
  // re-checked at every sync: the configuration may have changed since the connector was saved
  const base = baseUrlCheck(provider, acc.connectorUrl);
  const audit = (outcome: "ok" | "failed", error?: string) =>
    writeAudit({
      organizationId,
      actor: by.actor,
      action: "billing.connector.sync",
      targetType: "billing_account",
      targetId: acc.id,
      after: {
        account: acc.name,
        provider,
        host: base.ok ? new URL(base.origin).host : acc.connectorUrl,
        trigger: by.trigger,
        outcome,
        imports: results.length,
        lines: results.reduce((n, r) => n + r.lines, 0),
        ...(error ? { error } : {}),
      },
    });
  try {
    if (!base.ok) throw new ConnectorError(base.message);
    const key = openSecret(acc.encryptedKey, authSecret());
    for (const step of plan(provider, from, to)) {
      const pages = await pull(base, provider, key, step.path, step.params);
      const hasRows = pages.some((p) => ((p as { data?: { results?: unknown[] }[] }).data ?? []).some((b) => (b.results ?? []).length > 0));
      if (!hasRows) continue;
      results.push(
        await importBillingFile(
          organizationId,
          { account: acc.name, source: step.source, text: JSON.stringify(pages), via: "connector" },
          by.actor,
        ),
      );
    }
    await db().billingAccount.update({
      where: { organizationId_id: { organizationId: organizationId, id: acc.id } },
      data: { lastSyncAt: now, lastSyncError: null },
    });
    await audit("ok");
    return results;
  } catch (e) {
    // only our own words are stored and answered; anything unexpected is logged, not echoed
    const message =
      e instanceof ConnectorError || e instanceof AppError ? e.message : `The ${provider} data could not be imported (see the server log).`;
    if (!(e instanceof ConnectorError || e instanceof AppError)) console.error(`billing connector ${acc.name}:`, e);
    await db().billingAccount.update({
      where: { organizationId_id: { organizationId: organizationId, id: acc.id } },
      data: { lastSyncAt: now, lastSyncError: message.slice(0, 500) },
    });
    await audit("failed", message.slice(0, 500));
    throw e instanceof AppError ? e : new ConnectorError(message);
  }
}

/** The daily schedule: every connector not pulled in the last 24 hours. Errors stay on the account. */
export async function runDueConnectors(now = new Date()): Promise<{ synced: number; failed: number }> {
  const due = await db().billingAccount.findMany({
    where: { encryptedKey: { not: null }, OR: [{ lastSyncAt: null }, { lastSyncAt: { lt: new Date(now.getTime() - DAY_MS) } }] },
  });
  let synced = 0;
  let failed = 0;
  for (const a of due) {
    try {
      await syncAccount(a.organizationId, a.id, now, SCHEDULE);
      synced++;
    } catch (e) {
      console.error(`billing connector ${a.name}:`, (e as Error).message);
      failed++;
    }
  }
  return { synced, failed };
}

/** "Sync now" for the account named `name`: 404 when there is none, 503 naming the provider when its admin API fails. */
export async function syncAccountNamed(organizationId: string, name: string, actor: Actor) {
  const acc = await db().billingAccount.findUnique({ where: { organizationId_name: { organizationId, name } } });
  if (!acc) throw new AppError("not_found", `No billing account "${name}".`);
  try {
    return { account: acc.name, imports: await syncAccount(organizationId, acc.id, new Date(), { actor, trigger: "manual" }) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("unavailable", `The ${acc.provider} admin API could not be read: ${(e as Error).message}`); // our words only (ConnectorError)
  }
}
