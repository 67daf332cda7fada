import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { createOverride } from "@/lib/pricing/manage-overrides";
import { overrideInputSchema } from "@/lib/pricing/schemas";
import { loadOverrides } from "@/lib/pricing/load-overrides";
import { priceBookCost } from "@/lib/pricing/price-event";
import { parseUsd } from "@/lib/money";
import { loadGroups } from "@/lib/opportunities/load-inputs";
import { repriceRows } from "@/lib/opportunities/reprice";
import { findOpportunities, findOpportunity, getOpportunities } from "@/lib/opportunities/get-opportunities";
import { createDraft, decideDraft, listDrafts } from "@/lib/opportunities/manage-drafts";
import { checkGuardrail, refreshGuardrailSnapshot } from "@/lib/guardrails/check-guardrail";
import { flushDecisionLog } from "@/lib/guardrails/log-decision";
import type { Member } from "@/lib/auth/session";
import { DAY_MS } from "../../lib/time";

useTestDatabase();

const NOW = new Date();
const FROM = "gpt-4o-2024-08-06";
const TO = "gpt-4o-mini-2024-07-18";
const CENT_MILLIONTH = 10_000n; // 1e-8 USD in picodollars

/** A fixed, varied set: every token type, 20 days of the window, a caller-priced event, two models. */
function fixedEvents() {
  const out = [];
  for (let i = 0; i < 240; i++) {
    const input = 1_000 + ((i * 7919) % 30_000);
    const cached = i % 3 === 0 ? Math.floor(input * 0.45) : 0;
    const write = i % 5 === 0 ? Math.floor((input - cached) * 0.3) : 0;
    const output = 50 + ((i * 104_729) % 4_000);
    out.push({
      id: `rp-${i}`,
      timestamp: new Date(NOW.getTime() - (2 + (i % 20)) * DAY_MS - (i % 13) * 3_600_000).toISOString(),
      feature: "chat",
      team: "support",
      tenant: { id: `t-${i % 9}`, tier: i % 2 ? "pro" : "free" },
      session_id: `s-${Math.floor(i / 3)}`,
      user_id: `u-${i % 17}`,
      provider: "openai",
      model: i % 2 === 1 ? TO : FROM, // 120 calls each: enough same-feature evidence for the candidate
      usage: {
        input_tokens: input,
        output_tokens: output,
        cached_input_tokens: cached,
        cache_write_tokens: write,
        reasoning_tokens: i % 7 === 0 ? Math.floor(output / 2) : 0,
      },
      outcome: i % 10 === 0 ? "failure" : "success",
      ...(i === 17 ? { cost_usd: "0.5" } : {}),
    });
  }
  return out;
}

function member(role: Member["role"], teamName: string | null, userId: string, organizationId: string): Member {
  return { userId, email: `${userId}@x.test`, name: null, organizationId, orgSlug: "x", orgName: "X", role, teamName };
}

