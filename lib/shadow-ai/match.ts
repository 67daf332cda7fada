/**
 * Matching a spend line against the organisation's rules, then the maintained vendor list. Pure.
 * Every match explains itself: which rule, which field, which text.
 */
import { MAINTAINED_VENDORS } from "./vendors";

export type Rule = {
  id: string | null;
  pattern: string;
  vendor: string;
  product: string;
  sanctioned: boolean;
  ignore: boolean;
  origin: "organisation" | "maintained list";
};
export type Match = { vendor: string; product: string; sanctioned: boolean; rule_id: string | null; explanation: string };

const norm = (s: string) => s.toUpperCase().replace(/\s+/g, " ").trim();

export function rulesFor(orgRules: Omit<Rule, "origin">[]): Rule[] {
  const org = orgRules.map((r) => ({ ...r, origin: "organisation" as const }));
  const builtin = MAINTAINED_VENDORS.map((v) => ({ id: null, ...v, sanctioned: false, ignore: false, origin: "maintained list" as const }));
  // the organisation's rules first, each group longest pattern first: the most specific rule wins
  const byLen = (a: Rule, b: Rule) => b.pattern.length - a.pattern.length;
  return [...org.sort(byLen), ...builtin.sort(byLen)];
}

export function matchLine(line: { merchant: string; description: string }, rules: Rule[]): Match | null {
  const fields = [
    ["merchant", norm(line.merchant)],
    ["description", norm(line.description)],
  ] as const;
  for (const r of rules) {
    const p = norm(r.pattern);
    if (!p) continue;
    for (const [field, text] of fields) {
      if (!text.includes(p)) continue;
      if (r.ignore) return null;
      return {
        vendor: r.vendor,
        product: r.product,
        sanctioned: r.sanctioned,
        rule_id: r.id,
        explanation: `${field} "${field === "merchant" ? line.merchant : line.description}" contains "${r.pattern}" (${r.origin}: ${r.vendor}${r.product && r.product !== r.vendor ? ` ${r.product}` : ""}${r.sanctioned ? ", sanctioned account" : ""})`,
      };
    }
  }
  return null;
}
