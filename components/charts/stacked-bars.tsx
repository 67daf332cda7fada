"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shortDay, usdTick } from "@/lib/format";
import { groupedBarsLayout } from "@/lib/charts/grouped-bars-layout";
import { colourFor } from "./palette";
import { useSize } from "./use-size";

const Y_AXIS_PX = 56;

/**
 * Stacked bars; rows are prepared (numbers per key, zero for no spend). Over days by default;
 * `categorical` bars (one per feature) lay their labels out with groupedBarsLayout (pure,
 * tested): level, leaning or upright as the width allows, the first leaning label inside the chart.
 */
export function StackedBars({
  rows,
  keys,
  xFormat = shortDay,
  categorical = false,
}: {
  rows: Record<string, number | string>[];
  keys: string[];
  xFormat?: (x: string) => string;
  categorical?: boolean;
}) {
  if (categorical) return <CategoryStackedBars rows={rows} keys={keys} xFormat={xFormat} />;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
        <CartesianGrid vertical={false} stroke="#eef1f5" />
        <XAxis dataKey="day" tickFormatter={xFormat} minTickGap={24} interval="preserveEnd" tick={{ fontSize: 11 }} />
        <YAxis tickFormatter={usdTick} width={Y_AXIS_PX} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => usdTick(Number(v))} labelFormatter={(d) => xFormat(String(d))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {keys.map((k, i) => (
          <Bar key={k} dataKey={k} stackId="s" fill={colourFor(k, i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

function CategoryStackedBars({
  rows,
  keys,
  xFormat,
}: {
  rows: Record<string, number | string>[];
  keys: string[];
  xFormat: (x: string) => string;
}) {
  const { ref, width, height } = useSize<HTMLDivElement>();
  const labels = rows.map((r) => xFormat(String(r.day)));
  const layout = groupedBarsLayout({ labels, width, height, legend: keys, leftAxis: Y_AXIS_PX });
  const tick = new Map(rows.map((r, i) => [String(r.day), layout.ticks[i]]));
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      {width > 0 && (
        <BarChart
          accessibilityLayer={false}
          width={width}
          height={height}
          data={rows}
          margin={{ top: 4, right: 8, bottom: 0, left: layout.leftMargin }}
        >
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => tick.get(d) ?? d}
            interval={layout.interval}
            angle={layout.angle}
            textAnchor={layout.angle === 0 ? "middle" : "end"}
            height={layout.labelBand}
            tick={{ fontSize: 11 }}
          />
          <YAxis tickFormatter={usdTick} width={Y_AXIS_PX} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => usdTick(Number(v))} labelFormatter={(d) => xFormat(String(d))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k, i) => (
            <Bar key={k} dataKey={k} stackId="s" fill={colourFor(k, i)} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </div>
  );
}
