import t from 'tap';
import { runCli } from '../../src/cli/run.js';
import { openDatabase } from '../../src/db/database.js';
import { authenticate } from '../../src/services/api-keys.js';
import { freshDatabaseUrl } from '../helpers/database.js';
import { spawnTs, waitFor } from '../helpers/process.js';

// The `rapport` command on PostgreSQL: institutions, keys that work and stop
// working, usage errors with exit code 2, a worker that starts and stops.
// Commands run in-process (runCli with this file's environment and output);
// the worker, and the built bin in server.test.ts, run as real processes.

const url = await freshDatabaseUrl(t);
const env = { DATABASE_URL: url, LOG_LEVEL: 'info', NODE_ENV: 'production' };

async function rapport(...args: string[]) {
  let out = '';
  const code = await runCli(args, { env, out: (s) => (out += s), err: (s) => (out += s) });
  return { code, out, json: <T>() => JSON.parse(out.slice(out.indexOf('{') >= 0 && (out.indexOf('[') < 0 || out.indexOf('{') < out.indexOf('[')) ? out.indexOf('{') : out.indexOf('['))) as T };
}

const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: 2 });
t.teardown(() => db.close());

t.test('institution create, then keys: create, use, list, revoke', async (t) => {
  const inst = await rapport('institution', 'create', '--name', 'CLI University', '--time-zone', 'Europe/Dublin', '--json');
  t.equal(inst.code, 0, inst.out);
  const { institution } = inst.json<{ institution: { id: string; timeZone: string } }>();
  t.equal(institution.timeZone, 'Europe/Dublin');

  const created = await rapport('apikey', 'create', '--institution', institution.id, '--name', 'Portal read-only', '--scopes', 'read', '--json');
  t.equal(created.code, 0, created.out);
  const { apiKey, secret } = created.json<{ apiKey: { id: string; scopes: string[]; prefix: string }; secret: string }>();
  t.same(apiKey.scopes, ['read']);
  t.equal(secret.slice(0, 10), apiKey.prefix);
  const principal = await authenticate(db, secret);
  t.equal(principal?.tenant.id, institution.id, 'the key authenticates as the institution');
  t.same(principal?.scopes, ['read']);

  const text = await rapport('apikey', 'create', '--institution', institution.id);
  t.equal(text.code, 0, text.out);
  t.match(text.out, /API key \(shown once\): rk_/);
  t.match(text.out, /\(read, write\)/, 'read and write by default');

  const listed = await rapport('apikey', 'list', '--institution', institution.id, '--json');
  t.equal(listed.code, 0, listed.out);
  const keys = listed.json<{ id: string; revokedAt: string | null }[]>();
  t.equal(keys.length, 3, 'the first admin key and the two new ones');
  t.notMatch(listed.out, /rk_[A-Za-z0-9_-]{20}/, 'never a secret');

  const revoked = await rapport('apikey', 'revoke', apiKey.id);
  t.equal(revoked.code, 0, revoked.out);
  t.match(revoked.out, /Revoked key/);
  t.equal(await authenticate(db, secret), null, 'a revoked key stops working at once');
  const again = await rapport('apikey', 'revoke', apiKey.id);
  t.equal(again.code, 0);
  t.match(again.out, /already revoked/);

  const events = await db.sql.query<{ type: string; data: unknown }>(
    `SELECT type, data FROM events WHERE institution_id = $1 AND type LIKE 'api_key.%' ORDER BY sequence`,
    [institution.id],
  );
  t.same(events.map((e) => e.type), ['api_key.created', 'api_key.created', 'api_key.revoked'], 'each change is an event, the repeat revoke is not');
  t.notOk(JSON.stringify(events).includes(secret), 'events never carry a secret');
});

t.test('bad input: a clear message, exit 2 (usage) or 1 (not found), nothing written', async (t) => {
  const before = (await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys'))[0]!.n;
  const cases: [string[], number, RegExp][] = [
    [['apikey', 'create', '--institution', 'ins_01jd0000000000000000000000'], 1, /No institution with id/],
    [['apikey', 'create', '--institution', 'nope'], 2, /--institution: must be an institution id/],
    [['apikey', 'create', '--institution', 'ins_01jd0000000000000000000000', '--scopes', 'read,root'], 2, /--scopes/],
    [['apikey', 'create'], 2, /--institution/],
    [['apikey', 'revoke'], 2, /exactly one key id/],
    [['apikey', 'revoke', 'key_01jd0000000000000000000000'], 1, /No API key with id/],
    [['apikey', 'revoke', 'int_01jd0000000000000000000000'], 2, /must be an API key id/],
    [['institution', 'create', '--time-zone', 'Mars/Olympus'], 2, /--name.*--time-zone|--time-zone.*--name/s],
    [['launch', 'rockets'], 2, /Unknown command "launch rockets"/],
    [['apikey', 'create', '--colour', 'blue'], 2, /Unknown option '--colour'/],
  ];
  for (const [args, code, message] of cases) {
    const r = await rapport(...args);
    t.equal(r.code, code, `${args.join(' ')}: ${r.out}`);
    t.match(r.out, message, args.join(' '));
  }
  t.equal((await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys'))[0]!.n, before);
});

t.test('--help for the tool and for each command', async (t) => {
  const top = await rapport('--help');
  t.equal(top.code, 0);
  for (const command of ['institution create', 'apikey create', 'apikey revoke', 'apikey list', 'migrate', 'worker']) {
    t.match(top.out, command);
    const r = await rapport(...command.split(' '), '--help');
    t.equal(r.code, 0, command);
    t.match(r.out, `Usage: rapport ${command}`);
  }
});

t.test('migrate, and a worker that starts and stops cleanly', async (t) => {
  const migrate = await rapport('migrate');
  t.equal(migrate.code, 0, migrate.out);
  t.match(migrate.out, /up to date/);

  const worker = spawnTs('src/cli.ts', ['worker'], { ...env, REMINDERS_EVERY_SECONDS: '1' });
  t.teardown(() => worker.child.kill('SIGKILL'));
  await waitFor('the worker to start', () => (worker.output().includes('reminder scheduler started') && worker.output().includes('webhook worker started') ? true : undefined), 30_000);
  worker.child.kill('SIGTERM');
  t.equal(await worker.exited, 0, worker.output());

  const embedded = spawnTs('src/cli.ts', ['worker'], { DATA_DIR: '/nonexistent' });
  t.equal(await embedded.exited, 1);
  t.match(embedded.output(), /needs DATABASE_URL/);
});
