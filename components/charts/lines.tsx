"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { colourFor } from "./palette";

/** Lines over time; null values are gaps (no data), not zeros. Optional horizontal reference line. */
export function Lines({
  rows,
  series,
  xKey,
  xFormat,
  yFormat,
  reference,
}: {
  rows: Record<string, number | string | null>[];
  series: { key: string; label: string; dashed?: boolean }[];
  xKey: string;
  xFormat?: (x: string) => string;
  yFormat: (v: number) => string;
  reference?: { value: number; label: string };
}) {
  // the reference line's label sits above the plot (a label on the line collided with the dates when the line is low)
  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%" }}>
      {reference && (
        <div style={{ fontSize: 11, color: "#c23030", textAlign: "right", lineHeight: "14px" }}>
          <span aria-hidden="true">– – </span>
          {reference.label}
        </div>
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={rows} margin={{ top: 12, right: 16, bottom: 0, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#eef1f5" />
            <XAxis dataKey={xKey} tickFormatter={xFormat} minTickGap={24} tick={{ fontSize: 11 }} />
            <YAxis
              tickFormatter={yFormat}
              width={60}
              tick={{ fontSize: 11 }}
              domain={reference ? [0, (max: number) => Math.max(max, reference.value * 1.15)] : ["auto", "auto"]}
            />
            <Tooltip
              formatter={(v) => (v === null || v === undefined ? "no data" : yFormat(Number(v)))}
              labelFormatter={(x) => (xFormat ? xFormat(String(x)) : String(x))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {reference && <ReferenceLine y={reference.value} stroke="#c23030" strokeDasharray="4 4" />}
            {series.map((s, i) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={colourFor(s.key, i)}
                strokeDasharray={s.dashed ? "5 3" : undefined}
                dot={false}
                strokeWidth={2}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
