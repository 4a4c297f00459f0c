import type { Database } from '../db/database.js';
import type { Clock } from '../services/context.js';
import { purgeExpiredKeys } from '../services/idempotency.js';
import { pruneFinishedDeliveries } from './delivery-retention.js';
import type { WorkerLog } from './webhook-worker.js';

export const MAINTENANCE_EVERY_MS = 10 * 60 * 1000;
const DAY_MS = 86_400_000;

export interface MaintenanceOptions {
  db: Database;
  log: WorkerLog;
  clock?: Clock;
  everyMs?: number;
  /** WEBHOOK_RETENTION_DAYS: finished deliveries older than this are deleted (default 30). */
  webhookRetentionDays?: number;
}

/**
 * Housekeeping that runs beside the webhook worker: expired idempotency keys
 * (kept 24 h) and finished webhook deliveries past their retention are
 * deleted. Every worker process runs it; the DELETEs are idempotent, so two
 * at once only repeat each other.
 */
export class Maintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly opts: MaintenanceOptions) {}

  /** One pass; answers what it removed. */
  async tick(): Promise<{ idempotencyKeys: number; deliveries: number }> {
    const now = (this.opts.clock ?? (() => new Date()))();
    const idempotencyKeys = await purgeExpiredKeys(this.opts.db, now);
    if (idempotencyKeys) this.opts.log.info({ removed: idempotencyKeys }, 'purged expired idempotency keys');
    const days = this.opts.webhookRetentionDays ?? 30;
    const deliveries = await pruneFinishedDeliveries(this.opts.db, new Date(now.getTime() - days * DAY_MS));
    if (deliveries) this.opts.log.info({ removed: deliveries, retentionDays: days }, 'deleted finished webhook deliveries past their retention');
    return { idempotencyKeys, deliveries };
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
