/**
 * Expense and card-transaction CSVs → spend lines, with the columns mapped on upload (like the
 * events CSV): the finance user names which column holds the date, merchant, amount… Defaults
 * recognise the usual export headers. Pure.
 */
import Papa from "papaparse";
import { createHash } from "node:crypto";
import { parseUsd, type Pico } from "../money";

export const SHADOW_SOURCES = ["expense", "card", "focus"] as const;
export type ShadowSource = (typeof SHADOW_SOURCES)[number];

export const SPEND_FIELDS = ["date", "merchant", "description", "amount", "currency", "employee", "department"] as const;
export type SpendField = (typeof SPEND_FIELDS)[number];
export type ColumnMapping = Partial<Record<SpendField, string>>;

const GUESSES: Record<SpendField, string[]> = {
  date: ["date", "transaction date", "posted date", "expense date", "trans. date"],
  merchant: ["merchant", "merchant name", "vendor", "payee", "description of merchant"],
  description: ["description", "memo", "purpose", "notes", "expense type"],
  amount: ["amount", "amount (usd)", "transaction amount", "total", "debit"],
  currency: ["currency", "currency code", "original currency"],
  employee: ["employee", "employee email", "cardholder", "card holder", "email", "submitted by"],
  department: ["department", "cost center", "cost centre", "team"],
};

export type SpendLine = {
  day: string;
  rowKey: string;
  merchant: string;
  description: string;
  amountPico: Pico;
  currency: string;
  employee: string;
  department: string;
};

export class ExpenseParseError extends Error {}

function parseDate(v: string): string | null {
  const s = v.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s); // US statements: MM/DD/YYYY
  if (m) return `${m[3]}-${m[1].padStart(2, "0")}-${m[2].padStart(2, "0")}`;
  return null;
}

function parseAmount(v: string): Pico | null {
  let s = v.trim().replace(/[$,\s]/g, "");
  let neg = false;
  if (/^\(.*\)$/.test(s)) {
    neg = true;
    s = s.slice(1, -1);
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const p = parseUsd(s);
  return neg ? -p : p;
}

export function parseExpenses(
  text: string,
  mapping: ColumnMapping = {},
): { lines: SpendLine[]; columns: Record<SpendField, string | null> } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim(),
  });
  const headers = parsed.meta.fields ?? [];
  const lower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const columns = Object.fromEntries(
    SPEND_FIELDS.map((f) => {
      const given = mapping[f];
      if (given) {
        if (!headers.includes(given))
          throw new ExpenseParseError(`the column "${given}" mapped to ${f} is not in the file (its columns: ${headers.join(", ")})`);
        return [f, given];
      }
      return [f, GUESSES[f].map((g) => lower.get(g)).find(Boolean) ?? null];
    }),
  ) as Record<SpendField, string | null>;
  for (const f of ["date", "merchant", "amount"] as const)
    if (!columns[f])
      throw new ExpenseParseError(`no column for ${f}: map it (e.g. ${f}=<column name>); the file's columns are ${headers.join(", ")}`);
  const seen = new Map<string, number>();
  const lines = parsed.data.map((r, i) => {
    const where = `row ${i + 2}`;
    const day = parseDate(r[columns.date!] ?? "");
    if (!day) throw new ExpenseParseError(`${where}: date "${r[columns.date!]}" is not YYYY-MM-DD or MM/DD/YYYY`);
    const amountPico = parseAmount(r[columns.amount!] ?? "");
    if (amountPico === null) throw new ExpenseParseError(`${where}: amount "${r[columns.amount!]}" is not a number`);
    const merchant = (r[columns.merchant!] ?? "").trim();
    if (!merchant) throw new ExpenseParseError(`${where}: the merchant is empty`);
    const get = (f: SpendField) => (columns[f] ? (r[columns[f]!] ?? "").trim() : "");
    const base = {
      day,
      merchant,
      description: get("description"),
      amountPico,
      currency: (get("currency") || "USD").toUpperCase(),
      employee: get("employee").toLowerCase(),
      department: get("department"),
    };
    // the same charge twice in a file is two charges: the occurrence number keeps both
    const h = createHash("sha256")
      .update(JSON.stringify([base.day, base.merchant, base.description, base.amountPico.toString(), base.currency, base.employee]))
      .digest("hex")
      .slice(0, 24);
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return { ...base, rowKey: `${h}#${n}` };
  });
  return { lines, columns };
}

/** Marketplace lines of a FOCUS file (cloud billing): PublisherName / ServiceName name the AI vendor. */
export function parseFocusMarketplace(text: string): SpendLine[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const f = parsed.meta.fields ?? [];
  for (const c of ["ChargePeriodStart", "BilledCost"]) if (!f.includes(c)) throw new ExpenseParseError(`not a FOCUS file: no ${c} column`);
  const seen = new Map<string, number>();
  return parsed.data
    .filter(
      (r) =>
        (r.PublisherName ?? "").trim() !== "" && (r.PublisherName ?? "").trim() !== (r.ProviderName ?? r.ServiceProviderName ?? "").trim(),
    )
    .map((r, i) => {
      const day = parseDate(r.ChargePeriodStart ?? "");
      const amount = parseAmount(r.BilledCost ?? "");
      if (!day || amount === null) throw new ExpenseParseError(`row ${i + 2}: ChargePeriodStart or BilledCost unreadable`);
      const base = {
        day,
        merchant: (r.PublisherName ?? "").trim(),
        description: [r.ServiceName, r.SkuId, r.ChargeDescription].filter(Boolean).join(" · "),
        amountPico: amount,
        currency: (r.BillingCurrency || "USD").toUpperCase(),
        employee: "",
        department: (r.SubAccountName ?? "").trim(),
      };
      const h = createHash("sha256")
        .update(JSON.stringify([base.day, base.merchant, base.description, base.amountPico.toString(), base.department]))
        .digest("hex")
        .slice(0, 24);
      const n = (seen.get(h) ?? 0) + 1;
      seen.set(h, n);
      return { ...base, rowKey: `${h}#${n}` };
    });
}
