import t from 'tap';
import pg from 'pg';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { GOOD_REQUEST, act, interview } from '../helpers/fixtures.js';
import { ReminderScheduler } from '../../src/jobs/index.js';
import { recordingLog, remindersOf, schedulerFor, timeline } from './helpers.js';

// The scheduler under an injected clock: nothing sleeps, time is set.
// America/New_York switches to summer time on Sunday 8 March 2026.
const NY = 'America/New_York';
const at = (s: string) => new Date(s);
const DAY = 86_400_000;
// Saturday 7 March 2026, 18:00 EST: the evening before the switch.
const SATURDAY_EVENING = '2026-03-07T23:00:00.000Z';

const { app, db, clock, databaseUrl } = await buildTestApp(t, { now: at('2026-03-01T15:00:00Z') });
const scheduler = schedulerFor(db, clock);
const pass = async (when: string | Date) => {
  clock.now = typeof when === 'string' ? at(when) : when;
  return scheduler.tick();
};

async function tenant(): Promise<Tenant> {
  return createTenant(app, 'Reminders Career Centre', NY);
}

/** An interview scheduled for `scheduledAt`, requested and scheduled at `now`. */
async function scheduled(a: Tenant, now: string, scheduledAt = SATURDAY_EVENING) {
  clock.now = at(now);
  const iv = await interview(a);
  await act(a, iv.id, 'request', GOOD_REQUEST);
  await act(a, iv.id, 'schedule', { scheduledAt, mode: 'video', location: 'https://meet.example.org/pat', durationMinutes: 20 });
  return iv;
}

t.test('each reminder fires at its due instant in the institution zone, once', async (t) => {
  const a = await tenant();
  const iv = await scheduled(a, '2026-03-01T15:00:00Z');

  // Confirm by Wednesday 4 March 18:00 EST, three local days before the meeting.
  t.same((await pass('2026-03-04T22:59:59.999Z')).sent, 0, 'not before it is due');
  t.same(await remindersOf(a, iv.id), []);
  await pass('2026-03-04T23:00:00Z');
  t.same(await remindersOf(a, iv.id), ['interview.confirmation_due@2026-03-04T23:00:00.000Z']);
  await pass('2026-03-05T09:00:00Z');
  await pass('2026-03-04T23:00:00Z'); // the clock jumps back
  await pass('2026-03-06T09:00:00Z');
  t.same(await remindersOf(a, iv.id), ['interview.confirmation_due@2026-03-04T23:00:00.000Z'], 'once, whatever the clock does');

  await act(a, iv.id, 'confirm');
  clock.now = at('2026-03-07T23:30:00Z');
  await act(a, iv.id, 'meet', { heldAt: SATURDAY_EVENING, actualMinutes: 20, askedForReferral: true });

  // Thank-you due from Sunday 00:00 EST (05:00Z); overdue once day 3 (Tuesday) ends,
  // at Wednesday 00:00 EDT (04:00Z): the window crosses the switch.
  await pass('2026-03-08T04:59:59Z');
  await pass('2026-03-08T05:00:00Z');
  await pass('2026-03-11T03:59:59Z');
  await pass('2026-03-11T04:00:00Z');
  await pass('2026-03-11T04:00:00Z');
  t.same(await remindersOf(a, iv.id), [
    'interview.confirmation_due@2026-03-04T23:00:00.000Z',
    'interview.thank_you_due@2026-03-08T05:00:00.000Z',
    'interview.thank_you_overdue@2026-03-11T04:00:00.000Z',
  ]);

  clock.now = at('2026-03-12T14:00:00Z');
  await act(a, iv.id, 'thank', { channel: 'email' });
  // 90 local days of quiet after Thu 12 March 10:00 EDT: Wed 10 June 10:00 EDT; then every 90 days.
  await pass('2026-06-10T13:59:59Z');
  await pass('2026-06-10T14:00:00Z');
  await pass('2026-07-01T00:00:00Z');
  await pass('2026-09-08T14:00:00Z');
  const events = await timeline(a, iv.id);
  const followUps = events.filter((e) => e.type === 'interview.follow_up_due');
  t.same(followUps.map((e) => e.data.reminder?.dueAt), ['2026-06-10T14:00:00.000Z', '2026-09-08T14:00:00.000Z']);
  t.same(followUps[0]!.data.actor, { type: 'system', id: 'scheduler' });
  t.equal(followUps[0]!.data.interview?.state, 'thanked', 'the event carries the interview as it is');

  // Writing resets the quiet; closing ends the reminders for good.
  clock.now = at('2026-09-10T14:00:00Z');
  await act(a, iv.id, 'follow-up', { channel: 'email', kind: 'update' });
  // Thu 10 September 10:00 EDT + 90 local days = Wed 9 December 10:00 EST: 15:00Z.
  await pass('2026-12-09T14:59:59Z');
  await pass('2026-12-09T15:00:00Z');
  t.equal((await remindersOf(a, iv.id)).filter((r) => r === 'interview.follow_up_due@2026-12-09T15:00:00.000Z').length, 1);
  await act(a, iv.id, 'close');
  await pass(new Date(at('2026-12-09T15:00:00Z').getTime() + 5 * 365 * DAY));
  t.equal((await remindersOf(a, iv.id)).length, 6, 'nothing after closing');

  // Reminders are ordinary events: the change feed has them too.
  const feed = await a.call({ method: 'GET', url: '/v1/events?limit=100' });
  t.equal(feed.json<{ data: { type: string }[] }>().data.filter((e) => e.type.endsWith('_due') || e.type.endsWith('_overdue')).length, 6);
});

