import { niceAxis, shortUsd } from "@/lib/format";

export const EVENTS_COLOUR = "#2f5bea";
export const FIXED_COLOUR = "#16202c";

export type TrendBar = { label: string; events: number; fixed: number; highlight?: boolean; forecast?: number | null };

/**
 * Monthly spend as stacked vertical bars (events + fixed costs), hand-written SVG so the PDF
 * keeps vectors and the layout never depends on client-side measuring. Values are prepared
 * floats for drawing only; the tables beside it carry the exact figures.
 */
export function TrendChart({
  bars,
  width = 640,
  height = 230,
  short = shortUsd,
}: {
  bars: TrendBar[];
  width?: number;
  height?: number;
  /** a bar's or tick's short money label (the report's currency); "$13k" by default */
  short?: (x: number) => string;
}) {
  const pad = { top: 16, right: 12, bottom: 40, left: 56 };
  const top = Math.max(...bars.map((b) => Math.max(b.events + b.fixed, b.forecast ?? 0)), 0);
  const axis = niceAxis(top);
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(bars.length, 1);
  const bw = Math.min(56, slot * 0.6);
  const y = (v: number) => pad.top + innerH - (v / axis.max) * innerH;
  return (
    <ChartSvg
      width={width}
      height={height}
      label={`Monthly spend: ${bars.map((b) => `${b.label} ${short(b.events + b.fixed)}`).join(", ")}`}
    >
      {axis.ticks.map((t) => (
        <g key={t}>
          <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#e2e6ec" strokeWidth={1} />
          <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" fontSize={10} fill="#5b6776">
            {short(t)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = pad.left + slot * i + (slot - bw) / 2;
        const total = b.events + b.fixed;
        return (
          <g key={b.label}>
            {b.forecast != null && b.forecast > total && (
              <rect
                x={x}
                y={y(b.forecast)}
                width={bw}
                height={y(total) - y(b.forecast)}
                fill="none"
                stroke="#2f5bea"
                strokeDasharray="4 3"
                strokeWidth={1.2}
              />
            )}
            {/* the same colours as the legend for every month; the report month is marked by its bold label */}
            <rect x={x} y={y(b.events)} width={bw} height={y(0) - y(b.events)} fill={EVENTS_COLOUR} />
            {b.fixed > 0 && <rect x={x} y={y(total)} width={bw} height={y(b.events) - y(total)} fill={FIXED_COLOUR} />}
            <text x={x + bw / 2} y={y(Math.max(total, b.forecast ?? 0)) - 4} textAnchor="middle" fontSize={10} fill="#16202c">
              {short(total)}
            </text>
            <text
              x={x + bw / 2}
              y={height - pad.bottom + 13}
              textAnchor="middle"
              fontSize={10}
              fill="#314052"
              fontWeight={b.highlight ? 700 : 400}
            >
              {b.label}
            </text>
          </g>
        );
      })}
      <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#8a96a8" />
      <g transform={`translate(${pad.left}, ${height - 4})`} fontSize={10} fill="#314052">
        <rect width={10} height={8} y={-7} fill={EVENTS_COLOUR} />
        <text x={14}>usage cost (model calls)</text>
        <rect x={130} width={10} height={8} y={-7} fill={FIXED_COLOUR} />
        <text x={144}>fixed &amp; shared costs</text>
        {bars.some((b) => b.forecast != null) && (
          <>
            <rect x={270} width={10} height={8} y={-7} fill="none" stroke="#2f5bea" strokeDasharray="3 2" />
            <text x={284}>forecast (month end)</text>
          </>
        )}
      </g>
    </ChartSvg>
  );
}

/** Horizontal share bars (e.g. spend by team), SVG. */
export function ShareBars({ rows, width = 640 }: { rows: { label: string; value: number; text: string }[]; width?: number }) {
  const rowH = 18;
  const labelW = 150;
  const valueW = 90;
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const height = rows.length * rowH + 4;
  return (
    <ChartSvg width={width} height={height} label={rows.map((r) => `${r.label} ${r.text}`).join(", ")}>
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0, ${i * rowH})`}>
          <text x={0} y={13} fontSize={10.5} fill="#16202c">
            {r.label.length > 24 ? r.label.slice(0, 23) + "…" : r.label}
          </text>
          <rect x={labelW} y={3} height={12} width={Math.max(0, ((width - labelW - valueW) * r.value) / max)} fill="#2f5bea" rx={2} />
          <text x={width} y={13} fontSize={10.5} textAnchor="end" fill="#16202c">
            {r.text}
          </text>
        </g>
      ))}
    </ChartSvg>
  );
}

/** The report's charts: an image to assistive technology, named by the figures it draws; scales to the column. */
function ChartSvg({ width, height, label, children }: { width: number; height: number; label: string; children: React.ReactNode }) {
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label}>
      {children}
    </svg>
  );
}
