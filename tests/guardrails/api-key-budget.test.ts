import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { listBudgets, upsertBudget } from "@/lib/budgets/manage-budgets";
import { checkGuardrail, clearReservations, refreshGuardrailSnapshot } from "@/lib/guardrails/check-guardrail";

/** Issue 23 (API-key scope): events record the ingest key that sent them; a budget / rate limit by key counts and limits that key only. */
useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const ev = (id: string) => ({
  id,
  timestamp: new Date(Date.now() - 60_000).toISOString(),
  feature: "chat",
  team: "support",
  model: "gpt-4o-mini",
  usage: { input_tokens: 10, output_tokens: 1 },
  cost_usd: "0.01",
});

test("a rate limit on one API key counts that key's events and blocks its checks only", async () => {
  const org = await createOrganization("key-scope", "Key scope");
  await ingestEvents(org.id, [ev("a1"), ev("a2")], { apiKeyId: "key-a" });
  await ingestEvents(org.id, [ev("b1")], { apiKeyId: "key-b" });
  await ingestEvents(org.id, [ev("n1")]); // a person's upload: no key
  const keys = await db().costEvent.findMany({
    where: { organizationId: org.id },
    orderBy: { eventId: "asc" },
    select: { eventId: true, apiKeyId: true },
  });
  expect(keys.map((k) => `${k.eventId}:${k.apiKeyId}`)).toEqual(["a1:key-a", "a2:key-a", "b1:key-b", "n1:null"]);

  await upsertBudget(
    org.id,
    { scope: "api_key", scope_ref: "key-a", unit: "requests", window: "24h", limit: "2", mode: "hard", thresholds: [100] },
    actor,
  );
  expect((await listBudgets(org.id))[0]).toMatchObject({ scope: "api_key", spent: "2", used: 1 });

  clearReservations();
  await refreshGuardrailSnapshot(org.id);
  const a = await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o-mini", apiKey: "key-a" });
  expect(a).toMatchObject({ decision: "block", reason: expect.stringMatching(/rate limit for api key key-a/) });
  expect(a.retry_after).toBeGreaterThan(0);
  expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o-mini", apiKey: "key-b" })).decision).toBe("allow");
  expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o-mini" })).decision).toBe("allow");
});
