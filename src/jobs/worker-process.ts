import pino from 'pino';
import { ConfigError, type Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { Maintenance } from './maintenance.js';
import { ReminderScheduler } from './reminder-scheduler.js';
import { webhookWorkerFor } from './index.js';

/**
 * A worker process: webhook delivery, reminders and housekeeping without the
 * API, for scale-out (`npm run worker`, `rapport worker`). Run as many as you
 * like beside API processes started with WORKERS=false (or not): they share
 * the work through PostgreSQL and never send one attempt or reminder twice.
 * SIGTERM/SIGINT: stop taking work, finish and record what is in flight,
 * give the endpoints back, exit 0.
 */
export async function runWorkerProcess(config: Config): Promise<void> {
  const log = pino(
    config.prettyLogs
      ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : { level: config.logLevel },
  );
  if (!config.databaseUrl) {
    // The embedded database belongs to one process: the API's own worker serves it.
    throw new ConfigError('The worker process needs DATABASE_URL (a PostgreSQL server). With the embedded database, the API process delivers webhooks and reminders itself (WORKERS=true).');
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: Math.min(config.dbPoolSize, config.webhookConcurrency + 2), log: (msg) => log.info(msg) });
  const worker = webhookWorkerFor(config, db, log);
  const maintenance = new Maintenance({ db, log, webhookRetentionDays: config.webhookRetentionDays });
  const reminders = new ReminderScheduler({ db, log: log.child({ component: 'reminders' }), everyMs: config.remindersEveryMs });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing work in flight');
    try {
      await worker.stop();
      await maintenance.stop();
      await reminders.stop();
      await db.close();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await worker.start();
  maintenance.start();
  reminders.start();
}
