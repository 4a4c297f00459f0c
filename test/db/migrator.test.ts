// src/db/migrator.ts against a real PostgreSQL: concurrency under the
// advisory lock (two sessions, then two OS processes), idempotence, edited
// and failing migrations, and Prisma-compatible bookkeeping.
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MIGRATIONS_DIR, MIGRATION_LOCK_KEY, MigrationError, checksumOf, migrate, readMigrations, type Migration,
} from '../../src/db/migrator.js';
import { pgSession, type SqlSession } from '../../src/db/sql-session.js';
import { freshDatabaseUrl } from '../helpers/database.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/migrate-process.ts', import.meta.url));

const real = await readMigrations();
const realNames = real.map((m) => m.name);

function extra(name: string, sql: string): Migration {
  return { name, sql, checksum: checksumOf(sql) };
}

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const rows = (s: SqlSession) =>
  s.query<Row>('SELECT id, migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name, started_at');

const tableExists = async (s: SqlSession, name: string) =>
  (await s.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name]))[0]!.ok;

/** Backends waiting for the migration lock, ungranted. */
const waitingForLock = async (s: SqlSession) =>
  Number((await s.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = 0 AND objid::bigint = $1`,
    [MIGRATION_LOCK_KEY],
  ))[0]!.n);

const advisoryLocksHeld = async (s: SqlSession) =>
  Number((await s.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()`,
  ))[0]!.n);

