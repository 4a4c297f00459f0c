import t from 'tap';
import { SNAPSHOTS, advisoryCodes, allCodes, daysFrom, iso, minutesFrom, run } from './fixtures.js';

// "within a few days": counted in local calendar days in the institution's zone.
t.test('thanks_late in America/New_York across the spring-forward change', async (t) => {
  // Saturday 8 March 2025, 18:00 EST; clocks go forward on Sunday 9 March.
  const met = { ...SNAPSHOTS.met, heldAt: new Date('2025-03-08T23:00:00Z'), lastContactAt: new Date('2025-03-08T23:00:00Z') };
  const opts = { timeZone: 'America/New_York', now: new Date('2025-03-20T00:00:00Z') };
  const thankAt = (sentAt: string) => advisoryCodes(run(met, 'thank', { sentAt }, opts));
  t.same(thankAt('2025-03-09T02:00:00Z'), [], 'same evening');
  t.same(thankAt('2025-03-11T12:00:00Z'), [], 'day 3, Tuesday noon');
  t.same(thankAt('2025-03-12T03:59:00Z'), [], 'day 3, Tuesday 23:59 EDT');
  t.same(thankAt('2025-03-12T04:00:00Z'), ['thanks_late'], 'day 4, Wednesday 00:00 EDT');
  t.same(thankAt('2025-03-12T04:30:00Z'), ['thanks_late'], 'day 4 though less than 3×24 h + 6 h after');
});

t.test('thanks_late in Europe/Berlin across the fall-back change', async (t) => {
  // Saturday 25 October 2025, 23:30 CEST; clocks go back on Sunday 26 October.
  const met = { ...SNAPSHOTS.met, heldAt: new Date('2025-10-25T21:30:00Z') };
  const opts = { timeZone: 'Europe/Berlin', now: new Date('2025-11-10T00:00:00Z') };
  const thankAt = (sentAt: string) => advisoryCodes(run(met, 'thank', { sentAt }, opts));
  t.same(thankAt('2025-10-28T22:59:00Z'), [], 'day 3, Tuesday 23:59 CET');
  t.same(thankAt('2025-10-28T23:00:00Z'), ['thanks_late'], 'day 4, Wednesday 00:00 CET');
  // The same instants read in New York fall on other local days.
  t.same(advisoryCodes(run(met, 'thank', { sentAt: '2025-10-29T03:30:00Z' }, { ...opts, timeZone: 'America/New_York' })), [], 'still Tuesday in New York');
});

t.test('thanks_late: only the first thank-you can be late; sentAt defaults to now', async (t) => {
  const thanked = { ...SNAPSHOTS.thanked };
  t.same(allCodes(run(thanked, 'thank', { channel: 'handwritten_note' })), [], 'a second note weeks later is a bonus');
  const met = { ...SNAPSHOTS.met, heldAt: daysFrom(SNAPSHOTS.met.heldAt ?? new Date(0), -10) };
  t.same(allCodes(run(met, 'thank', {})), ['thanks_late'], 'now is ten days on');
});

// "every few months"
t.test('follow_up_too_soon: 30 local days after the last contact', async (t) => {
  const last = new Date('2025-03-01T12:00:00Z');
  const thanked = { ...SNAPSHOTS.thanked, lastContactAt: last };
  const opts = { now: new Date('2025-06-01T00:00:00Z'), timeZone: 'Europe/Berlin' };
  const followUpAt = (sentAt: Date) => advisoryCodes(run(thanked, 'follow_up', { sentAt: iso(sentAt) }, opts));
  t.same(followUpAt(daysFrom(last, 29)), ['follow_up_too_soon'], '29 days');
  // 30 local days after 1 March 13:00 CET is 31 March 13:00 CEST = 11:00Z (Berlin went to summer time on 30 March).
  t.same(followUpAt(new Date('2025-03-31T11:00:00Z')), [], '30 local days');
  t.same(followUpAt(minutesFrom(new Date('2025-03-31T11:00:00Z'), -1)), ['follow_up_too_soon'], 'a minute short');
  t.same(followUpAt(daysFrom(last, 30)), [], '30×24 h is past the local boundary here');
  t.same(allCodes(run({ ...thanked, lastContactAt: null }, 'follow_up', {}, opts)), [], 'no last contact recorded');
});

// "better not to make any kind of additional request … until some time … has passed"
t.test('request_too_soon: a request before two follow-ups', async (t) => {
  const withCount = (followUpCount: number) => ({ ...SNAPSHOTS.following_up, followUpCount });
  t.same(allCodes(run(withCount(0), 'follow_up', { containsRequest: true })), ['request_too_soon']);
  t.match(run(withCount(1), 'follow_up', { containsRequest: true }), { ok: true, advisories: [{ rule: 'request_too_soon', field: 'containsRequest' }] });
  t.same(allCodes(run(withCount(2), 'follow_up', { containsRequest: true })), [], 'third follow-up may ask');
  t.same(allCodes(run(withCount(0), 'follow_up', { containsRequest: false })), []);
  t.same(allCodes(run(withCount(0), 'follow_up', {})), []);
});
