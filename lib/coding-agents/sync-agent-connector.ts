import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { authSecret } from "../env";
import { writeAudit } from "../audit/write-audit";
import { keyHint, openSecret, sealSecret } from "../billing/secret-box";
import { addDays, utcDay } from "../time";
import { agentConnectorBaseUrl, agentFetch, type AgentProvider } from "./agent-fetch";
import { importAgentFile, type AgentImportResult } from "./import-agent-usage";

/**
 * The daily pull of coding-agent usage, per provider's documented API (docs/coding-agents.md):
 *  - claude_code: GET /v1/organizations/usage_report/claude_code?starting_at=<day>&limit=1000,
 *    `x-api-key` + `anthropic-version: 2023-06-01`, pages chained by `page=<next_page>` while
 *    `has_more`; one day per request, the last 7 days each run (late data is restated).
 *  - cursor: POST /teams/filtered-usage-events { startDate, endDate (epoch ms), page, pageSize },
 *    HTTP Basic with the key as user name, pages while `pagination.hasNextPage`; GET /teams/members
 *    for the seats of the current month.
 *  - copilot: GET /orgs/{org}/copilot/billing/seats?per_page=100&page=N (Bearer token,
 *    `X-GitHub-Api-Version: 2022-11-28`), next page from the `Link: rel="next"` header (same
 *    origin only); GET /organizations/{org}/settings/billing/premium_request/usage?year&month.
 */
const MAX_PAGES = 100;
const DAY_MS = 86_400_000;
export type SyncOptions = { now?: Date };

export async function configureAgentConnector(
  organizationId: string,
  input: { account: string; provider: AgentProvider; key: string; base_url?: string; org?: string; seat_usd?: string },
  actor: Actor,
) {
  if (input.provider === "copilot" && !input.org)
    throw new AppError("validation_failed", "A Copilot connector needs the GitHub organisation (org).");
  const data = {
    baseUrl: agentConnectorBaseUrl(input.provider, input.base_url),
    encryptedKey: sealSecret(input.key, authSecret()),
    keyHint: keyHint(input.key),
    options: { org: input.org ?? null, seat_usd: input.seat_usd ?? null } as Prisma.InputJsonValue,
    lastSyncError: null,
  };
  const c = await db().agentConnector.upsert({
    where: { organizationId_account_provider: { organizationId, account: input.account, provider: input.provider } },
    create: { organizationId, account: input.account, provider: input.provider, ...data },
    update: data,
  });
  await writeAudit({
    organizationId,
    actor,
    action: "coding_agents.connector.configure",
    targetType: "agent_connector",
    targetId: c.id,
    after: { account: c.account, provider: c.provider, url: c.baseUrl, key: c.keyHint, org: input.org ?? null },
  });
  return { account: c.account, provider: c.provider as AgentProvider, url: c.baseUrl, key_hint: c.keyHint };
}

type Conn = Prisma.AgentConnectorGetPayload<object>;

async function pullClaude(c: Conn, key: string, o: SyncOptions, now: Date) {
  const days: { day: string; pages: unknown[] }[] = [];
  for (let back = 7; back >= 1; back--) {
    const day = addDays(utcDay(now), -back);
    const pages: unknown[] = [];
    let cursor: string | null = null;
    for (let i = 0; ; i++) {
      if (i >= MAX_PAGES) throw new Error(`claude_code ${day}: more than ${MAX_PAGES} pages`);
      const url = new URL("/v1/organizations/usage_report/claude_code", c.baseUrl);
      url.searchParams.set("starting_at", day);
      url.searchParams.set("limit", "1000");
      if (cursor) url.searchParams.set("page", cursor);
      const { json } = await agentFetch(
        url,
        { headers: { "x-api-key": key, "anthropic-version": "2023-06-01" } },
        { provider: "claude_code" },
      );
      const page = json as { data?: unknown[]; has_more?: boolean; next_page?: string | null };
      pages.push(page);
      if (!page.has_more || !page.next_page) break;
      cursor = page.next_page;
    }
    if (pages.some((p) => ((p as { data?: unknown[] }).data ?? []).length > 0)) days.push({ day, pages });
  }
  return days.map((d) => ({ source: "claude_code_usage" as const, text: JSON.stringify(d.pages) }));
}

async function pullCursor(c: Conn, key: string, o: SyncOptions, now: Date) {
  const auth = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
  const end = Date.parse(`${utcDay(now)}T00:00:00Z`);
  const start = end - 7 * DAY_MS;
  const pages: unknown[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new Error(`cursor usage events: more than ${MAX_PAGES} pages`);
    const { json } = await agentFetch(
      new URL("/teams/filtered-usage-events", c.baseUrl),
      {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ startDate: start, endDate: end - 1, page, pageSize: 500 }),
      },
      { provider: "cursor" },
    );
    pages.push(json);
    if (!(json as { pagination?: { hasNextPage?: boolean } }).pagination?.hasNextPage) break;
  }
  const { json: members } = await agentFetch(
    new URL("/teams/members", c.baseUrl),
    { headers: { authorization: auth } },
    { provider: "cursor" },
  );
  const out: { source: "cursor_usage_events" | "cursor_members"; text: string }[] = [];
  if (pages.some((p) => ((p as { usageEvents?: unknown[] }).usageEvents ?? []).length > 0))
    out.push({ source: "cursor_usage_events", text: JSON.stringify(pages) });
  if (((members as { teamMembers?: unknown[] }).teamMembers ?? []).length)
    out.push({ source: "cursor_members", text: JSON.stringify(members) });
  return out;
}

