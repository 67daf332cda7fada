import "server-only";
import { db } from "../db";
import { listTeams } from "../orgs/list-names";
import { DAY_MS } from "../time";

/** Known values for the filter bar's Team and Model choices: teams as listTeams, models seen in the last 90 days of rollups. */
export async function listDimensions(organizationId: string, now = new Date()) {
  const since = new Date(now.getTime() - 90 * DAY_MS);
  const [teams, models] = await Promise.all([
    listTeams(organizationId),
    db().$queryRaw<{ model: string }[]>`
      SELECT DISTINCT model FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND day >= ${since}::date ORDER BY model LIMIT 500`,
  ]);
  return { teams, models: models.map((m) => m.model) };
}