t.test('a reminder whose condition is gone is never sent', async (t) => {
  const a = await tenant();

  const confirmedEarly = await scheduled(a, '2026-04-01T12:00:00Z', '2026-04-20T16:00:00Z');
  await act(a, confirmedEarly.id, 'confirm');

  const rescheduled = await scheduled(a, '2026-04-01T12:00:00Z', '2026-04-20T16:00:00Z');
  await act(a, rescheduled.id, 'reschedule', { scheduledAt: '2026-04-27T16:00:00Z', reason: 'travel' });

  const cancelled = await scheduled(a, '2026-04-01T12:00:00Z', '2026-04-20T16:00:00Z');
  await act(a, cancelled.id, 'cancel', { reason: 'changed plans' });

  const declined = await scheduled(a, '2026-04-01T12:00:00Z', '2026-04-20T16:00:00Z');
  await act(a, declined.id, 'decline');

  const thankedAtOnce = await scheduled(a, '2026-04-01T12:00:00Z', '2026-04-20T16:00:00Z');
  await act(a, thankedAtOnce.id, 'confirm');
  clock.now = at('2026-04-20T17:00:00Z');
  await act(a, thankedAtOnce.id, 'meet', { actualMinutes: 20, askedForReferral: true });
  await act(a, thankedAtOnce.id, 'thank', { channel: 'email' });

  // Past every due instant of the original meeting (confirm by 17 April, 12:00 EDT).
  await pass('2026-04-18T12:00:00Z');
  for (const iv of [confirmedEarly, cancelled, declined, thankedAtOnce]) t.same(await remindersOf(a, iv.id), [], iv.id);
  t.same(await remindersOf(a, rescheduled.id), [], 'the old meeting time no longer counts');
  await pass('2026-04-24T16:00:00Z');
  t.same(await remindersOf(a, rescheduled.id), ['interview.confirmation_due@2026-04-24T16:00:00.000Z'], 'the new one does');

  // Rescheduled after its reminder went out: the new time earns its own reminder.
  await act(a, rescheduled.id, 'reschedule', { scheduledAt: '2026-05-04T16:00:00Z' });
  await pass('2026-05-01T16:00:00Z');
  t.same(await remindersOf(a, rescheduled.id), [
    'interview.confirmation_due@2026-04-24T16:00:00.000Z',
    'interview.confirmation_due@2026-05-01T16:00:00.000Z',
  ]);

  // A scheduler that was down until after the meeting sends nothing stale.
  const missed = await scheduled(a, '2026-06-01T12:00:00Z', '2026-06-10T16:00:00Z');
  await pass('2026-06-11T00:00:00Z');
  t.same(await remindersOf(a, missed.id), [], 'too late to remind anyone to confirm');
});

t.test('an unanswered request expires: the reminder and the expire action, together and once', async (t) => {
  const a = await tenant();
  clock.now = at('2026-07-01T13:00:00Z');
  const iv = await interview(a);
  await act(a, iv.id, 'request', GOOD_REQUEST);
  await pass('2026-07-22T12:59:59.999Z');
  t.same(await remindersOf(a, iv.id), []);
  const result = await pass('2026-07-22T13:00:00Z');
  t.equal(result.expired, 1);
  await pass('2026-07-23T13:00:00Z');
  const types = (await timeline(a, iv.id)).map((e) => e.type);
  t.same(types.slice(-2), ['interview.request_expired', 'interview.expired'], 'reminder first, then the transition');
  t.equal(types.filter((x) => x === 'interview.expired').length, 1);
  const view = await a.call({ method: 'GET', url: `/v1/interviews/${iv.id}` });
  t.equal(view.json<{ state: string }>().state, 'no_response');
});

t.test('policy changes move the due dates computed after them, not the ones already stored', async (t) => {
  const a = await tenant();
  const before = await scheduled(a, '2026-08-01T12:00:00Z', '2026-08-20T16:00:00Z');
  const patch = await a.call({ method: 'PATCH', url: '/v1/institution', payload: { policy: { confirmLeadDays: 5 } } });
  t.equal(patch.statusCode, 200, patch.body);
  const after = await scheduled(a, '2026-08-01T12:00:00Z', '2026-08-20T16:00:00Z');
  await pass('2026-08-15T16:00:00Z');
  t.same(await remindersOf(a, after.id), ['interview.confirmation_due@2026-08-15T16:00:00.000Z'], 'five days before');
  t.same(await remindersOf(a, before.id), [], 'still three days before');
  await pass('2026-08-17T16:00:00Z');
  t.same(await remindersOf(a, before.id), ['interview.confirmation_due@2026-08-17T16:00:00.000Z']);
});

