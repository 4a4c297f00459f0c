import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { Maintenance, webhookWorkerFor } from './jobs/index.js';

// `npm run worker`: webhook delivery without the API, for scale-out. Run as
// many as you like beside API processes started with WORKERS=false (or not):
// they share the work through PostgreSQL and never send one attempt twice.
// SIGTERM/SIGINT: stop taking work, finish and record the attempts in flight,
// give the endpoints back, exit 0.

async function main() {
  const config = loadConfig();
  const log = pino(
    config.prettyLogs
      ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : { level: config.logLevel },
  );
  if (!config.databaseUrl) {
    // The embedded database belongs to one process: the API's own worker serves it.
    throw new ConfigError('The webhook worker process needs DATABASE_URL (a PostgreSQL server). With the embedded database, the API process delivers webhooks itself (WORKERS=true).');
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: Math.min(config.dbPoolSize, config.webhookConcurrency + 2), log: (msg) => log.info(msg) });
  const worker = webhookWorkerFor(config, db, log);
  const maintenance = new Maintenance({ db, log });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing attempts in flight');
    try {
      await worker.stop();
      await maintenance.stop();
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
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('Rapport worker failed to start:', err);
  process.exit(1);
});
