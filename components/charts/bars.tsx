"use client";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { colourFor } from "./palette";
import { useMeasuredBarsLayout } from "./use-measured-bars-layout";

/** Horizontal bars (top-N lists): long labels stay readable on the category axis. */
export function HBars({
  rows,
  format,
  labelWidth = 150,
  reference,
}: {
  rows: { label: string; value: number; bad?: boolean }[];
  format: (v: number) => string;
  labelWidth?: number;
  reference?: { value: number; label: string };
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        accessibilityLayer={false}
        data={rows}
        layout="vertical"
        margin={{ top: reference ? 18 : 0, right: 16, bottom: 0, left: 4 }}
      >
        <CartesianGrid horizontal={false} stroke="#eef1f5" />
        <XAxis
          type="number"
          tickFormatter={format}
          tick={{ fontSize: 11 }}
          domain={reference ? [0, (max: number) => Math.max(max, reference.value * 1.1)] : [0, "auto"]}
        />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 11 }} interval={0} />
        <Tooltip formatter={(v) => format(Number(v))} />
        {reference && (
          <ReferenceLine
            x={reference.value}
            stroke="#c23030"
            strokeDasharray="4 4"
            label={{
              value: reference.label,
              position: "top",
              fontSize: 11,
              fill: "#c23030",
            }}
          />
        )}
        <Bar dataKey="value" isAnimationActive={false}>
          {rows.map((r, i) => (
            <Cell key={r.label} fill={r.bad ? "#c23030" : colourFor(r.label, 0)} opacity={r.bad ? 1 : 1 - Math.min(i, 8) * 0.06} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Vertical bars (histogram): label per bucket, count on the y axis. */
export function ColumnBars({
  rows,
  yLabel,
  highlight,
}: {
  rows: { label: string; value: number }[];
  yLabel: string;
  highlight?: (i: number) => boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
        <CartesianGrid vertical={false} stroke="#eef1f5" />
        <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" minTickGap={12} />
        <YAxis
          allowDecimals={false}
          width={48}
          tick={{ fontSize: 11 }}
          label={{
            value: yLabel,
            angle: -90,
            position: "insideLeft",
            fontSize: 11,
            fill: "#5b6776",
          }}
        />
        <Tooltip />
        <Bar dataKey="value" name={yLabel} isAnimationActive={false}>
          {rows.map((r, i) => (
            <Cell key={r.label + i} fill={highlight?.(i) ? "#c23030" : "#2f5bea"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/**
 * Grouped vertical bars: several measures side by side per category. A series with
 * `axis: "right"` is drawn on its own right-hand axis (e.g. a ratio beside percentages); its
 * `short` title is used where the full one does not fit. How labels and the title fit the width
 * is decided by groupedBarsLayout (pure, tested); this only draws it.
 */
export function GroupedBars({
  rows,
  series,
  format,
  rightFormat = (v) => v.toFixed(2),
}: {
  rows: (Record<string, string | number | null> & { label: string })[];
  series: { key: string; label: string; axis?: "right"; short?: string }[];
  format: (v: number) => string;
  rightFormat?: (v: number) => string;
}) {
  const right = series.find((s) => s.axis === "right");
  const labels = rows.map((r) => r.label);
  const { ref, width, height, layout, margin, xAxis } = useMeasuredBarsLayout(labels, labels, {
    legend: series.map((s) => s.label),
    right: right ? { title: right.label, short: right.short ?? right.label } : undefined,
  });
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      {width > 0 && (
        <BarChart accessibilityLayer={false} width={width} height={height} data={rows} margin={margin}>
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="label" {...xAxis} />
          <YAxis yAxisId="left" tickFormatter={format} width={48} tick={{ fontSize: 11 }} />
          {right && (
            <YAxis
              yAxisId="right"
              orientation="right"
              tickFormatter={rightFormat}
              width={44}
              tick={{ fontSize: 11 }}
              label={
                layout.rightTitle
                  ? {
                      value: layout.rightTitle,
                      angle: 90,
                      position: "insideRight",
                      fontSize: 11,
                      fill: "#5b6776",
                    }
                  : undefined
              }
            />
          )}
          <Tooltip
            formatter={(v, name) =>
              v === null || v === undefined ? "no data" : right && name === right.label ? rightFormat(Number(v)) : format(Number(v))
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Bar
              key={s.key}
              yAxisId={s.axis === "right" ? "right" : "left"}
              dataKey={s.key}
              name={s.label}
              fill={colourFor(s.key, i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </div>
  );
}
