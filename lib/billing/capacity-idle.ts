/**
 * Provisioned capacity: the hours it billed in a month, its utilisation from the tokens the
 * events on its model served, and the idle cost charged to its owner team. Pure.
 * utilisation = tokens served / (units × tokens per minute per unit × 60 × hours), capped at 1;
 * idle cost = hourly cost × hours × (1 − utilisation), rounded half-even to the picodollar.
 */
import { divHalfEven, formatUsd6, type Pico } from "../money";

export type CapacityInput = {
  id: string;
  name: string;
  model: string;
  ownerTeam: string;
  hourlyCostPico: Pico;
  capacityUnits: number;
  tokensPerMinutePerUnit: number;
  startsAt: Date;
  endsAt: Date | null;
};

export type CapacityMonth = {
  id: string;
  name: string;
  model: string;
  owner_team: string;
  hours: number;
  cost_usd: string;
  tokens_served: string;
  utilisation: number;
  idle_cost_usd: string;
  idlePico: Pico;
};

export function capacityMonth(c: CapacityInput, from: Date, to: Date, tokensServed: bigint): CapacityMonth {
  const s = Math.max(c.startsAt.getTime(), from.getTime());
  const e = Math.min(c.endsAt?.getTime() ?? Infinity, to.getTime());
  const hours = BigInt(Math.max(0, Math.floor((e - s) / 3_600_000)));
  const cost = c.hourlyCostPico * hours;
  const capacity = BigInt(c.capacityUnits) * BigInt(c.tokensPerMinutePerUnit) * 60n * hours;
  const served = tokensServed > capacity ? capacity : tokensServed;
  const idle = capacity > 0n ? divHalfEven(cost * (capacity - served), capacity) : cost;
  return {
    id: c.id,
    name: c.name,
    model: c.model,
    owner_team: c.ownerTeam,
    hours: Number(hours),
    cost_usd: formatUsd6(cost),
    tokens_served: served.toString(),
    utilisation: capacity > 0n ? Number((served * 1_000_000n) / capacity) / 1_000_000 : 0,
    idle_cost_usd: formatUsd6(idle),
    idlePico: idle,
  };
}
