import "server-only";
import { db } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { importBillingFile, type ImportProgress, type ImportResult } from "./import-billing";
import type { BillingSource } from "./parse-billing-file";

/**
 * A billing import the page can watch (decision 034): the upload names a progress token
 * (?progress=…); the import runs inside the request as before — all or nothing, the answer is
 * its result — while a BillingImportJob row records its phase and lines written, which the page
 * polls (GET /api/v1/billing/imports/progress/{id}). Progress is written outside the import's
 * transaction and never awaited by it: at most one write in flight, the latest state wins, so
 * tracking cannot slow or break the import.
 */
/** Longer than the import transaction's timeout (10 min): a row still "running" after this was abandoned. */
const STALE_MS = 11 * 60_000;

export async function importWithProgress(
  organizationId: string,
  progressId: string | undefined,
  input: { account: string; source: BillingSource; text: string; via: "upload" | "api" | "connector" },
  actor: Actor,
): Promise<ImportResult> {
  if (!progressId) return importBillingFile(organizationId, input, actor);
  const key = { organizationId_id: { organizationId, id: progressId } };
  try {
    await db().billingImportJob.create({
      data: {
        organizationId,
        id: progressId,
        account: input.account,
        source: input.source,
        status: "running",
        phase: "reading",
        actorUserId: actor.userId ?? null,
      },
    });
  } catch {
    throw new AppError("conflict", `Progress id "${progressId}" is already used: send a new one with each upload.`);
  }
  let latest: { phase: string; processed: number; total: number } | null = null;
  let inFlight: Promise<unknown> | null = null;
  const flush = () => {
    if (inFlight || !latest) return;
    const p = latest;
    latest = null;
    inFlight = db()
      .billingImportJob.update({ where: key, data: p })
      .catch((e) => console.error("billing import progress:", e))
      .finally(() => {
        inFlight = null;
        flush();
      });
  };
  const progress: ImportProgress = (p) => {
    latest = p;
    flush();
  };
  try {
    const result = await importBillingFile(organizationId, input, actor, progress);
    latest = null;
    await inFlight;
    await db().billingImportJob.update({
      where: key,
      data: { status: "done", phase: "done", processed: result.lines, total: result.lines },
    });
    return result;
  } catch (e) {
    latest = null;
    await inFlight;
    const message = e instanceof AppError ? e.message : "The import failed on the server; nothing was imported (see the server log).";
    await db()
      .billingImportJob.update({ where: key, data: { status: "failed", error: message.slice(0, 1000) } })
      .catch(() => {});
    throw e;
  }
}

export async function getImportProgress(organizationId: string, id: string, now = new Date()) {
  const job = await db().billingImportJob.findUnique({ where: { organizationId_id: { organizationId, id } } });
  if (!job) throw new AppError("not_found", `No import with progress id "${id}" (yet): it appears when the upload reaches the server.`);
  const abandoned = job.status === "running" && now.getTime() - job.updatedAt.getTime() > STALE_MS;
  return {
    id: job.id,
    account: job.account,
    source: job.source,
    status: abandoned ? "failed" : job.status,
    phase: job.phase,
    processed: job.processed,
    total: job.total,
    error: abandoned
      ? "The import stopped without finishing (the server restarted?); nothing was imported: upload the file again."
      : job.error,
    started_at: job.startedAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}
