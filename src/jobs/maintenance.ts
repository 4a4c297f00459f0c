import type { Database } from '../db/database.js';
import type { Clock } from '../services/context.js';
import { purgeExpiredKeys } from '../services/idempotency.js';
import type { WorkerLog } from './webhook-worker.js';

export const MAINTENANCE_EVERY_MS = 10 * 60 * 1000;

/**
 * Housekeeping that runs beside the webhook worker: expired idempotency keys
 * (kept 24 h) are deleted. Every worker process runs it; the DELETE is
 * idempotent, so two at once only repeat each other.
 */
export class Maintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly opts: { db: Database; log: WorkerLog; clock?: Clock; everyMs?: number }) {}

  /** One pass; answers how many keys it removed. */
  async tick(): Promise<number> {
    const removed = await purgeExpiredKeys(this.opts.db, (this.opts.clock ?? (() => new Date()))());
    if (removed) this.opts.log.info({ removed }, 'purged expired idempotency keys');
    return removed;
  }

  start(): void {
    const run = () => {
      this.running = this.tick().then(
        () => undefined,
        (err: unknown) => this.opts.log.error({ err }, 'maintenance failed; will retry'),
      );
    };
    run();
    this.timer = setInterval(run, this.opts.everyMs ?? MAINTENANCE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
