import t from 'tap';
import { SNAPSHOTS, NOW, daysFrom, iso, run } from './fixtures.js';
import type { Decision } from '../../src/domain/index.js';

const changesOf = (decision: Decision) => {
  if (!decision.ok) throw new Error(`expected ok, got ${JSON.stringify(decision)}`);
  return decision.changes;
};

t.test('request sets the request and the last contact; sentAt defaults to now', async (t) => {
  t.same(changesOf(run('prospect', 'request')), {
    state: 'requested',
    topics: ['Logistics careers'],
    requestChannel: 'email',
    requestMessage: SNAPSHOTS.requested.requestMessage,
    requestedMinutes: 20,
    requestedAt: NOW,
    lastContactAt: NOW,
  });
  const sentAt = '2025-06-09T08:00:00+02:00';
  t.match(changesOf(run('prospect', 'request', { sentAt, message: undefined })), {
    requestedAt: new Date(sentAt),
    lastContactAt: new Date(sentAt),
    requestMessage: null,
  });
});

t.test('schedule and reschedule', async (t) => {
  const at = iso(daysFrom(NOW, 5));
  t.same(changesOf(run('requested', 'schedule')), { state: 'scheduled', scheduledAt: new Date(at), durationMinutes: null, mode: 'video', location: 'https://meet.example/abc' });
  t.same(changesOf(run('requested', 'schedule', { mode: 'phone', location: undefined, durationMinutes: 15 })), {
    state: 'scheduled', scheduledAt: new Date(at), durationMinutes: 15, mode: 'phone', location: null,
  });
  const later = iso(daysFrom(NOW, 6));
  t.same(changesOf(run('confirmed', 'reschedule')), {
    state: 'scheduled', scheduledAt: new Date(later), rescheduleCount: 'increment', confirmedAt: null, confirmChannel: null,
  }, 'a new time needs a new confirmation; other fields untouched');
  t.match(changesOf(run('scheduled', 'reschedule', { mode: 'in_person', location: 'Café Kranzler', durationMinutes: 25 })), {
    mode: 'in_person', location: 'Café Kranzler', durationMinutes: 25,
  });
});

t.test('confirm', async (t) => {
  t.same(changesOf(run('scheduled', 'confirm')), { state: 'confirmed', confirmedAt: NOW, confirmChannel: 'email' });
  t.same(changesOf(run('scheduled', 'confirm', { channel: undefined, confirmedAt: iso(daysFrom(NOW, -1)) })), {
    state: 'confirmed', confirmedAt: daysFrom(NOW, -1), confirmChannel: null,
  });
});

t.test('meet', async (t) => {
  t.same(changesOf(run('confirmed', 'meet', { notes: 'Great chat', extendedByInterviewee: false })), {
    state: 'met', heldAt: NOW, actualMinutes: 20, meetingNotes: 'Great chat', extendedByInterviewee: false, askedForReferral: true, lastContactAt: NOW,
  });
  t.same(changesOf(run('confirmed', 'meet', { actualMinutes: undefined, askedForReferral: undefined })), { state: 'met', heldAt: NOW, lastContactAt: NOW }, 'omitted inputs leave the row alone');
});

t.test('thank: thankedAt only the first time; lastContactAt never goes backwards', async (t) => {
  t.same(changesOf(run('met', 'thank')), { state: 'thanked', thankedAt: NOW, thankYouChannel: 'email', lastContactAt: NOW });
  t.same(changesOf(run('thanked', 'thank')), { state: 'thanked', lastContactAt: NOW });
  const backdated = iso(daysFrom(NOW, -200));
  t.same(changesOf(run('thanked', 'thank', { sentAt: backdated })), { state: 'thanked', lastContactAt: SNAPSHOTS.thanked.lastContactAt });
});

t.test('follow_up counts and touches the last contact', async (t) => {
  t.same(changesOf(run('thanked', 'follow_up')), { state: 'following_up', followUpCount: 1, lastContactAt: NOW });
  t.same(changesOf(run('following_up', 'follow_up')), { state: 'following_up', followUpCount: 3, lastContactAt: NOW });
});

t.test('ends record why and when', async (t) => {
  t.same(changesOf(run('requested', 'decline')), { state: 'declined', endedReason: 'Too busy this quarter', endedAt: NOW });
  t.same(changesOf(run('requested', 'decline', { reason: undefined })), { state: 'declined', endedReason: null, endedAt: NOW });
  t.same(changesOf(run('requested', 'expire')), { state: 'no_response', endedReason: null, endedAt: NOW });
  t.same(changesOf(run('prospect', 'cancel')), { state: 'cancelled', endedReason: 'Found the answer elsewhere', endedAt: NOW });
  t.same(changesOf(run('following_up', 'close')), { state: 'closed', endedReason: 'Not a fit', endedAt: NOW });
});

t.test('add_referral changes nothing on this interview', async (t) => {
  for (const state of ['met', 'thanked', 'following_up'] as const) {
    t.match(run(state, 'add_referral'), { ok: true, from: state, to: state, eventType: 'interview.referral_added', changes: {}, advisories: [] });
  }
});
