/**
 * Foreign-exchange rates and exact conversion (docs/decisions/047-currencies.md). Pure: no
 * Prisma, no Next.
 *
 * A rate is stored as published: on `day`, 1 `base` = `rate` `quote` (the ECB's form: base EUR,
 * "USD 1.0823"). It is an exact decimal (at most 12 decimals, kept as a bigint scaled by 10^12),
 * never a float. The rate in force on a day is the latest one published on or before it (rates
 * are daily on business days: a Saturday uses Friday's). A conversion between two currencies is
 * an exact rational num/den built from one stored rate (direct or inverse) or two (cross through
 * a common base, e.g. USD → GBP through the ECB's EUR rates); converting an amount multiplies by
 * the rational and rounds half-even once, to the unit asked for.
 */
import { divHalfEven, parseUsd, SCALE, type Pico } from "../money";

export type CurrencyCode = string;
export const USD: CurrencyCode = "USD";
const CODE_RE = /^[A-Z]{3}$/;
const RATE_ONE = 10n ** BigInt(SCALE);

/** "eur" → "EUR"; null when not an ISO 4217-shaped code. */
export function currencyCode(text: string): CurrencyCode | null {
  const c = text.trim().toUpperCase();
  return CODE_RE.test(c) ? c : null;
}

/** One published rate: on `day` (YYYY-MM-DD), 1 base = rate / 10^12 quote. */
export type FxRate = { base: CurrencyCode; quote: CurrencyCode; day: string; rate: bigint };

/** Parses a rate as written ("1.0823", "162.51"): positive, at most 12 decimals, no exponent. */
export function parseRate(text: string): bigint {
  const t = text.trim();
  if (!/^\d{1,12}(\.\d{1,12})?$/.test(t)) throw new RangeError(`not a rate: "${text}" (a positive decimal, e.g. 1.0823)`);
  const r = parseUsd(t);
  if (r <= 0n) throw new RangeError(`a rate must be above zero: "${text}"`);
  return r;
}

/** The rate as written back: shortest decimal (no trailing zeros), e.g. "1.0823". */
export function rateText(rate: bigint): string {
  const int = rate / RATE_ONE;
  const frac = (rate % RATE_ONE).toString().padStart(SCALE, "0").replace(/0+$/, "");
  return frac ? `${int}.${frac}` : `${int}`;
}

/** A way from one currency to another on a day: amount_to = amount_from × num / den. */
export type Conversion = {
  from: CurrencyCode;
  to: CurrencyCode;
  num: bigint;
  den: bigint;
  /** the stored rates used (none for the same currency), each with its own date */
  legs: FxRate[];
  /** the date of the rate(s) used: the oldest leg's day (null for the same currency) */
  rateDay: string | null;
};

/** Rates indexed by pair, each pair's days sorted, for "the rate in force on a day". */
export class RateTable {
  private readonly byPair = new Map<string, FxRate[]>();

  constructor(rates: Iterable<FxRate>) {
    for (const r of rates) {
      const k = `${r.base}/${r.quote}`;
      const list = this.byPair.get(k) ?? [];
      list.push(r);
      this.byPair.set(k, list);
    }
    for (const list of this.byPair.values()) list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  get size(): number {
    let n = 0;
    for (const l of this.byPair.values()) n += l.length;
    return n;
  }

  /** The latest rate of base/quote published on or before `day`, or null. */
  inForce(base: CurrencyCode, quote: CurrencyCode, day: string): FxRate | null {
    const list = this.byPair.get(`${base}/${quote}`);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found: FxRate | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].day <= day) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Currencies that are the base of some stored pair. */
  private bases(): CurrencyCode[] {
    return [...new Set([...this.byPair.keys()].map((k) => k.split("/")[0]))].sort();
  }

  /**
   * The conversion from → to in force on `day`: the same currency (1/1), a direct rate, an
   * inverse one, or a cross through a common base (the base whose two rates are the most
   * recent wins; ties: alphabetical). Null when no rate on or before the day connects them.
   */
  conversion(from: CurrencyCode, to: CurrencyCode, day: string): Conversion | null {
    if (from === to) return { from, to, num: 1n, den: 1n, legs: [], rateDay: null };
    const direct = this.inForce(from, to, day);
    const inverse = this.inForce(to, from, day);
    // the more recent of a direct and an inverse quote (direct on a tie)
    if (direct && (!inverse || direct.day >= inverse.day))
      return { from, to, num: direct.rate, den: RATE_ONE, legs: [direct], rateDay: direct.day };
    if (inverse) return { from, to, num: RATE_ONE, den: inverse.rate, legs: [inverse], rateDay: inverse.day };
    let best: Conversion | null = null;
    for (const base of this.bases()) {
      if (base === from || base === to) continue;
      const a = this.inForce(base, from, day); // 1 base = a from
      const b = this.inForce(base, to, day); // 1 base = b to
      if (!a || !b) continue;
      const rateDay = a.day < b.day ? a.day : b.day;
      if (!best || rateDay > best.rateDay!) best = { from, to, num: b.rate, den: a.rate, legs: [a, b], rateDay };
    }
    return best;
  }
}

/**
 * Converts an amount (in units of 10^-12 of `from`) to units of `unit` × 10^-12 of `to`,
 * rounded half-even once: unit 1 gives the exact unit (pico), 10^6 whole micro-units (the
 * six decimals of the API).
 */
export function convert(amount: Pico, c: Pick<Conversion, "num" | "den">, unit = 1n): bigint {
  return divHalfEven(amount * c.num, c.den * unit);
}

/** The conversion's rate as a decimal for display and CSV (10 decimals, half-even; the arithmetic uses the exact rational). */
export function conversionRate(c: Pick<Conversion, "num" | "den">, decimals = 10): string {
  const step = 10n ** BigInt(decimals);
  const q = divHalfEven(c.num * step, c.den);
  const frac = (q % step).toString().padStart(decimals, "0").replace(/0+$/, "");
  return frac ? `${q / step}.${frac}` : `${q / step}`;
}

/** "1 USD = 0.9239582371 EUR (ECB EUR/USD 1.0823 of 2026-05-04)": what a hover or CSV note says. */
export function describeConversion(c: Conversion): string {
  if (!c.legs.length) return `1 ${c.from} = 1 ${c.to}`;
  const legs = c.legs.map((l) => `${l.base}/${l.quote} ${rateText(l.rate)} of ${l.day}`).join(", ");
  return `1 ${c.from} = ${conversionRate(c)} ${c.to} (${legs})`;
}
