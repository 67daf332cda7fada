import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { uploadEventRows } from "@/lib/ingestion/upload-events";
import type { Principal } from "@/lib/auth/principal";
import type { Member } from "@/lib/auth/session";

useTestDatabase();

const person = (organizationId: string, role: Member["role"], teamName: string | null, userId: string): Principal => ({
  organizationId,
  role,
  member: { userId, email: `${userId}@corp.test`, name: null, organizationId, orgSlug: "x", orgName: "X", role, teamName },
});
const row = (id: string, team: string, feature: string, cost: string) => ({
  id,
  timestamp: new Date().toISOString(),
  feature,
  team,
  model: "gpt-4o-2024-08-06",
  "usage.input_tokens": "10",
  "usage.output_tokens": "5",
  cost_usd: cost,
});

describe("a person's CSV upload is limited to what they may own, attributed and audited", () => {
  test("the support lead cannot bill platform; their own rows are kept; one audit entry names them with the counts", async () => {
    const org = await createOrganization("upload-scope", "Upload scope");
    await db().feature.createMany({
      data: [
        { organizationId: org.id, name: "search", ownerTeam: "platform" },
        { organizationId: org.id, name: "support-bot", ownerTeam: "support" },
      ],
    });
    const lead = person(org.id, "ENGINEERING_LEAD", "support", "u-support-lead");
    const result = await uploadEventRows(lead, [
      row("ok-1", "support", "support-bot", "1.50"),
      row("steal-1", "platform", "search", "999999"), // the reproduction
      row("steal-2", "support", "search", "5"), // own team on the row, but platform's feature
      { ...row("bad-1", "support", "support-bot", "1"), "usage.input_tokens": "many" }, // invalid as before
      row("ok-2", "support", "new-feature", "0.25"),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.index, r.id])).toEqual([
      [1, "steal-1"],
      [2, "steal-2"],
      [3, "bad-1"],
    ]);
    expect(result.rejected[0].errors[0]).toMatch(/team: platform is not your team/);
    expect(result.rejected[1].errors[0]).toMatch(/“search” belongs to team platform/);
    expect(result.rejected[2].errors[0]).toMatch(/usage\.input_tokens/);
    const stored = await db().costEvent.findMany({ where: { organizationId: org.id }, select: { eventId: true, team: true } });
    expect(stored.map((e) => e.eventId).sort()).toEqual(["ok-1", "ok-2"]);

    const audit = await db().auditLog.findMany({ where: { organizationId: org.id, action: "events.upload" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorUserId).toBe("u-support-lead");
    expect(audit[0].after).toEqual({
      rows: 5,
      accepted: 2,
      duplicates: 0,
      rejected: 3,
      out_of_scope: 2,
      teams: ["support"],
      features: ["new-feature", "support-bot"],
      event_ids: ["ok-1", "ok-2"],
    });
  });

  test("finance uploads for any team (and is audited too)", async () => {
    const org = await createOrganization("upload-finance", "Upload finance");
    await db().feature.create({ data: { organizationId: org.id, name: "search", ownerTeam: "platform" } });
    const result = await uploadEventRows(person(org.id, "FINANCE", null, "u-fin"), [row("f-1", "platform", "search", "12")]);
    expect(result).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await db().auditLog.count({ where: { organizationId: org.id, action: "events.upload", actorUserId: "u-fin" } })).toBe(1);
  });
});
