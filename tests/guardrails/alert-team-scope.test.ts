import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { transitionAlert } from "@/lib/alerts/manage-alerts";

useTestDatabase();

/** Issue 19, item 5's class on alerts: a lead could acknowledge or resolve another team's alerts. */
test("the support lead cannot resolve platform's alert; platform's lead and finance can", async () => {
  const org = await createOrganization("alert-scope", "Alert scope");
  const alert = await db().alert.create({
    data: { organizationId: org.id, kind: "budget", team: "platform", feature: "search", title: "Budget at 100 %", dedupeKey: "b1" },
  });
  const lead = (teamName: string) => ({ role: "ENGINEERING_LEAD" as const, member: { teamName } });
  await expect(transitionAlert(org.id, alert.id, "resolve", { userId: null }, lead("support"))).rejects.toMatchObject({
    status: 403,
    message: expect.stringMatching(/about team platform/),
  });
  expect((await db().alert.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: alert.id } } })).state).toBe(
    "open",
  );
  expect((await transitionAlert(org.id, alert.id, "acknowledge", { userId: null }, lead("platform"))).state).toBe("acknowledged");
  expect((await transitionAlert(org.id, alert.id, "resolve", { userId: null }, { role: "FINANCE" })).state).toBe("resolved");
});
