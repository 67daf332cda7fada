import { displayUsd, parseUsd } from "../money";
import type { Change } from "./diff";

/**
 * How the audit log shows an entry: money as money ("$1,250.00", not "1250.000000"), empty as
 * "(none)", and a target by its kind and name rather than its id. Pure.
 */
const MONEY_FIELD = /(^|[._])([a-z]+_)*usd$|Usd$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function displayValue(field: string, raw: string): string {
  if (raw === "—" || raw === "null") return "(none)";
  if (raw.startsWith("[")) {
    // a list: its values when they are plain, else how many (an import's 65 diff lines are not read here)
    try {
      const list = JSON.parse(raw) as unknown[];
      if (list.length === 0) return "(none)";
      if (list.every((x) => x === null || typeof x !== "object")) return list.map((x) => (x === null ? "(none)" : String(x))).join(", ");
      return `${list.length} ${list.length === 1 ? "entry" : "entries"}`;
    } catch {
      return raw;
    }
  }
  if (MONEY_FIELD.test(field) && DECIMAL.test(raw)) {
    const p = parseUsd(raw);
    // cents when the amount is whole cents, else four decimals (per-call thresholds, unit values)
    return displayUsd(p, { decimals: p % 10n ** 10n === 0n ? 2 : 4 });
  }
  return raw;
}

/** "after_usd" → "after", "monthlyLimitUsd" → "monthly limit": the unit is in the value now. */
export function displayField(field: string): string {
  return field
    .split(".")
    .map((part) =>
      part
        .replace(/_usd$|Usd$/, "")
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .replace(/_/g, " ")
        .toLowerCase(),
    )
    .join(" · ");
}

export type DisplayChange = { field: string; before: string; after: string; removed: boolean; added: boolean };

export function displayChanges(changes: Change[]): DisplayChange[] {
  return changes.map((c) => ({
    field: displayField(c.field),
    before: displayValue(c.field, c.before),
    after: displayValue(c.field, c.after),
    removed: c.after === "—",
    added: c.before === "—",
  }));
}

const KIND: Record<string, string> = {
  billing_account: "billing account",
  api_key: "API key",
  PolicyDraft: "policy draft",
  FixedCost: "shared cost",
  Budget: "budget",
  Feature: "feature",
  WebhookEndpoint: "webhook",
  GuardrailPolicy: "guardrail policy of",
  Alert: "alert",
  membership: "member",
  price_override: "price override",
  ChargebackPeriod: "month",
  month: "month",
  board_report: "board report",
  assessment: "assessment",
  Tier: "tier",
  Organization: "organisation",
};

/** "billing account openai-prod" given the type, id and (when known) the thing's name. */
export function displayTarget(type: string | null, id: string | null, name: string | undefined): string {
  if (!type) return id ?? "";
  const kind = KIND[type] ?? type.replace(/_/g, " ");
  if (type === "Organization") return kind;
  if (name) return `${kind} ${name}`;
  // ids that are names already (months, tiers, features) read as they are; a bare cuid means it was deleted
  if (id && !/^c[a-z0-9]{20,}$/.test(id)) return `${kind} ${id}`;
  return `${kind} (deleted)`;
}

/**
 * A user agent in a few words for the "From" column: "Firefox 133 on Windows", "curl 8.5.0",
 * "Chrome 131 on Android". The browser is found in the order real user agents need (Edge and
 * Opera also say Chrome; Chrome also says Safari); anything else is its first product token,
 * cut. The full string stays in the CSV and the cell's title.
 */
export function shortUserAgent(ua: string | null): string {
  if (!ua || !ua.trim()) return "";
  const v = (re: RegExp) => re.exec(ua)?.[1];
  const browser =
    (v(/Edg(?:e|A|iOS)?\/(\d+)/) && `Edge ${v(/Edg(?:e|A|iOS)?\/(\d+)/)}`) ||
    (v(/OPR\/(\d+)/) && `Opera ${v(/OPR\/(\d+)/)}`) ||
    (v(/Firefox\/(\d+)/) && `Firefox ${v(/Firefox\/(\d+)/)}`) ||
    (v(/FxiOS\/(\d+)/) && `Firefox ${v(/FxiOS\/(\d+)/)}`) ||
    (v(/CriOS\/(\d+)/) && `Chrome ${v(/CriOS\/(\d+)/)}`) ||
    (v(/HeadlessChrome\/(\d+)/) && `Headless Chrome ${v(/HeadlessChrome\/(\d+)/)}`) ||
    (v(/Chrom(?:e|ium)\/(\d+)/) && `Chrome ${v(/Chrom(?:e|ium)\/(\d+)/)}`) ||
    (/Safari\//.test(ua) && v(/Version\/(\d+(?:\.\d+)?)/) && `Safari ${v(/Version\/(\d+(?:\.\d+)?)/)}`) ||
    null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  if (browser) return os ? `${browser} on ${os}` : browser;
  const token = ua.trim().split(/\s+/)[0].replace("/", " ");
  return token.length > 40 ? token.slice(0, 39) + "…" : token;
}

/** "from where" in one line: "198.51.100.4 · Firefox 133 on Windows"; "—" when neither is known (CLI, background work). */
export function displayOrigin(ip: string | null, userAgent: string | null): string {
  const parts = [ip, shortUserAgent(userAgent)].filter(Boolean);
  return parts.length ? parts.join(" · ") : "—";
}
