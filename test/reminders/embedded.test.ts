import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { GOOD_REQUEST, act, interview } from '../helpers/fixtures.js';
import { remindersOf, schedulerFor, timeline } from './helpers.js';

// The same scheduler on the embedded database (one connection, transactions
// queued in-process): reminders go out once and a request expires.

t.test('reminders on the embedded database', async (t) => {
  const { app, db, clock } = await buildTestApp(t, { embedded: true, now: new Date('2026-05-04T10:00:00Z') });
  const a = await createTenant(app, 'Embedded', 'Europe/Berlin');
  const scheduler = schedulerFor(db, clock);

  const waiting = await interview(a);
  await act(a, waiting.id, 'request', GOOD_REQUEST);
  const meeting = await interview(a);
  await act(a, meeting.id, 'request', GOOD_REQUEST);
  await act(a, meeting.id, 'schedule', { scheduledAt: '2026-05-15T08:00:00Z', mode: 'phone' });

  // Confirm by Tuesday 12 May, 10:00 in Berlin (08:00Z); two passes at once share the work.
  clock.now = new Date('2026-05-12T08:00:00Z');
  await Promise.all([scheduler.tick(), scheduler.tick()]);
  await scheduler.tick();
  t.same(await remindersOf(a, meeting.id), ['interview.confirmation_due@2026-05-12T08:00:00.000Z']);
  t.same(await remindersOf(a, waiting.id), []);

  clock.now = new Date('2026-05-25T10:00:00Z');
  await scheduler.tick();
  await scheduler.tick();
  const types = (await timeline(a, waiting.id)).map((e) => e.type);
  t.same(types.slice(-2), ['interview.request_expired', 'interview.expired']);
  t.same(await remindersOf(a, meeting.id), ['interview.confirmation_due@2026-05-12T08:00:00.000Z'], 'the meeting started: nothing stale');
});