t.test('a failure rolls back the reminder with its event, the rest go on, and a retry sends it once', async (t) => {
  const a = await tenant();
  const failing = await scheduled(a, '2026-10-01T12:00:00Z', '2026-10-20T16:00:00Z');
  const healthy = await scheduled(a, '2026-10-01T12:00:00Z', '2026-10-20T17:00:00Z');
  // Stand-in for a crash half-way: the event insert for one interview fails after its reminder row went in.
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  t.teardown(() => admin.end());
  await admin.query(`CREATE FUNCTION fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.interview_id = '${failing.id}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
  await admin.query('CREATE TRIGGER fail_for_test BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_for_test()');

  const { log, lines } = recordingLog();
  const withLog = schedulerFor(db, clock, log);
  // Both are due (confirm by 16:00 and 17:00 UTC); the failing one comes first in the queue.
  clock.now = at('2026-10-17T17:30:00Z');
  await withLog.tick();
  t.same(await remindersOf(a, failing.id), []);
  const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM reminders WHERE interview_id = $1', [failing.id]);
  t.equal(rows[0]!.n, 0, 'no reminder recorded without its event');
  t.same(await remindersOf(a, healthy.id), ['interview.confirmation_due@2026-10-17T17:00:00.000Z'], 'the others are not held up');
  t.ok(lines.some((l) => l.level === 'error' && (l.obj as { interviewId?: string }).interviewId === failing.id), 'the failure is logged with the interview id');

  await admin.query('DROP TRIGGER fail_for_test ON events');
  clock.now = at('2026-10-17T17:44:00Z');
  await withLog.tick();
  t.same(await remindersOf(a, failing.id), [], 'the failed one waits out its retry delay');
  clock.now = at('2026-10-17T17:45:00Z');
  await withLog.tick();
  await withLog.tick();
  t.same(await remindersOf(a, failing.id), ['interview.confirmation_due@2026-10-17T16:00:00.000Z'], 'then goes out, once');
  t.same(await remindersOf(a, healthy.id), ['interview.confirmation_due@2026-10-17T17:00:00.000Z']);
});

t.test('two schedulers at once send each reminder once', async (t) => {
  const a = await tenant();
  clock.now = at('2027-01-04T12:00:00Z');
  const ids: string[] = [];
  for (let n = 0; n < 40; n++) {
    const iv = await interview(a);
    await act(a, iv.id, 'request', GOOD_REQUEST);
    ids.push(iv.id);
  }
  clock.now = at('2027-02-01T12:00:00Z');
  const [x, y] = [schedulerFor(db, clock), schedulerFor(db, clock)];
  await Promise.all([x.tick(), y.tick(), x.tick(), y.tick()]);
  const [count] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM reminders WHERE institution_id = $1', [a.institutionId]);
  t.equal(count!.n, 40, 'one reminder per interview between them');
  for (const id of ids) {
    const types = (await timeline(a, id)).map((e) => e.type);
    t.equal(types.filter((x) => x === 'interview.request_expired').length, 1);
    t.equal(types.filter((x) => x === 'interview.expired').length, 1);
  }
});

t.test('a backlog drains pass after pass without waiting for the interval', async (t) => {
  const a = await tenant();
  clock.now = at('2027-05-03T12:00:00Z');
  // More than two passes' worth (2 × 20 batches of one), so the third must come without the interval.
  for (let n = 0; n < 45; n++) {
    const iv = await interview(a);
    await act(a, iv.id, 'request', GOOD_REQUEST);
  }
  clock.now = at('2027-06-01T12:00:00Z');
  const count = async () => (await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM reminders WHERE institution_id = $1', [a.institutionId]))[0]!.n;
  // One interview per batch: a pass stops after 20 batches and says there is more.
  const small = new ReminderScheduler({ db, log: recordingLog().log, clock: () => clock.now, batchSize: 1, everyMs: 3_600_000 });
  const first = await small.tick();
  t.equal(first.more, true, 'the pass hit its limit');
  t.ok((await count()) <= 20);
  // Started with an hour between passes, it still drains the rest at once.
  small.start();
  t.teardown(() => small.stop());
  const until = Date.now() + 30_000;
  while ((await count()) < 45 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  t.equal(await count(), 45, 'every request expired well before the next interval');
  await small.stop();
});

t.test('another institution sees none of it', async (t) => {
  const a = await tenant();
  const b = await tenant();
  const iv = await scheduled(a, '2027-03-01T12:00:00Z', '2027-03-20T16:00:00Z');
  await pass('2027-03-17T16:00:00Z');
  t.equal((await remindersOf(a, iv.id)).length, 1);
  const feed = await b.call({ method: 'GET', url: '/v1/events?limit=100' });
  t.same(feed.json<{ data: { type: string }[] }>().data.filter((e) => e.type.startsWith('interview.')), []);
  t.equal((await b.call({ method: 'GET', url: `/v1/interviews/${iv.id}/events` })).statusCode, 404);
});
