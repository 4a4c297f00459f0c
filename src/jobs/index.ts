import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../services/context.js';
import { WebhookWorker, type WorkerLog } from './webhook-worker.js';

export { WebhookWorker } from './webhook-worker.js';

/** The webhook worker as the configuration asks for it (server.ts and worker.ts). */
export function webhookWorkerFor(config: Config, db: Database, log: WorkerLog, clock?: Clock): WebhookWorker {
  return new WebhookWorker({ db, allowPrivate: config.webhookAllowPrivate, concurrency: config.webhookConcurrency, log, ...(clock && { clock }) });
}

export { Maintenance } from './maintenance.js';
export { ReminderScheduler, SCHEDULER_ACTOR, CLAIM_SQL } from './reminder-scheduler.js';
export type { PassResult } from './reminder-scheduler.js';
