import { describe, expect, test } from "vitest";
import cronParser from "cron-parser";
import { JOBS, jobDefinition } from "./definitions";
import { PASS_BUDGET_MS, REQUEST_TIMEOUT_MS } from "../alerts/deliver-webhooks";

describe("job definitions", () => {
  test("names are unique and valid pg-boss queue names", () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
    for (const j of JOBS) expect(j.name).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  test.each(JOBS.filter((j) => j.cron).map((j) => [j.name, j] as const))("%s: a valid UTC cron, never two runs at once", (_, j) => {
    expect(() => cronParser.parseExpression(j.cron!, { tz: "UTC" })).not.toThrow();
    // stately: one waiting + one running across instances (a slow run never overlaps the next slot's)
    expect(j.policy).toBe("stately");
  });

  test.each(JOBS.map((j) => [j.name, j] as const))("%s: retried after a crash, with its reason to be idempotent", (_, j) => {
    expect(j.retryLimit).toBeGreaterThanOrEqual(1);
    expect(j.expireInSeconds).toBeGreaterThanOrEqual(60);
    expect(j.idempotent.length).toBeGreaterThan(20);
  });

  test("a restatement's lease outlives its 30-minute transaction (else a live run would be retried beside itself)", () => {
    expect(jobDefinition("restatement")!.expireInSeconds).toBeGreaterThan(30 * 60);
  });

  test("connector syncs and storage maintenance: leases longer than their slowest expected run", () => {
    expect(jobDefinition("billing-connectors")!.expireInSeconds).toBeGreaterThanOrEqual(15 * 60);
    expect(jobDefinition("storage-maintenance")!.expireInSeconds).toBeGreaterThanOrEqual(15 * 60);
  });

  test("webhook deliveries: a pass ends inside its lease, and a dead pass frees the queue within two minutes", () => {
    const lease = jobDefinition("webhooks-deliver")!.expireInSeconds * 1000;
    // the pass stops taking deliveries at its budget; the one in flight can take its timeout
    expect(PASS_BUDGET_MS + REQUEST_TIMEOUT_MS).toBeLessThan(lease / 2);
    // a killed worker's pass holds the stately queue until its lease runs out (the proof waits 120 s)
    expect(lease).toBeLessThanOrEqual(60_000);
  });
});
