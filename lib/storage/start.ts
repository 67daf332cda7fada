import "server-only";
import { adoptDefaultPartition, ensureUpcomingPartitions } from "./partitions";
import { dropExpiredPartitions } from "./retention";

const g = globalThis as unknown as { __spendlineStorageLoop?: NodeJS.Timeout };

/**
 * In the server process: at start, move pre-partitioning events into their months and create
 * the partitions of last month to two months ahead; then every 6 hours, the same plus the
 * retention job (drop the month partitions every organisation's retention allows).
 */
export function startStorageMaintenance(everyMs = 6 * 3_600_000): void {
  if (g.__spendlineStorageLoop) return;
  const tick = async (withRetention: boolean) => {
    try {
      await adoptDefaultPartition();
      await ensureUpcomingPartitions();
      if (withRetention) {
        const { dropped } = await dropExpiredPartitions();
        for (const d of dropped) console.info(`retention: dropped raw events of ${d.month} (${d.events} events; rollups kept)`);
      }
    } catch (e) {
      console.error("storage maintenance:", e);
    }
  };
  void tick(false);
  g.__spendlineStorageLoop = setInterval(() => void tick(true), everyMs);
  g.__spendlineStorageLoop.unref?.();
}
