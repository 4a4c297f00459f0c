import type { Database } from '../db/database.js';

/** Rows one statement deletes: short transactions, so the worker's own writes never wait long. */
const BATCH = 1_000;
/** Batches one pass deletes at most; the rest waits for the next pass. */
const MAX_BATCHES = 100;

/**
 * Deletes finished deliveries (delivered or failed) whose last change is older
 * than `before`, with their attempt logs (ON DELETE CASCADE). Pending ones
 * stay whatever their age: they are owed. The events themselves stay in the
 * log (the change feed). Answers how many deliveries went.
 */
export async function pruneFinishedDeliveries(db: Database, before: Date): Promise<number> {
  let removed = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const [row] = await db.sql.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries
           WHERE status IN ('delivered', 'failed') AND updated_at < $1
           LIMIT ${BATCH})
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before],
    );
    removed += row?.n ?? 0;
    if ((row?.n ?? 0) < BATCH) break;
  }
  return removed;
}
