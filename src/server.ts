import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { Maintenance, ReminderScheduler, webhookWorkerFor } from './jobs/index.js';
import { createInstitution, countInstitutions } from './services/institutions.js';

// Starts the service: config, database (migrated), the app, then listens.
// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (and the
// webhook worker its attempts in flight), close the database, exit 0.

async function main() {
  const config = loadConfig();
  const logger = config.prettyLogs
    ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
    : { level: config.logLevel };
  const started = performance.now();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    log: (msg) => console.error(msg),
  });
  const app = await buildApp({ config, db, logger });
  // Webhook delivery, housekeeping and reminders in this process unless
  // WORKERS=false; app.close() stops them.
  const worker = config.workers ? webhookWorkerFor(config, db, app.log.child({ component: 'webhooks' })) : undefined;
  if (worker) app.addHook('onClose', () => worker.stop());
  const maintenance = config.workers ? new Maintenance({ db, log: app.log.child({ component: 'maintenance' }), webhookRetentionDays: config.webhookRetentionDays }) : undefined;
  if (maintenance) app.addHook('onClose', () => maintenance.stop());
  const reminders = config.workers
    ? new ReminderScheduler({ db, log: app.log.child({ component: 'reminders' }), everyMs: config.remindersEveryMs })
    : undefined;
  if (reminders) app.addHook('onClose', () => reminders.stop());
  const where = db.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL';
  app.log.info({ database: db.kind }, `database ready: ${where}`);

  if (db.kind === 'embedded' && (await countInstitutions(db)) === 0) await createDemo(db, config.port);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await app.close();
      await db.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  await worker?.start();
  maintenance?.start();
  reminders?.start();
  app.log.info({ readyMs: Math.round(performance.now() - started) }, 'ready');
}

async function createDemo(db: Awaited<ReturnType<typeof openDatabase>>, port: number) {
  const { institution, apiKey } = await createInstitution(db, () => new Date(), { type: 'system', id: 'first-start' }, { name: 'Demo Career Centre' });
  const lines = [
    '',
    `  A demo institution was created on this first start: ${institution.name} (${institution.id}).`,
    '  Its admin API key is shown once, now:',
    '',
    `    ${apiKey.secret}`,
    '',
    '  Try it:',
    `    curl -H "Authorization: Bearer ${apiKey.secret}" http://localhost:${port}/v1/state-machine`,
    `  API reference: http://localhost:${port}/docs`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Rapport failed to start:', err);
  }
  process.exit(1);
});
