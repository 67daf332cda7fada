/**
 * Exact money. Amounts are bigint picodollars (1 USD = 10^12 pUSD): the same scale as the
 * Decimal(24,12) columns, so a per-token rate × tokens is exact (catalog rates have at most
 * six decimals per million tokens). Sum exactly, round once: API answers carry 6 decimals,
 * rounded half-even (docs/metrics.md "Conventions").
 */
export type Pico = bigint;

export const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);
const MICRO_STEP = 10n ** 6n; // pico → micro

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("12.5", "0.000001") exactly. Rejects floats in exponent form. */
export function parseUsd(value: string | number | bigint | { toString(): string }): Pico {
  if (typeof value === "bigint") return value * ONE;
  const text = typeof value === "number" ? numberToPlain(value) : String(value).trim();
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new RangeError(`not a decimal amount: "${text}"`);
  const [, sign, int, frac = ""] = m;
  let digits = BigInt(int) * ONE;
  if (frac.length <= SCALE) {
    digits += BigInt(frac.padEnd(SCALE, "0") || "0");
  } else {
    // more than 12 decimals: round half-even at the 12th
    const kept = BigInt(frac.slice(0, SCALE));
    const rest = frac.slice(SCALE);
    digits += roundHalfEvenDigits(kept, rest);
  }
  return sign ? -digits : digits;
}

function roundHalfEvenDigits(kept: bigint, rest: string): bigint {
  const first = Number(rest[0]);
  const tailNonZero = /[1-9]/.test(rest.slice(1));
  if (first > 5 || (first === 5 && tailNonZero) || (first === 5 && kept % 2n === 1n)) return kept + 1n;
  return kept;
}

/** A JS number as written (shortest round-trip form), without exponent notation. */
function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

/** Divides with half-even rounding (b > 0). */
export function divHalfEven(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError("divisor must be positive");
  const neg = a < 0n;
  const abs = neg ? -a : a;
  let q = abs / b;
  const r = abs % b;
  const twice = r * 2n;
  if (twice > b || (twice === b && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** 12-decimal string for Decimal(24,12) columns. */
export function toDecimalString(p: Pico): string {
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const int = abs / ONE;
  const frac = (abs % ONE).toString().padStart(SCALE, "0");
  return `${neg ? "-" : ""}${int}.${frac}`;
}

/** The API's money form: 6 decimals, rounded half-even once (e.g. "12.345678"). */
export function formatUsd6(p: Pico): string {
  const micro = divHalfEven(p, MICRO_STEP);
  const neg = micro < 0n;
  const abs = neg ? -micro : micro;
  return `${neg ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
}

/** Rounds to whole micro-dollars (half-even), still in pico units. */
export function roundToMicro(p: Pico): Pico {
  return divHalfEven(p, MICRO_STEP) * MICRO_STEP;
}

/** Human display: "$1,234.56" (cents) or more decimals for small amounts. */
export function displayUsd(p: Pico, opts: { decimals?: number } = {}): string {
  return displayMoney(p, "$", opts);
}

/**
 * An amount of any currency (in 10^-12 units) for people: `symbol` then the figure, "€1,234.56";
 * cents, or 4 decimals below 0.01 unless `decimals` says. Rounded half-even once.
 */
export function displayMoney(p: bigint, symbol: string, opts: { decimals?: number } = {}): string {
  const abs = p < 0n ? -p : p;
  const decimals = opts.decimals ?? (abs !== 0n && abs < 10n ** 10n ? 4 : 2); // < 0.01 → 4 dp
  return displayScaled(divHalfEven(p, 10n ** BigInt(SCALE - decimals)), decimals, symbol);
}

/** A whole number of 10^-decimals units, already rounded, for people: displayScaled(123456n, 2, "$") → "$1,234.56". */
export function displayScaled(q: bigint, decimals: number, symbol: string): string {
  const neg = q < 0n;
  const qa = neg ? -q : q;
  const base = 10n ** BigInt(decimals);
  const int = (qa / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = decimals ? "." + (qa % base).toString().padStart(decimals, "0") : "";
  return `${neg ? "-" : ""}${symbol}${int}${frac}`;
}

export function sum(values: Iterable<Pico>): Pico {
  let s = 0n;
  for (const v of values) s += v;
  return s;
}

/** Ratio of two amounts as a float for charts and percentages only (never stored). */
export function ratio(a: Pico, b: Pico): number | null {
  if (b === 0n) return null;
  return Number((a * 1_000_000n) / b) / 1_000_000;
}

/** Pico → float USD for chart axes only (display, never summed back). */
export function toChartNumber(p: Pico): number {
  return Number(p) / 1e12;
}
