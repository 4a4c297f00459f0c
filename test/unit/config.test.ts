import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';

t.test('defaults: an empty environment starts the embedded database on port 3000', async (t) => {
  const c = loadConfig({}, false);
  t.match(c, {
    port: 3000,
    host: '0.0.0.0',
    databaseUrl: undefined,
    dataDir: './data',
    logLevel: 'info',
    operatorToken: undefined,
    webhookAllowPrivate: false,
    workers: true,
    webhookConcurrency: 16,
    bodyLimitBytes: 262_144,
    dbPoolSize: 10,
    remindersEveryMs: 30_000,
    webhookRetentionDays: 30,
    publicUrl: undefined,
    trustProxy: false,
  });
  t.ok(Object.isFrozen(c));
});

t.test('values are read and converted', async (t) => {
  const c = loadConfig(
    {
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/rapport',
      WORKERS: 'false',
      WEBHOOK_ALLOW_PRIVATE: '1',
      REMINDERS_EVERY_SECONDS: '0.5',
      PUBLIC_URL: 'https://careers.example.edu/rapport/',
      TRUST_PROXY: 'true',
    },
    false,
  );
  t.match(c, { port: 8080, databaseUrl: 'postgresql://u:p@db:5432/rapport', workers: false, webhookAllowPrivate: true, remindersEveryMs: 500, trustProxy: true });
  t.equal(c.publicUrl, 'https://careers.example.edu/rapport', 'the trailing slash is dropped, so links join cleanly');
  t.equal(loadConfig({ DATABASE_URL: '', PUBLIC_URL: '' }, false).databaseUrl, undefined, 'an empty value is the same as unset');
  t.equal(loadConfig({ PUBLIC_URL: '' }, false).publicUrl, undefined);
});

t.test('a bad value stops the start with a message naming the variable', async (t) => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ PORT: '70000' }, 'PORT', /PORT/],
    [{ PORT: 'eighty' }, 'PORT', /PORT/],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL', /DATABASE_URL: must be a postgres/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /LOG_LEVEL/],
    [{ OPERATOR_TOKEN: 'short' }, 'OPERATOR_TOKEN', /OPERATOR_TOKEN: must be at least 16 characters/],
    [{ WORKERS: 'yes' }, 'WORKERS', /WORKERS/],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES', /BODY_LIMIT_BYTES/],
    [{ REMINDERS_EVERY_SECONDS: '0' }, 'REMINDERS_EVERY_SECONDS', /REMINDERS_EVERY_SECONDS/],
    [{ PUBLIC_URL: 'ftp://files.example.edu' }, 'PUBLIC_URL', /PUBLIC_URL: must be an http/],
    [{ PUBLIC_URL: 'careers.example.edu' }, 'PUBLIC_URL', /PUBLIC_URL: must be an http/],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY', /TRUST_PROXY/],
    [{ WEBHOOK_RETENTION_DAYS: '0' }, 'WEBHOOK_RETENTION_DAYS', /WEBHOOK_RETENTION_DAYS/],
    [{ WEBHOOK_RETENTION_DAYS: '2.5' }, 'WEBHOOK_RETENTION_DAYS', /WEBHOOK_RETENTION_DAYS/],
  ];
  for (const [env, name, message] of cases) {
    let thrown: unknown;
    try {
      loadConfig(env, false);
    } catch (err) {
      thrown = err;
    }
    t.ok(thrown instanceof ConfigError, `${name}=${Object.values(env)[0]} is refused`);
    t.match((thrown as Error).message, message, `${name}: ${(thrown as Error).message.split('\n')[1]}`);
  }
});

t.test('pretty logs only in a terminal outside production', async (t) => {
  t.equal(loadConfig({}, true).prettyLogs, true);
  t.equal(loadConfig({ NODE_ENV: 'production' }, true).prettyLogs, false);
  t.equal(loadConfig({}, false).prettyLogs, false);
});
