"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shortDay, usdTick } from "@/lib/format";
import { colourFor } from "./palette";

/** Daily stacked bars; rows are prepared (numbers per key, zero for no spend). */
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
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
        <CartesianGrid vertical={false} stroke="#eef1f5" />
        <XAxis
          dataKey="day"
          tickFormatter={xFormat}
          minTickGap={categorical ? 0 : 24}
          interval={categorical ? 0 : "preserveEnd"}
          angle={categorical && rows.length > 4 ? -20 : 0}
          textAnchor={categorical && rows.length > 4 ? "end" : "middle"}
          height={categorical && rows.length > 4 ? 56 : 30}
          tick={{ fontSize: 11 }}
        />
        <YAxis tickFormatter={usdTick} width={56} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => usdTick(Number(v))} labelFormatter={(d) => xFormat(String(d))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {keys.map((k, i) => (
          <Bar key={k} dataKey={k} stackId="s" fill={colourFor(k, i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
