import "server-only";
import { db } from "../db";
import { parseUsd, type Pico } from "../money";
import { DAY_MS } from "../time";
import { UNALLOCATED } from "../costs/schemas";
import { teamsOfPeople } from "./import-agent-usage";

/**
 * Coding-agent seats nobody used, per team, for the opportunities list: a seat of the current month
 * (or, early in a month before its seats are imported, the previous month) whose holder showed no
 * activity in the last 30 days and has no usage lines. Saving = those seats' monthly price.
 */
export async function unusedSeatsByTeam(organizationId: string, now = new Date()) {
  const cur = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const seats = await db().agentUsageLine.findMany({
    where: { organizationId, kind: "seat", day: { gte: prev, lte: cur } },
    select: { day: true, person: true, tool: true, costUsd: true, lastActiveAt: true },
  });
  const month = seats.some((s) => s.day.getTime() === cur.getTime()) ? cur : prev;
  const inMonth = seats.filter((s) => s.day.getTime() === month.getTime());
  if (!inMonth.length) return [];
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const used = new Set(
    (
      await db().agentUsageLine.findMany({
        where: { organizationId, kind: "usage", day: { gte: since }, person: { in: inMonth.map((s) => s.person) } },
        select: { person: true },
        distinct: ["person"],
      })
    ).map((u) => u.person),
  );
  const teams = await teamsOfPeople(
    organizationId,
    inMonth.map((s) => s.person),
  );
  const by = new Map<
    string,
    { seatsPico: Pico; unusedPico: Pico; seats: number; unused: { person: string; tool: string; last_active: string | null }[] }
  >();
  for (const s of inMonth) {
    const team = teams.get(s.person) ?? UNALLOCATED;
    const t = by.get(team) ?? { seatsPico: 0n, unusedPico: 0n, seats: 0, unused: [] };
    const price = parseUsd(s.costUsd.toString());
    t.seatsPico += price;
    t.seats++;
    if (!used.has(s.person) && (!s.lastActiveAt || s.lastActiveAt < since)) {
      t.unusedPico += price;
      t.unused.push({ person: s.person, tool: s.tool, last_active: s.lastActiveAt?.toISOString().slice(0, 10) ?? null });
    }
    by.set(team, t);
  }
  return [...by].filter(([, t]) => t.unused.length > 0).map(([team, t]) => ({ team, month: month.toISOString().slice(0, 7), ...t }));
}
