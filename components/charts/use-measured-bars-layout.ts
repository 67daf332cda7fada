"use client";
import { groupedBarsLayout } from "@/lib/charts/grouped-bars-layout";
import { useSize } from "./use-size";

type LayoutOptions = Omit<Parameters<typeof groupedBarsLayout>[0], "labels" | "width" | "height">;

/**
 * Bars over categories, measured and laid out: the chart's box (useSize; 0 × 0 before the first
 * layout, when nothing is drawn), the label layout for that width (groupedBarsLayout, pure and
 * tested), the chart margin it needs and the category axis's props. `values` are the rows'
 * category values as the axis receives them, `labels` what is shown for each (the same list
 * when nothing is formatted). Grouped bars and stacked bars over categories share it.
 */
export function useMeasuredBarsLayout(values: string[], labels: string[], options: LayoutOptions) {
  const { ref, width, height } = useSize<HTMLDivElement>();
  const layout = groupedBarsLayout({ labels, width, height, ...options });
  const tick = new Map(values.map((v, i) => [v, layout.ticks[i]]));
  return {
    ref,
    width,
    height,
    layout,
    margin: { top: 4, right: 8, bottom: 0, left: layout.leftMargin },
    xAxis: {
      tickFormatter: (v: string) => tick.get(v) ?? v,
      interval: layout.interval,
      angle: layout.angle,
      textAnchor: layout.angle === 0 ? ("middle" as const) : ("end" as const),
      height: layout.labelBand,
      tick: { fontSize: 11 },
    },
  };
}
