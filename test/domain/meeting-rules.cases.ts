import t from 'tap';
import { SNAPSHOTS, NOW, advisoryCodes, allCodes, daysFrom, hoursFrom, iso, minutesFrom, run, violationCodes } from './fixtures.js';

t.test('schedule: scheduled_in_past when the time is not ahead', async (t) => {
  t.same(violationCodes(run('requested', 'schedule', { scheduledAt: iso(NOW) })), ['scheduled_in_past'], 'now is not ahead');
  t.same(violationCodes(run('requested', 'schedule', { scheduledAt: iso(minutesFrom(NOW, -1)) })), ['scheduled_in_past']);
  t.match(run('requested', 'schedule', { scheduledAt: iso(minutesFrom(NOW, 1)) }), { ok: true });
  t.match(run('requested', 'schedule', { scheduledAt: '2025-06-10T14:00:01+02:00' }), { ok: true }, 'offsets respected');
  t.same(violationCodes(run('requested', 'schedule', { scheduledAt: '2025-06-10T14:00:00+02:00' })), ['scheduled_in_past']);
});

t.test('schedule: location_required for in-person and video', async (t) => {
  for (const mode of ['in_person', 'video'] as const) {
    t.match(run('requested', 'schedule', { mode, location: undefined }), { ok: false, violations: [{ rule: 'location_required', field: 'location' }] }, mode);
    t.same(violationCodes(run('requested', 'schedule', { mode, location: '   ' })), ['location_required'], `${mode} blank`);
    t.match(run('requested', 'schedule', { mode, location: 'Room 4' }), { ok: true });
  }
  t.match(run('requested', 'schedule', { mode: 'phone', location: undefined }), { ok: true });
});

t.test('schedule: over_requested_duration when longer than asked', async (t) => {
  t.match(run('requested', 'schedule', { durationMinutes: 21 }), { ok: true, advisories: [{ rule: 'over_requested_duration', field: 'durationMinutes' }] });
  t.same(allCodes(run('requested', 'schedule', { durationMinutes: 20 })), []);
  t.same(allCodes(run('requested', 'schedule', { durationMinutes: 15 })), []);
  t.same(allCodes(run('requested', 'schedule')), [], 'no duration given');
});

t.test('reschedule: scheduled_in_past only', async (t) => {
  for (const from of ['scheduled', 'confirmed'] as const) {
    t.same(violationCodes(run(from, 'reschedule', { scheduledAt: iso(NOW) })), ['scheduled_in_past'], from);
    t.match(run(from, 'reschedule', { scheduledAt: iso(minutesFrom(NOW, 1)) }), { ok: true });
  }
  t.same(allCodes(run('scheduled', 'reschedule', { mode: 'in_person' })), [], 'the table asks nothing else of a reschedule');
});

// "a few days before … confirm"
t.test('confirm: meeting_already_started, confirmed_early, confirmed_late', async (t) => {
  const meeting = new Date('2025-06-20T15:00:00Z');
  const scheduled = { ...SNAPSHOTS.scheduled, scheduledAt: meeting };
  const confirmAt = (at: Date) => run(scheduled, 'confirm', { confirmedAt: iso(at) });

  t.match(confirmAt(meeting), { ok: false, violations: [{ rule: 'meeting_already_started', field: 'confirmedAt' }] }, 'at the start');
  t.same(violationCodes(confirmAt(minutesFrom(meeting, 5))), ['meeting_already_started'], 'after the start');
  t.same(advisoryCodes(confirmAt(minutesFrom(meeting, 5))), [], 'no late advice on top of the refusal');
  t.match(confirmAt(new Date(meeting.getTime() - 1)), { ok: true, advisories: [{ rule: 'confirmed_late' }] }, '1 ms before');

  t.same(allCodes(confirmAt(daysFrom(meeting, -7))), [], '7 days before is fine');
  t.same(allCodes(confirmAt(minutesFrom(daysFrom(meeting, -7), -1))), ['confirmed_early'], '7 days and a minute is early');
  t.same(allCodes(confirmAt(hoursFrom(meeting, -24))), [], '24 hours before is fine');
  t.same(allCodes(confirmAt(minutesFrom(hoursFrom(meeting, -24), 1))), ['confirmed_late'], '23h59 is late');
  t.same(allCodes(confirmAt(daysFrom(meeting, -3))), [], 'three days ahead, as advised');

  // Without confirmedAt the moment is now.
  t.same(allCodes(run({ ...SNAPSHOTS.scheduled, scheduledAt: hoursFrom(NOW, 2) }, 'confirm', {})), ['confirmed_late']);
  t.same(violationCodes(run({ ...SNAPSHOTS.scheduled, scheduledAt: hoursFrom(NOW, -2) }, 'confirm', {})), ['meeting_already_started']);
});

