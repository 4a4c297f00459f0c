import t from 'tap';
import {
  DEFAULT_POLICY,
  STATES,
  dueDates,
  nextReminderAt,
  policySchema,
  remindersDue,
  type InterviewSnapshot,
  type Policy,
  type ReminderBasis,
} from '../../src/domain/index.js';
import { SNAPSHOTS, baseSnapshot } from './fixtures.js';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
// Saturday 8 March 2025, 18:00 EST: the evening before the US switch to summer time.
const SATURDAY_EVENING = new Date('2025-03-08T23:00:00Z');
const at = (s: string) => new Date(s);

function basis(snapshot: InterviewSnapshot, policy: Policy = DEFAULT_POLICY, tz = NY): ReminderBasis {
  return { ...dueDates(snapshot, policy, tz), state: snapshot.state, scheduledAt: snapshot.scheduledAt, heldAt: snapshot.heldAt };
}

const kinds = (b: ReminderBasis, now: Date, policy: Policy = DEFAULT_POLICY, tz = NY) =>
  remindersDue(b, policy, tz, now).map((r) => `${r.kind}@${r.dueAt.toISOString()}`);

t.test('confirmation_due: confirmLeadDays local days before a meeting not yet confirmed, until it starts', async (t) => {
  // The meeting is on the Saturday before the DST switch; the reminder is Wednesday 18:00 EST.
  const b = basis(baseSnapshot({ state: 'scheduled', scheduledAt: SATURDAY_EVENING }));
  const rows: [string, string[]][] = [
    ['2025-03-05T22:59:59.999Z', []],
    ['2025-03-05T23:00:00.000Z', ['confirmation_due@2025-03-05T23:00:00.000Z']],
    ['2025-03-08T22:59:59.999Z', ['confirmation_due@2025-03-05T23:00:00.000Z']],
    ['2025-03-08T23:00:00.000Z', []], // the meeting has started: too late to remind
  ];
  for (const [now, expected] of rows) t.same(kinds(b, at(now)), expected, now);
  // A meeting on the Tuesday after the switch: three local days back crosses it (71 hours).
  const after = basis(baseSnapshot({ state: 'scheduled', scheduledAt: at('2025-03-11T22:00:00Z') }));
  t.same(kinds(after, SATURDAY_EVENING), ['confirmation_due@2025-03-08T23:00:00.000Z']);
  t.same(kinds(after, at('2025-03-08T22:59:59Z')), []);
  t.same(kinds({ ...b, state: 'confirmed' }, at('2025-03-06T00:00:00Z')), [], 'confirmed: nothing to remind');
});

t.test('thank_you_due the local day after the meeting, thank_you_overdue when the window closes', async (t) => {
  // Met Saturday 18:00 EST. Sunday starts at 00:00 EST (05:00Z); day 3 (Tuesday) ends
  // at Wednesday 00:00 EDT (04:00Z), after the switch.
  const b = basis(baseSnapshot({ state: 'met', heldAt: SATURDAY_EVENING }));
  const rows: [string, string[]][] = [
    ['2025-03-09T04:59:59.999Z', []],
    ['2025-03-09T05:00:00.000Z', ['thank_you_due@2025-03-09T05:00:00.000Z']],
    ['2025-03-12T03:59:59.999Z', ['thank_you_due@2025-03-09T05:00:00.000Z']],
    ['2025-03-12T04:00:00.000Z', ['thank_you_overdue@2025-03-12T04:00:00.000Z']],
    ['2026-03-12T04:00:00.000Z', ['thank_you_overdue@2025-03-12T04:00:00.000Z']],
  ];
  for (const [now, expected] of rows) t.same(kinds(b, at(now)), expected, now);

  // Berlin, autumn: met Saturday 25 October 2025 18:00 CEST; the window ends Wednesday 00:00 CET.
  const berlin = basis(baseSnapshot({ state: 'met', heldAt: at('2025-10-25T16:00:00Z') }), DEFAULT_POLICY, BERLIN);
  t.same(kinds(berlin, at('2025-10-25T22:00:00Z'), DEFAULT_POLICY, BERLIN), ['thank_you_due@2025-10-25T22:00:00.000Z'], 'Sunday 00:00 CEST');
  t.same(kinds(berlin, at('2025-10-28T23:00:00Z'), DEFAULT_POLICY, BERLIN), ['thank_you_overdue@2025-10-28T23:00:00.000Z'], 'Wednesday 00:00 CET');

  // Within 0 days: the window closes when the next day starts, so only "overdue" is ever sent.
  const sameDay = policySchema.parse({ thankYouWithinDays: 0 });
  const strict = basis(baseSnapshot({ state: 'met', heldAt: SATURDAY_EVENING }), sameDay);
  t.same(kinds(strict, at('2025-03-09T05:00:00Z'), sameDay), ['thank_you_overdue@2025-03-09T05:00:00.000Z']);
  t.same(kinds({ ...b, state: 'thanked', thankYouDueBy: null }, at('2025-03-10T00:00:00Z')), [], 'thanked: nothing');
});

