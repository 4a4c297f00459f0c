import t from 'tap';
import { addLocalDays, fromLocal, isValidTimeZone, localDateString, localDaysBetween, startOfLocalDay, toLocal } from '../../src/domain/index.js';

t.test('isValidTimeZone', async (t) => {
  for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) t.ok(isValidTimeZone(tz), tz);
  for (const tz of ['', 'Mars/Olympus_Mons', 'Europe/Berlin ', 'not a zone']) t.notOk(isValidTimeZone(tz), JSON.stringify(tz));
});

t.test('toLocal and fromLocal round-trip', async (t) => {
  const instant = new Date('2025-06-10T12:34:56.789Z');
  const local = toLocal(instant, 'Asia/Kolkata');
  t.same(local, { year: 2025, month: 6, day: 10, hour: 18, minute: 4, second: 56, millisecond: 789 });
  t.same(fromLocal(local, 'Asia/Kolkata'), instant);
  t.equal(localDateString(new Date('2025-12-31T23:30:00Z'), 'Europe/Berlin'), '2026-01-01');
  t.equal(toLocal(new Date('2025-01-01T05:00:00Z'), 'America/New_York').hour, 0, 'midnight is hour 0');
});

t.test('fromLocal across DST: skipped times move forward, repeated times take the first', async (t) => {
  // 02:30 on 9 March 2025 does not exist in New York: it reads as 03:30 EDT.
  t.same(fromLocal({ year: 2025, month: 3, day: 9, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'America/New_York'), new Date('2025-03-09T07:30:00Z'));
  // 01:30 on 2 November 2025 happens twice: the first (EDT) wins.
  t.same(fromLocal({ year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0, millisecond: 0 }, 'America/New_York'), new Date('2025-11-02T05:30:00Z'));
  // Chile starts summer time at midnight: 8 September 2024 begins at 01:00 -03.
  t.same(startOfLocalDay(new Date('2024-09-07T15:00:00Z'), 'America/Santiago', 1), new Date('2024-09-08T04:00:00Z'));
});

t.test('addLocalDays keeps the wall-clock time', async (t) => {
  const saturday = new Date('2025-03-08T23:00:00Z'); // 18:00 EST
  t.same(addLocalDays(saturday, 1, 'America/New_York'), new Date('2025-03-09T22:00:00Z'), '23 hours later');
  t.same(addLocalDays(saturday, -1, 'America/New_York'), new Date('2025-03-07T23:00:00Z'));
  t.same(addLocalDays(new Date('2025-01-31T12:00:00Z'), 1, 'UTC'), new Date('2025-02-01T12:00:00Z'), 'month overflow');
  t.same(addLocalDays(new Date('2024-02-28T12:00:00Z'), 1, 'UTC'), new Date('2024-02-29T12:00:00Z'), 'leap day');
});

t.test('localDaysBetween counts calendar days, not 24-hour spans', async (t) => {
  const lateEvening = new Date('2025-06-10T21:30:00Z'); // 23:30 in Berlin
  t.equal(localDaysBetween(lateEvening, new Date('2025-06-10T22:30:00Z'), 'Europe/Berlin'), 1, 'an hour later is tomorrow');
  t.equal(localDaysBetween(lateEvening, new Date('2025-06-10T22:30:00Z'), 'UTC'), 0);
  t.equal(localDaysBetween(new Date('2025-03-08T23:00:00Z'), new Date('2025-03-12T03:59:00Z'), 'America/New_York'), 3);
  t.equal(localDaysBetween(new Date('2025-03-12T03:59:00Z'), new Date('2025-03-08T23:00:00Z'), 'America/New_York'), -3);
});
