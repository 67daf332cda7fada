import "server-only";
import { unusedSeatsByTeam } from "../../coding-agents/unused-seats";
import { type Candidate, type OpportunityContext } from "../context";

export const kind = "unused_seats" as const;

/** Coding-agent seats nobody used: the saving is their monthly price (lib/coding-agents). */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  return (await unusedSeatsByTeam(ctx.organizationId, ctx.now)).map((t) => {
    const names = t.unused.map((u) => u.person);
    return {
      id: `unused_seats:${t.team}`,
      kind,
      feature: "coding agents",
      owner_team: t.team === "unallocated" ? null : t.team,
      title: `Cancel ${t.unused.length} unused coding-agent seat${t.unused.length === 1 ? "" : "s"} (${t.team})`,
      basis: [
        `${t.unused.length} of ${t.seats} seats of ${t.month} show no activity in the last 30 days and no usage: ${names.slice(0, 6).join(", ")}${names.length > 6 ? "…" : ""}.`,
        "The saving is those seats' monthly price, as imported.",
      ],
      evidence: { month: t.month, seats: t.seats, unused: t.unused },
      proposal: { type: "change_request", feature: "coding agents", change: `Cancel or reassign the seats of ${names.join(", ")}.` },
      saving: t.unusedPico,
      cost: t.seatsPico,
    };
  });
}