t.test('follow_up_due every followUpEveryDays of quiet, one at a time, never after closing', async (t) => {
  const b = basis(baseSnapshot({ state: 'thanked', lastContactAt: SATURDAY_EVENING }));
  // 90 local days: Fri 6 June 18:00 EDT; 180: Thu 4 September; 270: Wed 3 December 18:00 EST.
  const rows: [string, string[]][] = [
    ['2025-06-06T21:59:59.999Z', []],
    ['2025-06-06T22:00:00.000Z', ['follow_up_due@2025-06-06T22:00:00.000Z']],
    ['2025-09-04T21:59:59.999Z', ['follow_up_due@2025-06-06T22:00:00.000Z']],
    ['2025-09-04T22:00:00.000Z', ['follow_up_due@2025-09-04T22:00:00.000Z']],
    ['2025-12-03T23:00:00.000Z', ['follow_up_due@2025-12-03T23:00:00.000Z']],
    // Three years of silence: only the nudge due now, not a backlog of twelve.
    ['2028-03-01T00:00:00.000Z', ['follow_up_due@2028-02-21T23:00:00.000Z']], // 2025-06-06 + 11 × 90 local days,
  ];
  for (const [now, expected] of rows) t.same(kinds(b, at(now)), expected, now);
  t.same(kinds({ ...b, state: 'following_up' }, at('2025-06-07T00:00:00Z')), ['follow_up_due@2025-06-06T22:00:00.000Z']);
  t.same(kinds({ ...b, state: 'closed', nextFollowUpDueAt: null }, at('2025-06-07T00:00:00Z')), []);
  t.same(kinds({ ...b, state: 'closed' }, at('2025-06-07T00:00:00Z')), [], 'closed, even with a stale due date');

  // The repeats use the current followUpEveryDays; the first comes from the stored due date.
  const monthly = policySchema.parse({ followUpEveryDays: 30 });
  t.same(kinds(b, at('2025-07-06T22:00:00Z'), monthly), ['follow_up_due@2025-07-06T22:00:00.000Z']);
});

t.test('request_expired once requestExpiryDays pass without a reply, and stays due until acted on', async (t) => {
  const b = basis(baseSnapshot({ state: 'requested', requestedAt: SATURDAY_EVENING }));
  t.same(kinds(b, at('2025-03-29T21:59:59Z')), []);
  t.same(kinds(b, at('2025-03-29T22:00:00Z')), ['request_expired@2025-03-29T22:00:00.000Z'], 'Sat 29 March 18:00 EDT');
  t.same(kinds(b, at('2027-01-01T00:00:00Z')), ['request_expired@2025-03-29T22:00:00.000Z']);
});

