import { DataTable, type Column } from "../ui/data-table";
import { num, usd } from "@/lib/format";
import type { Chargeback } from "@/lib/chargeback/get-chargeback";

type Endpoint = NonNullable<Chargeback["endpoint_time"]>[number];
type Line = {
  key: string;
  endpoint: string;
  team: string;
  feature: string | null;
  requests: number | null;
  tokens: string | null;
  amount_usd: string;
};

const columns: Column<Line>[] = [
  { key: "endpoint", label: "Endpoint", value: (r) => r.endpoint },
  { key: "team", label: "Team", value: (r) => r.team, render: (r) => (r.team === "unallocated" ? <em>unallocated</em> : r.team) },
  {
    key: "feature",
    label: "Feature",
    value: (r) => r.feature ?? "idle",
    render: (r) => r.feature ?? <span className="badge badge-warn">idle: no calls</span>,
  },
  {
    key: "requests",
    label: "Requests",
    numeric: true,
    value: (r) => r.requests,
    render: (r) => (r.requests === null ? "—" : num(r.requests)),
  },
  {
    key: "tokens",
    label: "Tokens",
    numeric: true,
    value: (r) => r.tokens,
    render: (r) => (r.tokens === null ? "—" : num(Number(r.tokens))),
  },
];

/**
 * Time-priced endpoints of the month (decision 057): each endpoint's running time at its price
 * per hour, allocated to the teams' features that called it, and its idle time on its own line.
 * These amounts are part of each team's fixed and shared costs above.
 */
export function EndpointTimeTable({ month, endpoints }: { month: string; endpoints: Endpoint[] }) {
  const lines: Line[] = endpoints.flatMap((e) => [
    ...e.by_feature.map((f) => ({
      key: `${e.endpoint}|${f.team}|${f.feature}`,
      endpoint: e.endpoint,
      team: f.team,
      feature: f.feature,
      requests: f.requests,
      tokens: f.tokens,
      amount_usd: f.amount_usd,
    })),
    ...e.idle.map((i) => ({
      key: `${e.endpoint}|${i.team}|idle`,
      endpoint: e.endpoint,
      team: i.team,
      feature: null,
      requests: null,
      tokens: null,
      amount_usd: i.amount_usd,
    })),
  ]);
  return (
    <>
      <DataTable
        title={`Time-priced endpoints, ${month}`}
        filename={`chargeback-${month}-endpoint-time.csv`}
        columns={columns}
        rows={lines}
        rowKey={(r) => r.key}
        empty="No running time recorded for this month."
      />
      <ul className="muted" style={{ fontSize: 12, marginTop: 0 }}>
        {endpoints.map((e) => (
          <li key={e.endpoint}>
            {e.endpoint}: {e.hours} h priced, {usd(e.cost_usd)} charged (idle {usd(e.idle_usd)}), allocated by {e.allocation_rule}
            {e.unpriced_hours !== "0.000000" ? `; ${e.unpriced_hours} h ran with no time rule in the price book and are not charged` : ""}.
          </li>
        ))}
      </ul>
    </>
  );
}
