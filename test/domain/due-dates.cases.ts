import t from 'tap';
import { DEFAULT_POLICY, STATES, dueDates, policySchema } from '../../src/domain/index.js';
import { SNAPSHOTS, baseSnapshot } from './fixtures.js';

const NY = 'America/New_York';
// Saturday 8 March 2025, 18:00 EST: the evening before the US switch to summer time.
const SATURDAY_EVENING = new Date('2025-03-08T23:00:00Z');

t.test('confirmBy: confirmLeadDays local days before the meeting, while scheduled', async (t) => {
  const scheduled = baseSnapshot({ state: 'scheduled', scheduledAt: SATURDAY_EVENING });
  t.same(dueDates(scheduled, DEFAULT_POLICY, NY).confirmBy, new Date('2025-03-05T23:00:00Z'), 'Wed 18:00 EST');
  // Tue 11 March 18:00 EDT → Sat 8 March 18:00 EST: 71 hours, not 72.
  const afterSwitch = baseSnapshot({ state: 'scheduled', scheduledAt: new Date('2025-03-11T22:00:00Z') });
  t.same(dueDates(afterSwitch, DEFAULT_POLICY, NY).confirmBy, SATURDAY_EVENING);
  t.equal(dueDates({ ...scheduled, state: 'confirmed' }, DEFAULT_POLICY, NY).confirmBy, null, 'already confirmed');
  t.equal(dueDates({ ...scheduled, scheduledAt: null }, DEFAULT_POLICY, NY).confirmBy, null);
});

t.test('thankYouDueBy: the local midnight ending day thankYouWithinDays, while met', async (t) => {
  const met = baseSnapshot({ state: 'met', heldAt: SATURDAY_EVENING });
  // Day 3 is Tuesday 11 March; it ends at Wednesday 00:00 EDT = 04:00Z (05:00Z before the switch).
  t.same(dueDates(met, DEFAULT_POLICY, NY).thankYouDueBy, new Date('2025-03-12T04:00:00Z'));
  // The same instant in Berlin is Sunday 00:00 CET: day 3 is Wednesday 12 March.
  t.same(dueDates(met, DEFAULT_POLICY, 'Europe/Berlin').thankYouDueBy, new Date('2025-03-12T23:00:00Z'));
  // Berlin fall-back: Saturday 25 October 2025 18:00 CEST → Wednesday 29 October 00:00 CET.
  t.same(dueDates({ ...met, heldAt: new Date('2025-10-25T16:00:00Z') }, DEFAULT_POLICY, 'Europe/Berlin').thankYouDueBy, new Date('2025-10-28T23:00:00Z'));
  const sameDay = policySchema.parse({ thankYouWithinDays: 0 });
  t.same(dueDates(met, sameDay, NY).thankYouDueBy, new Date('2025-03-09T05:00:00Z'), 'within 0 days: by the end of that Saturday (EST)');
  t.equal(dueDates({ ...met, state: 'thanked' }, DEFAULT_POLICY, NY).thankYouDueBy, null);
});

t.test('nextFollowUpDueAt: followUpEveryDays local days after the last contact, while thanked or following up', async (t) => {
  const thanked = baseSnapshot({ state: 'thanked', lastContactAt: SATURDAY_EVENING });
  // 90 local days after Sat 8 March 18:00 EST is Fri 6 June 18:00 EDT = 22:00Z.
  t.same(dueDates(thanked, DEFAULT_POLICY, NY).nextFollowUpDueAt, new Date('2025-06-06T22:00:00Z'));
  t.same(dueDates({ ...thanked, state: 'following_up' }, DEFAULT_POLICY, NY).nextFollowUpDueAt, new Date('2025-06-06T22:00:00Z'));
  t.equal(dueDates({ ...thanked, state: 'closed' }, DEFAULT_POLICY, NY).nextFollowUpDueAt, null);
});

t.test('requestExpiresAt: requestExpiryDays local days after the request, while requested', async (t) => {
  const requested = baseSnapshot({ state: 'requested', requestedAt: SATURDAY_EVENING });
  t.same(dueDates(requested, DEFAULT_POLICY, NY).requestExpiresAt, new Date('2025-03-29T22:00:00Z'), 'Sat 29 March 18:00 EDT');
  t.same(dueDates(requested, policySchema.parse({ requestExpiryDays: 1 }), NY).requestExpiresAt, new Date('2025-03-09T22:00:00Z'), '23 hours later');
});

t.test('only one due date at a time, and none in the end states', async (t) => {
  for (const state of STATES) {
    const dates = dueDates(SNAPSHOTS[state], DEFAULT_POLICY, 'Europe/Berlin');
    const set = Object.entries(dates).filter(([, value]) => value !== null).map(([key]) => key);
    const expected =
      state === 'requested' ? ['requestExpiresAt']
      : state === 'scheduled' ? ['confirmBy']
      : state === 'met' ? ['thankYouDueBy']
      : state === 'thanked' || state === 'following_up' ? ['nextFollowUpDueAt']
      : [];
    t.same(set, expected, state);
  }
});