async function until(what: string, check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function sessions(t: Test, n: number): Promise<SqlSession[]> {
  const url = await freshDatabaseUrl(t);
  return Promise.all(Array.from({ length: n }, () => pgSession(url)));
}

async function expectMigrationError(t: Test, p: Promise<unknown>, message: RegExp, what: string) {
  const err = await p.then(() => null, (e: unknown) => e);
  t.ok(err instanceof MigrationError, `${what}: throws MigrationError (got ${String(err)})`);
  t.match((err as Error | null)?.message, message, `${what}: says why`);
}

t.test('(a, b) two sessions at once apply each migration exactly once; a rerun applies nothing', async (t) => {
  const [a, b] = (await sessions(t, 2)) as [SqlSession, SqlSession];
  try {
    // More than one migration, one of them slow, so the race has room.
    const all = [
      ...real,
      extra('20990101000000_slow', 'SELECT pg_sleep(0.3); CREATE TABLE race_one (id integer PRIMARY KEY);'),
      extra('20990101000001_more', 'CREATE TABLE race_two (id integer PRIMARY KEY);'),
    ];
    const names = all.map((m) => m.name);
    const [ra, rb] = await Promise.all([migrate(a, all), migrate(b, all)]);
    t.strictSame([ra, rb].sort((x, y) => y.length - x.length), [names, []], 'one call applied everything, the other nothing');

    const applied = await rows(a);
    t.strictSame(applied.map((r) => r.migration_name), names, 'one row per migration');
    t.ok(applied.every((r) => r.finished_at instanceof Date && r.rolled_back_at === null && r.applied_steps_count === 1), 'all finished');
    t.equal(await advisoryLocksHeld(a), 0, 'session a released the lock');
    t.equal(await advisoryLocksHeld(b), 0, 'session b released the lock');

    t.strictSame(await migrate(a, all), [], 'rerun: nothing to apply');
    t.strictSame(await migrate(b), [], 'rerun from the real directory: nothing to apply');
    t.equal((await rows(b)).length, names.length, 'no new rows');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

t.test('a migration waits while another holder has the lock', async (t) => {
  const [holder, s] = (await sessions(t, 2)) as [SqlSession, SqlSession];
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    let settled = false;
    const running = migrate(s).finally(() => { settled = true; });
    await until('migrate() to wait on the lock', async () => (await waitingForLock(holder)) === 1);
    await new Promise((r) => setTimeout(r, 100));
    t.notOk(settled, 'migrate() is still waiting');
    t.notOk(await tableExists(holder, '_prisma_migrations'), 'and has touched nothing');
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    t.strictSame(await running, realNames, 'it proceeds once the lock is free');
  } finally {
    await Promise.all([holder.close(), s.close()]);
  }
});

t.test('(c) a migration edited after it was applied is refused', async (t) => {
  const [s] = (await sessions(t, 1)) as [SqlSession];
  try {
    await migrate(s);
    const copy = (await readMigrations()).map((m) => ({ ...m }));
    copy[0]!.sql += '\n-- an innocent-looking edit\n';
    // Only `sql` changed: the stale `checksum` field must not hide the edit.
    await expectMigrationError(t, migrate(s, copy), new RegExp(`${realNames[0]} was edited after it was applied`), 'edited sql');
    t.equal(await advisoryLocksHeld(s), 0, 'the lock is released after the error');

    // Prisma's rule: the same script with other line endings (git autocrlf) is not an edit.
    const crlf = real.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') }));
    t.strictSame(await migrate(s, crlf), [], 'CRLF checkout of the same migration is accepted');

    // A row left unfinished (as a crashed `prisma migrate deploy` leaves it) blocks too.
    await s.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000000', $1, '20990101000000_crashed')`, [checksumOf('SELECT 1;')]);
    await expectMigrationError(t, migrate(s, [...real, extra('20990101000000_crashed', 'SELECT 1;')]), /20990101000000_crashed started earlier and never finished/, 'unfinished row');
  } finally {
    await s.close();
  }
});

t.test('(d) a failing migration rolls back entirely', async (t) => {
  const [s] = (await sessions(t, 1)) as [SqlSession];
  try {
    const broken = extra('20990101000000_broken', 'CREATE TABLE half_done (id integer);\nINSERT INTO no_such_table VALUES (1);');
    const later = extra('20990101000001_later', 'CREATE TABLE later_one (id integer);');
    await expectMigrationError(t, migrate(s, [...real, broken, later]), /20990101000000_broken failed: .*no_such_table/, 'broken migration');

    const after = await rows(s);
    t.strictSame(after.map((r) => r.migration_name), realNames, 'the migrations before it stay applied, no row for it or after it');
    t.ok(after.every((r) => r.finished_at instanceof Date), 'no unfinished row left behind');
    t.notOk(await tableExists(s, 'half_done'), 'its first statement was rolled back');
    t.notOk(await tableExists(s, 'later_one'), 'the next migration did not run');
    t.equal(await advisoryLocksHeld(s), 0, 'the lock is released after the error');

    const fixed = extra(broken.name, 'CREATE TABLE half_done (id integer);');
    t.strictSame(await migrate(s, [...real, fixed, later]), [fixed.name, later.name], 'once fixed, it and the next apply');
  } finally {
    await s.close();
  }
});

t.test('(e) the recorded checksum is sha256 of the file, as Prisma records it', async (t) => {
  const [s] = (await sessions(t, 1)) as [SqlSession];
  try {
    await migrate(s);
    const recorded = await rows(s);
    for (const name of realNames) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'));
      const sha = createHash('sha256').update(bytes).digest('hex');
      const row = recorded.find((r) => r.migration_name === name);
      t.equal(row?.checksum, sha, `${name}: checksum is sha256 of the file bytes`);
      t.match(row?.checksum, /^[0-9a-f]{64}$/, `${name}: 64 lowercase hex digits`);
      t.match(row, { logs: null, rolled_back_at: null, applied_steps_count: 1 }, `${name}: a row Prisma reads as applied`);
      t.match(row?.id, /^[0-9a-f-]{36}$/, `${name}: id is a UUID`);
    }
  } finally {
    await s.close();
  }
});

interface Child {
  ready: Promise<void>;
  done: Promise<{ code: number | null; result: { applied?: string[]; error?: string } | undefined; stderr: string }>;
  go(): void;
  kill(): void;
}

function startMigrateProcess(url: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, url], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)));
  });
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.split('\n').includes('ready')) onReady();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const done = new Promise<Awaited<Child['done']>>((resolve) => {
    child.once('close', (code) => {
      const last = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
      resolve({ code, result: last ? (JSON.parse(last) as { applied?: string[] }) : undefined, stderr });
    });
  });
  return { ready, done, go: () => child.stdin.end('go\n'), kill: () => child.kill() };
}

t.test('(f) two OS processes migrating the same database at once', async (t) => {
  const url = await freshDatabaseUrl(t);
  const holder = await pgSession(url);
  const children = [startMigrateProcess(url), startMigrateProcess(url)];
  t.teardown(() => children.forEach((c) => c.kill()));
  try {
    await Promise.all(children.map((c) => c.ready));
    // Hold the lock until both processes are queued on it, so they really race.
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    children.forEach((c) => c.go());
    await until('both processes to wait on the lock', async () => (await waitingForLock(holder)) === 2);
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);

    const results = await Promise.all(children.map((c) => c.done));
    for (const r of results) t.equal(r.code, 0, `child exited cleanly ${r.stderr}`);
    const applied = results.map((r) => r.result?.applied);
    t.strictSame(applied.sort((x, y) => (y?.length ?? 0) - (x?.length ?? 0)), [realNames, []], 'one process applied the migrations, the other nothing');
    const recorded = await rows(holder);
    t.strictSame(recorded.map((r) => r.migration_name), realNames, 'each migration recorded exactly once');
    t.ok(recorded.every((r) => r.finished_at instanceof Date), 'all finished');
  } finally {
    await holder.close();
  }
});