function nextLink(link: string | null, base: URL): URL | null {
  const m = link
    ?.split(",")
    .map((s) => /<([^>]+)>\s*;\s*rel="next"/.exec(s))
    .find(Boolean);
  if (!m) return null;
  const next = new URL(m[1], base);
  // a next page on another origin would take the token there: stop instead
  if (next.origin !== base.origin) throw new Error("copilot: the next-page link points to another host; not followed");
  return next;
}

async function pullCopilot(c: Conn, key: string, o: SyncOptions, now: Date) {
  const org = (c.options as { org?: string } | null)?.org;
  if (!org) throw new Error("copilot connector without an organisation");
  const headers = { authorization: `Bearer ${key}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };
  const pages: unknown[] = [];
  let url: URL | null = new URL(`/orgs/${encodeURIComponent(org)}/copilot/billing/seats?per_page=100&page=1`, c.baseUrl);
  for (let i = 0; url; i++) {
    if (i >= MAX_PAGES) throw new Error(`copilot seats: more than ${MAX_PAGES} pages`);
    const r: { json: unknown; headers: Headers } = await agentFetch(url, { headers }, { provider: "copilot" });
    pages.push(r.json);
    url = nextLink(r.headers.get("link"), new URL(c.baseUrl));
  }
  const prem = new URL(`/organizations/${encodeURIComponent(org)}/settings/billing/premium_request/usage`, c.baseUrl);
  prem.searchParams.set("year", String(now.getUTCFullYear()));
  prem.searchParams.set("month", String(now.getUTCMonth() + 1));
  const { json: premium } = await agentFetch(prem, { headers }, { provider: "copilot" });
  const out: { source: "copilot_seats" | "copilot_premium_requests"; text: string }[] = [];
  if (pages.some((p) => ((p as { seats?: unknown[] }).seats ?? []).length > 0))
    out.push({ source: "copilot_seats", text: JSON.stringify(pages) });
  if (((premium as { usageItems?: unknown[] }).usageItems ?? []).length)
    out.push({ source: "copilot_premium_requests", text: JSON.stringify(premium) });
  return out;
}

/** Pulls one connector now; the outcome is kept on it (lastSyncAt / lastSyncError, our words only). */
export async function syncAgentConnector(organizationId: string, connectorId: string, o: SyncOptions = {}): Promise<AgentImportResult[]> {
  const now = o.now ?? new Date();
  const c = await db().agentConnector.findFirstOrThrow({ where: { id: connectorId, organizationId } });
  const seatUsd = (c.options as { seat_usd?: string | null } | null)?.seat_usd ?? undefined;
  const month = utcDay(now).slice(0, 7);
  try {
    const key = openSecret(c.encryptedKey, authSecret());
    const files =
      c.provider === "claude_code"
        ? await pullClaude(c, key, o, now)
        : c.provider === "cursor"
          ? await pullCursor(c, key, o, now)
          : await pullCopilot(c, key, o, now);
    const results: AgentImportResult[] = [];
    for (const f of files) {
      results.push(
        await importAgentFile(
          organizationId,
          { account: c.account, source: f.source, text: f.text, via: "connector", options: { month, seatUsd } },
          { userId: null, apiKeyId: null },
        ),
      );
    }
    await db().agentConnector.update({
      where: { organizationId_id: { organizationId: organizationId, id: c.id } },
      data: { lastSyncAt: now, lastSyncError: null },
    });
    return results;
  } catch (e) {
    const msg = e instanceof AppError ? e.message : (e as Error).message;
    await db().agentConnector.update({
      where: { organizationId_id: { organizationId: organizationId, id: c.id } },
      data: { lastSyncAt: now, lastSyncError: msg.slice(0, 500) },
    });
    throw e;
  }
}

/** "Sync now" by account and provider: 404 without one, 503 with our message when the provider fails. */
export async function syncAgentConnectorNamed(organizationId: string, account: string, provider: AgentProvider, o: SyncOptions = {}) {
  const c = await db().agentConnector.findUnique({ where: { organizationId_account_provider: { organizationId, account, provider } } });
  if (!c) throw new AppError("not_found", `No ${provider} connector for account "${account}".`);
  try {
    return { account, provider, imports: await syncAgentConnector(organizationId, c.id, o) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("unavailable", `The ${provider} API could not be read: ${(e as Error).message}`);
  }
}

/** The daily schedule: every connector not pulled in the last 24 hours (the hourly `coding-agent-connectors` job, lib/jobs). */
export async function runDueAgentConnectors(o: SyncOptions = {}): Promise<{ synced: number; failed: number }> {
  const now = o.now ?? new Date();
  const due = await db().agentConnector.findMany({
    where: { OR: [{ lastSyncAt: null }, { lastSyncAt: { lt: new Date(now.getTime() - DAY_MS) } }] },
  });
  let synced = 0;
  let failed = 0;
  for (const c of due) {
    try {
      await syncAgentConnector(c.organizationId, c.id, { ...o, now });
      synced++;
    } catch (e) {
      console.error(`coding-agent connector ${c.account}/${c.provider}:`, (e as Error).message);
      failed++;
    }
  }
  return { synced, failed };
}
