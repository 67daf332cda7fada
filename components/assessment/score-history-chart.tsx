"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryPoint } from "@/lib/assessment/prepare-history";

/** Score over time; dashed lines at the walk (5) and run (9) thresholds. Renders prepared points only. */
export function ScoreHistoryChart({ points }: { points: HistoryPoint[] }) {
  return (
    <div
      style={{ width: "100%", height: 220 }}
      role="img"
      aria-label={`Score over time: ${points.map((p) => `${p.label} ${p.score}`).join(", ")}`}
    >
      <ResponsiveContainer>
        <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e6ec" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis domain={[0, 13]} ticks={[0, 4, 5, 8, 9, 13]} tick={{ fontSize: 12 }} width={32} />
          <ReferenceLine
            y={5}
            stroke="#b26a00"
            strokeDasharray="4 4"
            label={{ value: "walk", position: "insideTopLeft", fontSize: 11, fill: "#b26a00" }}
          />
          <ReferenceLine
            y={9}
            stroke="#1a7f4b"
            strokeDasharray="4 4"
            label={{ value: "run", position: "insideTopLeft", fontSize: 11, fill: "#1a7f4b" }}
          />
          <Tooltip formatter={(v) => [`${v} / 13`, "Score"]} />
          <Line type="monotone" dataKey="score" stroke="#2f5bea" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
