/**
 * Creates the fixture organisations of e2e/fixtures.ts (docs/decisions/030) while the e2e harness
 * still holds the database (PGlite: one process), through the app's own functions, and writes
 * what the specs need (slugs, names, sign-in emails) to a JSON file. A per-run suffix makes
 * every slug and email new, so a re-used PostgreSQL database never collides with an earlier run.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { addMember, createOrganization } from "../lib/orgs/manage-members";
import { db } from "../lib/db";
import { ingestEvents } from "../lib/ingestion/ingest-events";
import { updateFeatureSetting } from "../lib/settings/update-settings";
import { setChargebackMode } from "../lib/month-close/close-month";
import { createFixedCost } from "../lib/costs/manage-fixed-costs";
import { createFixedCostSchema } from "../lib/costs/schemas";
import { seedBillingDemo } from "../lib/demo/seed-billing";
import { FIXTURE_PASSWORD, FIXTURES, fixtureEmail, type FixtureFile, type FixtureKey, type FixtureSpec } from "../e2e/fixtures";

const SYSTEM = { userId: null, apiKeyId: null };

export async function createFixtureOrgs(file: string, now = new Date()): Promise<FixtureFile> {
  // each e2e run starts with no sign-in failures counted: the suite signs in from one address,
  // and a DATABASE_URL reused across runs would add its wrong-password tests up to a lockout
  await db().authThrottle.deleteMany({});
  const run = `${now.getTime().toString(36)}${randomBytes(2).toString("hex")}`;
  const orgs = {} as FixtureFile["orgs"];
  for (const [key, spec] of Object.entries(FIXTURES) as [FixtureKey, FixtureSpec][]) {
    const slug = `e2e-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${run}`;
    orgs[key] = await createFixtureOrg(slug, `${spec.name} ${run}`, spec, now);
  }
  const out: FixtureFile = { run, orgs };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  return out;
}

async function createFixtureOrg(slug: string, name: string, spec: FixtureSpec, now: Date) {
  const org = await createOrganization(slug, name);
  if (spec.chargebackMode) await setChargebackMode(org.id, "chargeback", SYSTEM);
  const users: FixtureFile["orgs"][FixtureKey]["users"] = {};
  for (const m of spec.members) {
    if (users[m.role]) throw new Error(`fixture ${slug}: one member per role (${m.role} twice)`);
    const email = fixtureEmail(slug, m.role);
    await addMember(org.id, { email, role: m.role, password: FIXTURE_PASSWORD, team: m.team }, SYSTEM, { createTeam: true });
    users[m.role] = email;
  }
  const events = spec.events?.(now) ?? [];
  if (events.length) {
    const res = await ingestEvents(org.id, events, { source: "api" });
    if (res.rejected.length) throw new Error(`fixture ${slug}: event rejected: ${JSON.stringify(res.rejected[0])}`);
  }
  for (const [feature, owner_team] of Object.entries(spec.featureOwners ?? {})) {
    await updateFeatureSetting(org.id, feature, { owner_team }, SYSTEM);
  }
  for (const cost of spec.fixedCosts?.(now) ?? []) await createFixedCost(org.id, createFixedCostSchema.parse(cost), SYSTEM);
  if (spec.billingStory) await seedBillingDemo(org.id, now);
  return { slug, name, users };
}