t.test('no reminders in prospect, confirmed or the end states', async (t) => {
  for (const state of STATES) {
    if (['requested', 'scheduled', 'met', 'thanked', 'following_up'].includes(state)) continue;
    const b = basis(SNAPSHOTS[state], DEFAULT_POLICY, BERLIN);
    t.same(remindersDue(b, DEFAULT_POLICY, BERLIN, at('2030-01-01T00:00:00Z')), [], state);
    t.equal(nextReminderAt(b, DEFAULT_POLICY, BERLIN, at('2020-01-01T00:00:00Z'), true), null, state);
  }
});

t.test('nextReminderAt: the next occurrence strictly after now; with includeDue, one due and still fresh', async (t) => {
  const met = basis(baseSnapshot({ state: 'met', heldAt: SATURDAY_EVENING }));
  const T1 = at('2025-03-09T05:00:00Z');
  const T2 = at('2025-03-12T04:00:00Z');
  t.same(nextReminderAt(met, DEFAULT_POLICY, NY, SATURDAY_EVENING), T1);
  t.same(nextReminderAt(met, DEFAULT_POLICY, NY, T1), T2, 'after sending thank_you_due');
  t.same(nextReminderAt(met, DEFAULT_POLICY, NY, at('2025-03-10T00:00:00Z'), true), T1, 'after a change: thank_you_due is still fresh');
  t.equal(nextReminderAt(met, DEFAULT_POLICY, NY, T2), null, 'nothing after overdue');
  t.same(nextReminderAt(met, DEFAULT_POLICY, NY, T2, true), T2);

  const scheduled = basis(baseSnapshot({ state: 'scheduled', scheduledAt: SATURDAY_EVENING }));
  t.equal(nextReminderAt(scheduled, DEFAULT_POLICY, NY, SATURDAY_EVENING, true), null, 'meeting started: stale');
  // Scheduled two days ahead with a three-day lead: the reminder is due at once.
  t.same(nextReminderAt(scheduled, DEFAULT_POLICY, NY, at('2025-03-06T12:00:00Z'), true), at('2025-03-05T23:00:00Z'));

  const thanked = basis(baseSnapshot({ state: 'thanked', lastContactAt: SATURDAY_EVENING }));
  t.same(nextReminderAt(thanked, DEFAULT_POLICY, NY, SATURDAY_EVENING), at('2025-06-06T22:00:00Z'));
  t.same(nextReminderAt(thanked, DEFAULT_POLICY, NY, at('2025-06-06T22:00:00Z')), at('2025-09-04T22:00:00Z'), 'repeats');
  t.same(nextReminderAt(thanked, DEFAULT_POLICY, NY, at('2025-06-20T00:00:00Z'), true), at('2025-06-06T22:00:00Z'));
});

t.test('every reminder is fresh from its due instant until its next step, whatever the zone', async (t) => {
  // A sweep: for each hour over a year, the reminders due are exactly those whose
  // window holds the hour, and nextReminderAt never points at the past in scheduler mode.
  const zones = ['UTC', NY, BERLIN, 'Australia/Sydney', 'Asia/Kolkata'];
  for (const tz of zones) {
    const b = basis(baseSnapshot({ state: 'thanked', lastContactAt: SATURDAY_EVENING }), DEFAULT_POLICY, tz);
    let previous: string | undefined;
    let changes = 0;
    for (let h = 0; h < 24 * 365; h += 7) {
      const now = new Date(SATURDAY_EVENING.getTime() + h * 3_600_000);
      const due = remindersDue(b, DEFAULT_POLICY, tz, now);
      if (due.length > 1) t.fail(`two follow-ups due at once in ${tz}`);
      const key = due[0]?.dueAt.toISOString();
      if (key !== previous) changes++;
      previous = key;
      const next = nextReminderAt(b, DEFAULT_POLICY, tz, now);
      if (!next || next <= now) t.fail(`next reminder not in the future at ${now.toISOString()} (${tz})`);
    }
    t.equal(changes, 4, `${tz}: none, then three quarterly nudges within the year`);
  }
});
