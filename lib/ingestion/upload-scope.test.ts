import { describe, expect, test } from "vitest";
import { uploadRowRefusal, type Uploader } from "./upload-scope";

const lead: Uploader = { role: "ENGINEERING_LEAD", member: { teamName: "support" } };
const owners = new Map<string, string | null>([
  ["support-bot", "support"],
  ["search", "platform"],
  ["shared-draft", null],
]);

describe("what an uploader may add", () => {
  test.each([
    ["admin, any team", { role: "ADMIN" }, { team: "platform", feature: "search" }, null],
    ["finance, any team", { role: "FINANCE" }, { team: "platform", feature: "search" }, null],
    ["lead, own team and feature", lead, { team: "support", feature: "support-bot" }, null],
    ["lead, own team, feature without owner", lead, { team: "support", feature: "shared-draft" }, null],
    ["lead, own team, new feature", lead, { team: "support", feature: "brand-new" }, null],
    ["lead, own team with spaces", lead, { team: " support ", feature: "support-bot" }, null],
    ["lead, another team", lead, { team: "platform", feature: "support-bot" }, /team: platform is not your team.*own team \(support\)/],
    ["lead, no team on the row", lead, { feature: "support-bot" }, /team: missing.*set team to support/],
    ["lead, another team's feature", lead, { team: "support", feature: "search" }, /“search” belongs to team platform/],
    ["lead without a team", { role: "ENGINEERING_LEAD", member: { teamName: null } }, { team: "support" }, /ask an admin to set it/],
  ] as [string, Uploader, Record<string, unknown>, RegExp | null][])("%s", (_name, who, row, refusal) => {
    const r = uploadRowRefusal(who, row, owners);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toMatch(refusal);
  });
});
