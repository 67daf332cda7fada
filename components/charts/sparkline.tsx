"use client";
import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";

/** A tiny daily line for evidence; its numbers are beside it in the finding's table. */
export function Sparkline({ values, label, colour = "#2f5bea" }: { values: number[]; label: string; colour?: string }) {
  const rows = values.map((v, i) => ({ i, v }));
  return (
    <figure style={{ margin: 0, width: 140 }}>
      <div role="img" aria-label={label} style={{ width: 140, height: 36 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={rows} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
            <YAxis hide domain={[0, "auto"]} />
            <Line dataKey="v" stroke={colour} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted" style={{ fontSize: 10, textAlign: "right" }}>
        {label}
      </figcaption>
    </figure>
  );
}
