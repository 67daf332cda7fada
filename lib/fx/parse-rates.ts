/**
 * Rate files → rates (docs/decisions/047-currencies.md). Pure: no Prisma, no Next. Three forms,
 * recognised by their content:
 *  - the ECB's XML (eurofxref-daily.xml, -hist-90d.xml, -hist.xml): `<Cube time='2026-05-04'>`
 *    holding `<Cube currency='USD' rate='1.0823'/>` (quotes single or double); base EUR;
 *  - the ECB's CSV (eurofxref.csv, eurofxref-hist.csv): a `Date` column then one column per
 *    currency, "N/A" where there is no rate; dates "2026-05-04" or "04 May 2026"; base EUR;
 *  - a plain CSV `date,currency,rate` (optionally a `base` column; otherwise the base given).
 */
import Papa from "papaparse";
import { currencyCode, parseRate, type CurrencyCode, type FxRate } from "./rates";

export class RateParseError extends Error {}

/** The ECB hist file since 1999 holds ~7,000 days × ~30 currencies; this bounds a file's rates. */
export const MAX_RATES_PER_FILE = 400_000;
export type RateFileFormat = "ecb_xml" | "ecb_csv" | "csv";

const MONTHS: Record<string, string> = {
  jan: "01",
  feb: "02",
  mar: "03",
  apr: "04",
  may: "05",
  jun: "06",
  jul: "07",
  aug: "08",
  sep: "09",
  oct: "10",
  nov: "11",
  dec: "12",
};

/** "2026-05-04" or "04 May 2026" → "2026-05-04", checked against the calendar; null otherwise. */
export function rateDay(text: string): string | null {
  const t = text.trim();
  let day: string | null = null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) day = t;
  const ecb = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (ecb && MONTHS[ecb[2].toLowerCase()]) day = `${ecb[3]}-${MONTHS[ecb[2].toLowerCase()]}-${ecb[1].padStart(2, "0")}`;
  if (!day) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day) ? day : null;
}

export function detectFormat(text: string): RateFileFormat {
  const t = text.replace(/^\uFEFF/, "").trimStart();
  if (t.startsWith("<")) return "ecb_xml";
  const header = t
    .split(/\r?\n/, 1)[0]
    .split(",")
    .map((h) => h.trim().toLowerCase());
  return header[0] === "date" && !header.includes("currency") && !header.includes("rate") ? "ecb_csv" : "csv";
}

function guard(n: number) {
  if (n > MAX_RATES_PER_FILE)
    throw new RateParseError(`more than ${MAX_RATES_PER_FILE.toLocaleString("en-US")} rates in one file: split it`);
}

function rateOf(text: string, where: string): bigint {
  try {
    return parseRate(text);
  } catch (e) {
    throw new RateParseError(`${where}: ${(e as Error).message}`);
  }
}

function parseEcbXml(text: string): FxRate[] {
  const out: FxRate[] = [];
  const dayRe = /<Cube\s+time\s*=\s*["']([^"']+)["']\s*>([\s\S]*?)<\/Cube>/g;
  const rateRe = /<Cube\s+currency\s*=\s*["']([^"']+)["']\s+rate\s*=\s*["']([^"']+)["']\s*\/>/g;
  for (const m of text.matchAll(dayRe)) {
    const day = rateDay(m[1]);
    if (!day) throw new RateParseError(`Cube time="${m[1]}" is not a date`);
    for (const r of m[2].matchAll(rateRe)) {
      const quote = currencyCode(r[1]);
      if (!quote) throw new RateParseError(`${day}: "${r[1]}" is not a currency code`);
      out.push({ base: "EUR", quote, day, rate: rateOf(r[2], `${day} ${quote}`) });
      guard(out.length);
    }
  }
  if (!out.length) throw new RateParseError('no <Cube time="…"><Cube currency="…" rate="…"/> found: is this the ECB\'s eurofxref XML?');
  return out;
}

function rows(text: string): { fields: string[]; data: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  return { fields: (parsed.meta.fields ?? []).filter((f) => f !== ""), data: parsed.data };
}

function parseEcbCsv(text: string): FxRate[] {
  const { fields, data } = rows(text);
  const currencies = fields.slice(1).map((f) => {
    const c = currencyCode(f);
    if (!c) throw new RateParseError(`column "${f}" is not a currency code (the ECB's CSV has Date, then one column per currency)`);
    return [f, c] as const;
  });
  const out: FxRate[] = [];
  data.forEach((r, i) => {
    const day = rateDay(r[fields[0]] ?? "");
    if (!day) throw new RateParseError(`row ${i + 2}: Date "${r[fields[0]]}" is not a date`);
    for (const [col, quote] of currencies) {
      const v = (r[col] ?? "").trim();
      if (v === "" || v === "N/A") continue;
      out.push({ base: "EUR", quote, day, rate: rateOf(v, `row ${i + 2} ${quote}`) });
    }
    guard(out.length);
  });
  return out;
}

function parsePlainCsv(text: string, base: CurrencyCode): FxRate[] {
  const { fields, data } = rows(text);
  const col = (name: string) => fields.find((f) => f.toLowerCase() === name);
  const [dateCol, currencyCol, rateCol, baseCol] = [col("date") ?? col("day"), col("currency") ?? col("quote"), col("rate"), col("base")];
  if (!dateCol || !currencyCol || !rateCol)
    throw new RateParseError(
      `expected the columns date,currency,rate (and optionally base); found ${fields.slice(0, 6).join(", ") || "none"}`,
    );
  return data.map((r, i) => {
    const day = rateDay(r[dateCol] ?? "");
    if (!day) throw new RateParseError(`row ${i + 2}: date "${r[dateCol]}" is not a date (YYYY-MM-DD)`);
    const quote = currencyCode(r[currencyCol] ?? "");
    if (!quote) throw new RateParseError(`row ${i + 2}: "${r[currencyCol]}" is not a currency code`);
    const b = baseCol && r[baseCol]?.trim() ? currencyCode(r[baseCol]) : base;
    if (!b) throw new RateParseError(`row ${i + 2}: base "${r[baseCol!]}" is not a currency code`);
    if (b === quote) throw new RateParseError(`row ${i + 2}: a rate of ${b} against itself`);
    guard(i + 1);
    return { base: b, quote, day, rate: rateOf(r[rateCol] ?? "", `row ${i + 2}`) };
  });
}

/**
 * Reads a rate file: its format, and its rates with later duplicates of the same
 * (base, quote, day) replacing earlier ones. `base` is the base of a plain CSV without a base
 * column (1 base = rate currency); the ECB's files are EUR-based.
 */
export function readRateFile(text: string, base: CurrencyCode = "EUR"): { format: RateFileFormat; rates: FxRate[] } {
  const format = detectFormat(text);
  const list = format === "ecb_xml" ? parseEcbXml(text) : format === "ecb_csv" ? parseEcbCsv(text) : parsePlainCsv(text, base);
  if (!list.length) throw new RateParseError("the file has no rates");
  const byKey = new Map<string, FxRate>();
  for (const r of list) byKey.set(`${r.base}/${r.quote}/${r.day}`, r);
  return { format, rates: [...byKey.values()] };
}
