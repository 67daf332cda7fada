"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shortDay, usdTick } from "@/lib/format";
import { colourFor } from "./palette";
import { useMeasuredBarsLayout } from "./use-measured-bars-layout";

const Y_AXIS_PX = 56;

type Props = {
  rows: Record<string, number | string>[];
  keys: string[];
  xFormat?: (x: string) => string;
  categorical?: boolean;
};

/**
 * Stacked bars; rows are prepared (numbers per key, zero for no spend). Over days by default;
 * `categorical` bars (one per feature) lay their labels out with groupedBarsLayout (pure,
 * tested): level, leaning or upright as the width allows, the first leaning label inside the chart.
 */
export function StackedBars({ rows, keys, xFormat = shortDay, categorical = false }: Props) {
  if (categorical) return <CategoryStackedBars rows={rows} keys={keys} xFormat={xFormat} />;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
        <CartesianGrid vertical={false} stroke="#eef1f5" />
        <XAxis dataKey="day" tickFormatter={xFormat} minTickGap={24} interval="preserveEnd" tick={{ fontSize: 11 }} />
        {stackedLayers(keys, xFormat)}
      </BarChart>
    </ResponsiveContainer>
  );
}

function CategoryStackedBars({ rows, keys, xFormat }: Required<Omit<Props, "categorical">>) {
  const days = rows.map((r) => String(r.day));
  const { ref, width, height, margin, xAxis } = useMeasuredBarsLayout(days, days.map(xFormat), {
    legend: keys,
    leftAxis: Y_AXIS_PX,
  });
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      {width > 0 && (
        <BarChart accessibilityLayer={false} width={width} height={height} data={rows} margin={margin}>
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="day" {...xAxis} />
          {stackedLayers(keys, xFormat)}
        </BarChart>
      )}
    </div>
  );
}

/** The dollar axis, tooltip, legend and one stacked bar per key: the same over days and over categories. */
function stackedLayers(keys: string[], xFormat: (x: string) => string) {
  return [
    <YAxis key="y" tickFormatter={usdTick} width={Y_AXIS_PX} tick={{ fontSize: 11 }} />,
    <Tooltip key="tooltip" formatter={(v) => usdTick(Number(v))} labelFormatter={(d) => xFormat(String(d))} />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
    ...keys.map((k, i) => <Bar key={k} dataKey={k} stackId="s" fill={colourFor(k, i)} isAnimationActive={false} />),
  ];
}
