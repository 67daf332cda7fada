/**
 * "What changed" between the stored lines of a period and a new import of it, through lib/billing's
 * diffKeyedLines (keyed by day|person|model|kind). Pure. Amounts are 12-decimal strings.
 */
import { diffKeyedLines, type LineDiff } from "../billing/diff-lines";
import { agentLineKey, type AgentLine } from "./parse-agent-file";

export type AgentDiff = LineDiff;

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
  return diffKeyedLines(before, after, agentLineKey, same);
}