t.test('confirm: "7 days" are local calendar days across a DST change', async (t) => {
  // Tue 11 March 2025 18:00 in New York (EDT, after the switch on Sunday 9 March).
  const meeting = new Date('2025-03-11T22:00:00Z');
  const scheduled = { ...SNAPSHOTS.scheduled, scheduledAt: meeting };
  const opts = { timeZone: 'America/New_York', now: new Date('2025-03-01T00:00:00Z') };
  // Seven local days before is Tue 4 March 18:00 EST = 23:00Z, 7×24 h + 1 h earlier.
  t.same(allCodes(run(scheduled, 'confirm', { confirmedAt: '2025-03-04T23:00:00Z' }, opts)), []);
  t.same(allCodes(run(scheduled, 'confirm', { confirmedAt: '2025-03-04T22:59:00Z' }, opts)), ['confirmed_early']);
  t.same(allCodes(run(scheduled, 'confirm', { confirmedAt: '2025-03-04T22:30:00Z' }, opts)), ['confirmed_early'], 'more than 7×24 h but fewer than 7 local days');
});

t.test('meet: held_in_future', async (t) => {
  t.match(run('confirmed', 'meet', { heldAt: iso(minutesFrom(NOW, 1)) }), { ok: false, violations: [{ rule: 'held_in_future', field: 'heldAt' }] });
  t.match(run('confirmed', 'meet', { heldAt: iso(NOW) }), { ok: true });
  t.match(run('confirmed', 'meet', { heldAt: iso(hoursFrom(NOW, -3)) }), { ok: true });
});

t.test('meet: not_confirmed', async (t) => {
  t.same(allCodes(run('scheduled', 'meet')), ['not_confirmed']);
  t.same(allCodes(run('confirmed', 'meet')), []);
});

t.test('meet: no_questions and too_many_questions ("a brief list of specific questions")', async (t) => {
  const withQuestions = (n: number) => ({ ...SNAPSHOTS.confirmed, questions: Array.from({ length: n }, (_, i) => `Question ${i + 1}?`) });
  t.match(run(withQuestions(0), 'meet'), { ok: true, advisories: [{ rule: 'no_questions', field: 'questions' }] });
  t.same(allCodes(run(withQuestions(1), 'meet')), []);
  t.same(allCodes(run(withQuestions(10), 'meet')), [], '10 questions ok');
  t.same(allCodes(run(withQuestions(11), 'meet')), ['too_many_questions'], '11 too many');
});

t.test('meet: overran_time ("don\'t try to push for more time")', async (t) => {
  t.same(allCodes(run('confirmed', 'meet', { actualMinutes: 20 })), [], 'on time');
  t.match(run('confirmed', 'meet', { actualMinutes: 21 }), { ok: true, advisories: [{ rule: 'overran_time', field: 'actualMinutes' }] });
  t.same(allCodes(run('confirmed', 'meet', { actualMinutes: 45, extendedByInterviewee: true })), [], 'they offered more time');
  t.same(allCodes(run('confirmed', 'meet', { actualMinutes: undefined })), [], 'length unknown');
  // Without an agreed duration, the minutes asked for are the yardstick.
  const noDuration = { ...SNAPSHOTS.confirmed, durationMinutes: null, requestedMinutes: 15 };
  t.same(allCodes(run(noDuration, 'meet', { actualMinutes: 16 })), ['overran_time']);
  t.same(allCodes(run(noDuration, 'meet', { actualMinutes: 15 })), []);
});

t.test('meet: referral_not_asked ("ask them if they know anyone else")', async (t) => {
  t.match(run('confirmed', 'meet', { askedForReferral: false }), { ok: true, advisories: [{ rule: 'referral_not_asked', field: 'askedForReferral' }] });
  t.same(allCodes(run('confirmed', 'meet', { askedForReferral: undefined })), ['referral_not_asked'], 'not saying counts as not asking');
  t.same(allCodes(run('confirmed', 'meet', { askedForReferral: true })), []);
});
