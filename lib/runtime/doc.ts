import { RUNTIME_SLOTS, type SlotInfo } from "./slots";

/** Markers around the generated table in docs/process-state.md. */
export const TABLE_BEGIN = "<!-- generated from lib/runtime/slots.ts by `npm run docs:process-state`: do not edit -->";
export const TABLE_END = "<!-- end of generated table -->";

function bound(s: SlotInfo): string {
  if (s.max !== undefined) return `LRU of ${String(s.max).replace(/\B(?=(\d{3})+$)/g, " ")} entries`;
  return s.bound ?? "—";
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The table of process-global state, as docs/process-state.md shows it. */
export function processStateTable(slots: Record<string, SlotInfo> = RUNTIME_SLOTS): string {
  const rows = Object.entries(slots).map(
    ([name, s]) =>
      `| \`__spendline${name}\` | \`${s.module}\` | ${s.kind} | ${cell(s.what)} | ${cell(bound(s))} | ${cell(s.severalProcesses)} |`,
  );
  return ["| global | module | kind | what | bound | when there are several processes |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

/** `doc` with the text between the markers replaced by the generated table. */
export function withProcessStateTable(doc: string): string {
  const begin = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error("docs/process-state.md: the generated-table markers are missing");
  return doc.slice(0, begin + TABLE_BEGIN.length) + "\n" + processStateTable() + "\n" + doc.slice(end);
}
