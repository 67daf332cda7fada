import { divHalfEven, displayMoney, displayScaled, displayUsd, SCALE, toChartNumber, type Pico } from "../money";
import { shortUsd } from "../format";

/**
 * The board report's money for people, in its currency (decision 058). Pure: the document
 * components call it with typed values (picodollars), never with API strings.
 */

/** The currency block of a board report document (present only when the reporting currency is not USD). */
export type ReportCurrencyWire = {
  code: string;
  /** 1 USD = rate units, ten decimals (display); the arithmetic uses num / den exactly */
  rate: string | null;
  rate_date: string | null;
  num: string | null;
  den: string | null;
  note: string;
};

/** The report's currency, typed: `conversion` null means the figures are shown in USD. */
export type ReportCurrency = {
  code: string;
  conversion: { num: bigint; den: bigint } | null;
  rate: string | null;
  rateDate: string | null;
  /** why and how the figures are converted (or why they are not); null for a USD report */
  note: string | null;
};

export const USD_REPORT: ReportCurrency = { code: "USD", conversion: null, rate: null, rateDate: null, note: null };

export function reportCurrencyFromWire(c: ReportCurrencyWire | undefined): ReportCurrency {
  if (!c) return USD_REPORT;
  const conversion = c.num !== null && c.den !== null ? { num: BigInt(c.num), den: BigInt(c.den) } : null;
  return { code: conversion ? c.code : "USD", conversion, rate: c.rate, rateDate: c.rate_date, note: c.note };
}

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥" };
const DASH = "—";

/** cents, or 4 decimals below 0.01 (lib/money's display rule) */
const autoDecimals = (p: bigint) => {
  const abs = p < 0n ? -p : p;
  return abs !== 0n && abs < 10n ** 10n ? 4 : 2;
};

/**
 * Formatters for one report. In USD they are lib/format's `usd`/`usdUnit` on picodollars (the
 * same text as before); in another currency each USD amount is converted once from its value
 * and rounded once, half-even, to the decimals shown.
 */
export function reportMoney(c: ReportCurrency) {
  const conv = c.conversion;
  const symbol = conv ? (SYMBOLS[c.code] ?? `${c.code} `) : "$";
  /** a USD amount (picodollars) in the report's currency, at `decimals` (default: cents, 4 below 0.01) */
  const show = (p: Pico, decimals?: number): string => {
    if (!conv) return displayUsd(p, decimals === undefined ? {} : { decimals });
    const d = decimals ?? autoDecimals(divHalfEven(p * conv.num, conv.den));
    return displayScaled(divHalfEven(p * conv.num, conv.den * 10n ** BigInt(SCALE - d)), d, symbol);
  };
  return {
    /** "USD", or the reporting currency when a rate converts the figures */
    code: conv ? c.code : "USD",
    money: (p: Pico | null | undefined, decimals?: number) => (p === null || p === undefined ? DASH : show(p, decimals)),
    /** a cost per unit: 2 decimals from one unit of currency up, else 4 */
    unit: (p: Pico | null | undefined) => {
      if (p === null || p === undefined) return DASH;
      const inCcy = conv ? divHalfEven(p * conv.num, conv.den) : p;
      return show(p, (inCcy < 0n ? -inCcy : inCcy) >= 10n ** 12n ? 2 : 4);
    },
    /** an amount already in the report's currency (the chargeback's converted figures, decision 047) */
    converted: (p: Pico, decimals?: number) => displayMoney(p, symbol, decimals === undefined ? {} : { decimals }),
    /** a USD amount as a chart number in the report's currency (display only, never summed back) */
    chart: (p: Pico) => toChartNumber(conv ? divHalfEven(p * conv.num, conv.den) : p),
    /** a chart number's short label: "$13k", "€1.5k" */
    short: (x: number) => (conv ? shortUsd(x).replace("$", symbol) : shortUsd(x)),
    /** dollars as a display-precision number (a finding's evidence), two decimals with separators */
    dollars: (x: number | null) =>
      x === null
        ? DASH
        : `${symbol}${(conv ? (x * Number(conv.num)) / Number(conv.den) : x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  };
}

export type ReportMoney = ReturnType<typeof reportMoney>;
