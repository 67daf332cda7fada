/**
 * "What changed" between the stored lines of a period and a new import of it (as lib/billing's
 * diff-lines, keyed by day|person|model|kind). Pure. Amounts are 12-decimal strings.
 */
import { toDecimalString } from "../money";
import { agentLineKey, type AgentLine } from "./parse-agent-file";

export type AgentDiff = {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  cost_delta_usd: string;
  items: { key: string; change: "added" | "removed" | "changed"; before_usd: string | null; after_usd: string | null }[];
};

const same = (a: AgentLine, b: AgentLine) =>
  a.costPico === b.costPico &&
  a.tool === b.tool &&
  a.inputTokens === b.inputTokens &&
  a.outputTokens === b.outputTokens &&
  a.cacheReadTokens === b.cacheReadTokens &&
  a.cacheWriteTokens === b.cacheWriteTokens &&
  a.requests === b.requests &&
  a.sessions === b.sessions &&
  a.linesAccepted === b.linesAccepted &&
  (a.lastActiveAt ?? null) === (b.lastActiveAt ?? null);

export function diffAgentLines(before: AgentLine[], after: AgentLine[]): AgentDiff {
  const old = new Map(before.map((l) => [agentLineKey(l), l]));
  const out: AgentDiff = { added: 0, removed: 0, changed: 0, unchanged: 0, cost_delta_usd: "0", items: [] };
  let delta = 0n;
  const push = (i: AgentDiff["items"][number]) => void (out.items.length < 50 && out.items.push(i));
  for (const l of after) {
    const k = agentLineKey(l);
    const o = old.get(k);
    old.delete(k);
    delta += l.costPico - (o?.costPico ?? 0n);
    if (!o) {
      out.added++;
      push({ key: k, change: "added", before_usd: null, after_usd: toDecimalString(l.costPico) });
    } else if (!same(o, l)) {
      out.changed++;
      push({ key: k, change: "changed", before_usd: toDecimalString(o.costPico), after_usd: toDecimalString(l.costPico) });
    } else out.unchanged++;
  }
  for (const [k, o] of old) {
    out.removed++;
    delta -= o.costPico;
    push({ key: k, change: "removed", before_usd: toDecimalString(o.costPico), after_usd: null });
  }
  out.cost_delta_usd = toDecimalString(delta);
  return out;
}
