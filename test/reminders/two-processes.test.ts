import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { GOOD_REQUEST, act, interview } from '../helpers/fixtures.js';
import { spawnTs, waitFor, type Spawned } from '../helpers/process.js';
import { REMINDER_TYPES } from './helpers.js';

// Scale-out and crashes: real `src/worker.ts` processes on one PostgreSQL.
// The interviews are made in the past (an injected clock in this process),
// so at the workers' real clock every one of them owes exactly one reminder.
// One worker is killed with SIGKILL part-way and replaced; at the end every
// (interview, kind) has one reminder row and one event, nothing more.

const REQUESTED = 100;
const MET = 15;
const THANKED = 15;

t.test('two scheduler processes, one killed mid-pass: every reminder exactly once', async (t) => {
  const { app, db, clock, databaseUrl } = await buildTestApp(t, { now: new Date('2026-01-05T12:00:00Z') });
  const a = await createTenant(app, 'Two Processes', 'Europe/Berlin');

  const requested: string[] = [];
  for (let n = 0; n < REQUESTED; n += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const iv = await interview(a);
        await act(a, iv.id, 'request', GOOD_REQUEST);
        requested.push(iv.id);
      }),
    );
  }
  const met: string[] = [];
  for (let n = 0; n < MET + THANKED; n++) {
    clock.now = new Date('2026-01-05T12:00:00Z');
    const iv = await interview(a);
    await act(a, iv.id, 'request', GOOD_REQUEST);
    await act(a, iv.id, 'schedule', { scheduledAt: '2026-01-10T15:00:00Z', mode: 'phone' });
    await act(a, iv.id, 'confirm');
    clock.now = new Date('2026-01-10T16:00:00Z');
    await act(a, iv.id, 'meet', { actualMinutes: 20, askedForReferral: true });
    if (n >= MET) await act(a, iv.id, 'thank', { channel: 'email' });
    met.push(iv.id);
  }
  const expected = REQUESTED + MET + THANKED;

  const count = async (sql: string) => (await db.sql.query<{ n: number }>(sql, [a.institutionId]))[0]!.n;
  const reminders = () => count('SELECT count(*)::int AS n FROM reminders WHERE institution_id = $1');

  const env = { DATABASE_URL: databaseUrl, REMINDERS_EVERY_SECONDS: '0.05', LOG_LEVEL: 'info', NODE_ENV: 'production' };
  const workers: Spawned[] = [spawnTs('src/worker.ts', [], env), spawnTs('src/worker.ts', [], env)];
  t.teardown(() => workers.forEach((w) => w.child.kill('SIGKILL')));

  // Kill the first as soon as reminders start to appear (or at once if it is slow to start).
  await waitFor('the first reminders', async () => ((await reminders()) > 0 ? true : undefined), 60_000);
  workers[0]!.child.kill('SIGKILL');
  const replacement = spawnTs('src/worker.ts', [], env);
  workers.push(replacement);

  await waitFor('every reminder', async () => ((await reminders()) >= expected ? true : undefined), 60_000);
  await waitFor('the replacement to run a pass', () => (replacement.output().includes('reminder scheduler started') ? true : undefined), 30_000);
  await new Promise((r) => setTimeout(r, 1000)); // passes enough for a duplicate to show up

  t.equal(await reminders(), expected, `${expected} reminders`);
  const dup = await db.sql.query('SELECT interview_id, kind, count(*) FROM reminders WHERE institution_id = $1 GROUP BY 1, 2 HAVING count(*) > 1', [a.institutionId]);
  t.same(dup, [], 'no (interview, kind) twice');
  const list = REMINDER_TYPES.map((x) => `'${x}'`).join(', ');
  t.equal(await count(`SELECT count(*)::int AS n FROM events WHERE institution_id = $1 AND type IN (${list})`), expected, 'one event per reminder');
  t.equal(
    await count('SELECT count(*)::int AS n FROM reminders r LEFT JOIN events e ON e.id = r.event_id WHERE r.institution_id = $1 AND e.id IS NULL'),
    0,
    'every reminder row has its event',
  );
  const byKind = await db.sql.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM reminders WHERE institution_id = $1 GROUP BY kind ORDER BY kind', [a.institutionId]);
  t.same(byKind, [
    { kind: 'follow_up_due', n: THANKED },
    { kind: 'request_expired', n: REQUESTED },
    { kind: 'thank_you_overdue', n: MET },
  ]);
  t.equal(await count(`SELECT count(*)::int AS n FROM events WHERE institution_id = $1 AND type = 'interview.expired'`), REQUESTED, 'each request expired once');
  t.equal(await count(`SELECT count(*)::int AS n FROM interviews WHERE institution_id = $1 AND state = 'no_response'`), REQUESTED);

  for (const w of workers.slice(1)) w.child.kill('SIGTERM');
  t.same(await Promise.all(workers.slice(1).map((w) => w.exited)), [0, 0], 'the survivors stop cleanly');
});