describe("re-pricing rollups under a model switch", () => {
  test("equals a per-event recomputation to the cent-millionth, overrides in force included", async () => {
    const org = await createOrganization("opp-reprice", "Reprice");
    await db().feature.create({ data: { organizationId: org.id, name: "chat", ownerTeam: "support" } });
    // an organisation rate for the candidate that starts in the middle of the window: the price book in force per day
    await createOverride(
      org.id,
      overrideInputSchema.parse({
        provider: "openai",
        model: TO,
        kind: "rates",
        input_per_mtok_usd: "0.123456",
        output_per_mtok_usd: "0.654321",
        cached_input_per_mtok_usd: "0.0617",
        effective_from: new Date(NOW.getTime() - 10 * DAY_MS).toISOString().slice(0, 10),
      }),
      { userId: null },
    );
    const res = await ingestEvents(org.id, fixedEvents());
    expect(res.accepted).toBe(240);

    const to = NOW.toISOString().slice(0, 10);
    const from = new Date(NOW.getTime() - 30 * DAY_MS).toISOString().slice(0, 10);
    const overrides = await loadOverrides(org.id);
    const groups = (await loadGroups(org.id, from, to)).filter((g) => g.model === FROM);
    const rows = groups.map((g) => ({
      day: g.day,
      inputTokens: BigInt(g.input),
      outputTokens: BigInt(g.output),
      cachedInputTokens: BigInt(g.cached),
      cacheWriteTokens: BigInt(g.write),
    }));
    const viaRollups = repriceRows(rows, { provider: "openai", model: TO }, overrides)!;

    // the reference: every raw event, priced one by one at the candidate (test-only read of CostEvent)
    const events = await db().costEvent.findMany({ where: { organizationId: org.id, model: FROM } });
    let perEvent = 0n;
    for (const e of events) {
      perEvent += priceBookCost(
        {
          provider: "openai",
          model: TO,
          timestamp: e.timestamp,
          inputTokens: e.inputTokens,
          outputTokens: e.outputTokens,
          cachedInputTokens: e.cachedInputTokens,
          cacheWriteTokens: e.cacheWriteTokens,
        },
        overrides,
      )!.cost;
    }
    expect(events.length).toBe(120);
    const diff = viaRollups > perEvent ? viaRollups - perEvent : perEvent - viaRollups;
    expect(diff).toBeLessThanOrEqual(CENT_MILLIONTH);
    // the override really moved the figure: catalog-only pricing differs
    const catalogOnly = repriceRows(rows, { provider: "openai", model: TO }, [])!;
    expect(catalogOnly).not.toBe(viaRollups);

    // the opportunity's saving is what was counted minus that recomputation
    const { opportunities } = await getOpportunities(org.id, NOW);
    const o = opportunities.find((x) => x.id === `model_switch:chat:${FROM}`)!;
    expect(o.proposal).toEqual({ type: "guardrail_downgrade", feature: "chat", from_model: FROM, to_model: TO });
    const counted = events.reduce((a, e) => a + parseUsd(e.costUsd.toString()), 0n);
    const expected = counted - perEvent;
    const got = parseUsd(o.monthly_saving_usd);
    expect(got > expected ? got - expected : expected - got).toBeLessThanOrEqual(CENT_MILLIONTH + 500_000n); // + the 6-decimal rounding of the API figure
    expect(o.owner_team).toBe("support");
    expect(o.basis.join(" ")).toMatch(/this feature/); // gpt-4o-mini's evidence is from chat itself
  });

  test("a draft's lookup by key (only its kind's detector) finds exactly the listed opportunity", async () => {
    const org = await db().organization.findUniqueOrThrow({ where: { slug: "opp-reprice" } });
    const { opportunities } = await findOpportunities(org.id, NOW);
    expect(opportunities.map((o) => o.kind)).toContain("model_switch");
    for (const o of opportunities) expect((await findOpportunity(org.id, o.id, NOW)).opportunity).toEqual(o);
    expect((await findOpportunity(org.id, "model_switch:chat:no-such-model", NOW)).opportunity).toBeNull();
    expect((await findOpportunity(org.id, "no_such_kind:chat", NOW)).opportunity).toBeNull();
  });

  test("a draft changes nothing until the owning team's lead approves it; then the check answers downgrade", async () => {
    const org = await db().organization.findUniqueOrThrow({ where: { slug: "opp-reprice" } });
    const users = await Promise.all(
      ["lead-support", "lead-other", "viewer", "admin"].map((id) => db().user.create({ data: { id: `${id}-u`, email: `${id}@opp.test` } })),
    );
    const [lead, otherLead, viewer] = [
      member("ENGINEERING_LEAD", "support", users[0].id, org.id),
      member("ENGINEERING_LEAD", "growth", users[1].id, org.id),
      member("VIEWER", null, users[2].id, org.id),
    ];

    const draft = await createDraft(
      org.id,
      { opportunity_id: `model_switch:chat:${FROM}`, note: "from the assistant" },
      { apiKeyId: null, userId: users[3].id },
      NOW,
    );
    expect(draft.status).toBe("draft");
    await refreshGuardrailSnapshot(org.id);
    expect((await checkGuardrail(org.id, { feature: "chat", model: FROM })).decision).toBe("allow");
    await expect(createDraft(org.id, { opportunity_id: `model_switch:chat:${FROM}` }, { userId: users[3].id }, NOW)).rejects.toThrow(
      /already waiting/,
    );

    await expect(decideDraft(org.id, draft.id, "approve", viewer, undefined, NOW)).rejects.toThrow(
      /Only an admin or an engineering lead of team support/,
    );
    await expect(decideDraft(org.id, draft.id, "approve", otherLead, undefined, NOW)).rejects.toThrow(/team support/);
    const approved = await decideDraft(org.id, draft.id, "approve", lead, "trial for a month", NOW);
    expect(approved.status).toBe("applied");
    await expect(decideDraft(org.id, draft.id, "approve", lead, undefined, NOW)).rejects.toThrow(/already decided/);

    expect(await checkGuardrail(org.id, { feature: "chat", model: FROM })).toMatchObject({ decision: "downgrade", model: TO });
    // an application that already asks for the approved model is not blocked by its own rule
    expect((await checkGuardrail(org.id, { feature: "chat", model: TO })).decision).toBe("allow");
    expect((await db().guardrailPolicy.findFirstOrThrow({ where: { organizationId: org.id, feature: "chat" } })).fallbackModel).toBe(TO);
    const audit = await db().auditLog.findMany({ where: { organizationId: org.id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["policy_draft.create", "policy_draft.approve", "guardrail.policy.update"]),
    );

    // realised vs estimated: pending until 31 days after the decision, then measured from rollups
    const [listed] = await listDrafts(org.id, {}, NOW);
    expect(listed.realised).toMatchObject({ status: "pending", days_left: 31 });
    const later = await listDrafts(org.id, {}, new Date(NOW.getTime() + 32 * DAY_MS));
    expect(later[0].realised).toMatchObject({
      status: "measured",
      after_usd: "0.000000",
      realised_usd: later[0].baseline_monthly_cost_usd,
    });

    await decideDraft(org.id, draft.id, "withdraw", lead, undefined, NOW);
    expect((await checkGuardrail(org.id, { feature: "chat", model: FROM })).decision).toBe("allow");
    await flushDecisionLog();
    expect(
      await db().guardrailDecision.count({ where: { organizationId: org.id, decision: "downgrade", reason: { contains: draft.id } } }),
    ).toBe(1);
  });
});
