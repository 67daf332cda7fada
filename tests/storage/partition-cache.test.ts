import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, inject, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { withDatabase } from "../helpers/global-setup";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { closeEmbedded } from "@/lib/db/adapter";
import { ensureEventPartitions, listEventPartitions } from "@/lib/storage/partitions";

useTestDatabase();

/** Points this process at another database (as bench:dashboard does between two sizes). */
async function switchTo(target: { url?: string; dir?: string }) {
  await disconnectDb();
  await closeEmbedded();
  if (target.url) process.env.DATABASE_URL = target.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.SPENDLINE_DATA_DIR = target.dir;
  }
  resetEnvCache();
}

test("a month whose partition exists in one database is still made in the next database the process uses", async () => {
  const first = { url: process.env.DATABASE_URL, dir: process.env.SPENDLINE_DATA_DIR };
  await ensureEventPartitions(["2031-03"]);
  expect((await listEventPartitions()).map((p) => p.month)).toContain("2031-03");

  const tpl = inject("dbTemplate");
  let second: { url?: string; dir?: string };
  let drop: () => Promise<void>;
  if (tpl.kind === "pg") {
    const name = `sl_test_${process.ppid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: tpl.base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${tpl.name}"`);
    second = { url: withDatabase(tpl.base, name) };
    drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spendline-test-"));
    fs.cpSync(tpl.dir, dir, { recursive: true });
    second = { dir };
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    await switchTo(second);
    expect((await listEventPartitions()).map((p) => p.month)).not.toContain("2031-03");
    await ensureEventPartitions(["2031-03"]);
    // before: the per-process cache said "known" and no partition was made ("no partition of relation CostEvent")
    expect((await listEventPartitions()).map((p) => p.month)).toContain("2031-03");
  } finally {
    await switchTo(first);
    await drop();
  }
});
