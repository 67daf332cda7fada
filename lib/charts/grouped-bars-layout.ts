/**
 * How grouped bars fit the width they get (STYLE.md "prepare, then draw"): whether the category
 * labels stand level, lean at 45° or stand upright, how many characters they keep, which labels
 * are skipped when even upright ones would touch, how tall the label band is, how much room the
 * first leaning label needs on the left, and whether the right axis keeps its title (the full
 * one, a short one, or none when not even that fits the plot's height; the legend names the
 * series either way). Pure: widths in px for 11 px labels, estimated per character. Stacked bars
 * over categories (components/charts/stacked-bars.tsx) use it too, without a right axis.
 */
export const CHAR_PX = 6.2; // mean advance of an 11 px system-ui character
const LINE_PX = 14; // one label line, with the gap two neighbours need
const LEFT_AXIS_PX = 48;
const RIGHT_AXIS_PX = 44;
const MARGIN_PX = 12;
const LEGEND_LINE_PX = 22;
const LEGEND_ITEM_PX = 28; // swatch and gaps beside each legend entry (12 px type)
const LEGEND_CHAR_PX = 6.8;
const MAX_LEAN_CHARS = 16;
const MAX_UPRIGHT_CHARS = 12;
const SIN45 = Math.SQRT1_2;

export type GroupedBarsLayout = {
  /** the label drawn under each category, in the order given (shortened with "…" when cut) */
  ticks: string[];
  angle: 0 | -45 | -90;
  /** draw every (interval + 1)-th label: 0 draws all */
  interval: number;
  /** height of the category label band */
  labelBand: number;
  leftMargin: number;
  /** the right axis's title, or null when it would not fit the plot's height */
  rightTitle: string | null;
};

export function shorten(label: string, chars: number): string {
  return label.length <= chars ? label : `${label.slice(0, Math.max(1, chars - 1))}…`;
}

export function groupedBarsLayout({
  labels,
  width,
  height,
  legend,
  right,
  leftAxis = LEFT_AXIS_PX,
}: {
  labels: string[];
  /** the chart's width and height in px */
  width: number;
  height: number;
  /** the legend's entries (they wrap onto more lines on a narrow chart and take the plot's height) */
  legend: string[];
  /** the right axis's titles, longest first, when there is a right axis */
  right?: { title: string; short: string };
  /** the left axis's width in px (stacked cost bars give their dollar ticks more room) */
  leftAxis?: number;
}): GroupedBarsLayout {
  const n = Math.max(1, labels.length);
  const plot = Math.max(1, width - leftAxis - (right ? RIGHT_AXIS_PX : 0) - MARGIN_PX);
  const slot = plot / n;
  const longest = Math.max(0, ...labels.map((l) => l.length));
  let layout: Omit<GroupedBarsLayout, "rightTitle">;
  if (longest * CHAR_PX + 6 <= slot) {
    layout = { ticks: labels, angle: 0, interval: 0, labelBand: 30, leftMargin: 4 };
  } else if (slot >= LINE_PX / SIN45) {
    const chars = Math.min(longest, MAX_LEAN_CHARS);
    const reach = chars * CHAR_PX * SIN45; // how far a leaning label reaches down and to the left
    layout = {
      ticks: labels.map((l) => shorten(l, chars)),
      angle: -45,
      interval: 0,
      labelBand: Math.ceil(reach) + 14,
      leftMargin: Math.max(4, Math.ceil(reach - slot / 2 - leftAxis + 8)),
    };
  } else {
    const chars = Math.min(longest, MAX_UPRIGHT_CHARS);
    layout = {
      ticks: labels.map((l) => shorten(l, chars)),
      angle: -90,
      interval: slot >= LINE_PX ? 0 : Math.ceil(LINE_PX / slot) - 1,
      labelBand: Math.ceil(chars * CHAR_PX) + 10,
      leftMargin: 4,
    };
  }
  if (!right) return { ...layout, rightTitle: null };
  const legendWidth = legend.reduce((s, l) => s + l.length * LEGEND_CHAR_PX + LEGEND_ITEM_PX, 0);
  const legendLines = Math.max(1, Math.ceil(legendWidth / Math.max(1, width - 20)));
  const plotHeight = height - layout.labelBand - legendLines * LEGEND_LINE_PX - 4;
  // Recharts draws an "insideRight" title turned 90° with its END at the axis's middle, so it
  // reaches up from there: it fits only in the upper half of the plot
  const fits = (t: string) => t.length * CHAR_PX + 8 <= plotHeight / 2;
  return { ...layout, rightTitle: fits(right.title) ? right.title : fits(right.short) ? right.short : null };
}
