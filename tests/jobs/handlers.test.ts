import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { runJob } from "@/lib/jobs/handlers";

useTestDatabase();

/** A retry after a crash runs a handler again: the second run must find nothing left to do. */
test("storage maintenance twice: the same partitions, nothing dropped twice", async () => {
  const partitions = async () =>
    (
      await db().$queryRaw<{ name: string }[]>`
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'CostEvent' ORDER BY 1`
    ).map((r) => r.name);
  await runJob("storage-maintenance", {});
  const once = await partitions();
  expect(once.length).toBeGreaterThan(0);
  expect(await runJob("storage-maintenance", {})).toEqual({ dropped: 0 });
  expect(await partitions()).toEqual(once);
});

test("anomaly auto-clear and webhook delivery twice: the second run changes nothing", async () => {
  await runJob("anomaly-auto-clear", {});
  expect(await runJob("anomaly-auto-clear", {})).toEqual({ cleared: 0 });
  await runJob("webhooks-deliver", {});
  expect(await runJob("webhooks-deliver", {})).toEqual({ delivered: 0 });
});

test("a restatement job without its row id fails loudly (and is retried, then kept as failed)", async () => {
  await expect(runJob("restatement", {})).rejects.toThrow(/without jobId/);
});
