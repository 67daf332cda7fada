import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { runJob } from "@/lib/workers/handlers";

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
  expect(await runJob("webhooks-deliver", {})).toEqual({ delivered: 0, more: false });
});

test("a restatement job without its row id fails loudly (and is retried, then kept as failed)", async () => {
  await expect(runJob("restatement", {})).rejects.toThrow(/without jobId/);
});

test("coding-agent connectors: the hourly job pulls a due connector once; the rerun finds none due", async () => {
  const { createServer } = await import("node:http");
  const { setOutbound } = await import("../helpers/outbound");
  const { createOrganization } = await import("@/lib/orgs/manage-members");
  const { configureAgentConnector } = await import("@/lib/coding-agents/sync-agent-connector");
  let requests = 0;
  const stub = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: [], has_more: false, next_page: null }));
  });
  await new Promise<void>((r) => stub.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(stub.address() as import("node:net").AddressInfo).port}`;
  setOutbound({ SPENDLINE_CONNECTOR_ALLOWED_BASE_URLS: base });
  try {
    const org = await createOrganization("jobs-agents", "Jobs agents");
    await configureAgentConnector(
      org.id,
      { account: "anthropic", provider: "claude_code", key: "sk-ant-admin01-test", base_url: base },
      {},
    );
    expect(await runJob("coding-agent-connectors", {})).toEqual({ synced: 1, failed: 0 });
    expect(requests).toBe(7); // one request per day of the last week
    expect(await runJob("coding-agent-connectors", {})).toEqual({ synced: 0, failed: 0 });
    expect(requests).toBe(7);
  } finally {
    setOutbound({});
    await new Promise<void>((r) => stub.close(() => r()));
  }
});
