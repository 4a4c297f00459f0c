import t from 'tap';
import { ACTIONS, STATES, eventTypeFor } from '../../src/domain/index.js';
import type { Action, State } from '../../src/domain/index.js';
import { run } from './fixtures.js';

// The product's actions table, written out by hand (not read from the
// implementation) so that a change to the machine has to change this too.
const LEGAL: Record<State, Partial<Record<Action, State>>> = {
  prospect: { request: 'requested', cancel: 'cancelled' },
  requested: { schedule: 'scheduled', decline: 'declined', expire: 'no_response', cancel: 'cancelled' },
  scheduled: { reschedule: 'scheduled', confirm: 'confirmed', meet: 'met', decline: 'declined', cancel: 'cancelled' },
  confirmed: { reschedule: 'scheduled', meet: 'met', decline: 'declined', cancel: 'cancelled' },
  met: { thank: 'thanked', close: 'closed', add_referral: 'met' },
  thanked: { thank: 'thanked', follow_up: 'following_up', close: 'closed', add_referral: 'thanked' },
  following_up: { follow_up: 'following_up', close: 'closed', add_referral: 'following_up' },
  declined: {},
  no_response: {},
  cancelled: {},
  closed: {},
};

const EVENT_TYPES: Record<Action, string> = {
  request: 'interview.requested',
  schedule: 'interview.scheduled',
  reschedule: 'interview.rescheduled',
  confirm: 'interview.confirmed',
  meet: 'interview.met',
  thank: 'interview.thanked',
  follow_up: 'interview.followed_up',
  decline: 'interview.declined',
  expire: 'interview.expired',
  cancel: 'interview.cancelled',
  close: 'interview.closed',
  add_referral: 'interview.referral_added',
};

t.test('every (state, action) pair', async (t) => {
  let legal = 0;
  let illegal = 0;
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const decision = run(state, action);
      const expected = LEGAL[state][action];
      if (expected !== undefined) {
        legal++;
        t.match(decision, { ok: true, action, from: state, to: expected, eventType: EVENT_TYPES[action] }, `${state} --${action}--> ${expected}`);
      } else {
        illegal++;
        t.match(decision, { ok: false, code: 'invalid_transition', action, from: state }, `${state} --${action}--> refused`);
        if (!decision.ok && decision.code === 'invalid_transition') {
          const allowedFrom = STATES.filter((s) => LEGAL[s][action] !== undefined);
          t.same([...decision.allowedFrom].sort(), allowedFrom.sort(), `allowedFrom for ${action}`);
          t.match(decision.message, new RegExp(state.replace(/_/g, ' ')));
        }
      }
    }
  }
  t.equal(legal + illegal, STATES.length * ACTIONS.length);
  t.equal(legal, 25);
});

t.test('a legal action can still be refused by a rule', async (t) => {
  t.match(run('prospect', 'request', { requestedMinutes: 45 }), { ok: false, code: 'action_refused', action: 'request' });
  t.match(run('requested', 'schedule', { scheduledAt: '2020-01-01T10:00:00Z' }), { ok: false, code: 'action_refused' });
  // Illegal beats refused: a bad input on an illegal action is still invalid_transition.
  t.match(run('closed', 'request', { requestedMinutes: 45 }), { ok: false, code: 'invalid_transition' });
});

t.test('eventTypeFor', async (t) => {
  for (const action of ACTIONS) t.equal(eventTypeFor(action), EVENT_TYPES[action]);
});

t.test('the state is set by every state-changing action, not by add_referral', async (t) => {
  const referral = run('thanked', 'add_referral');
  t.match(referral, { ok: true, from: 'thanked', to: 'thanked' });
  if (referral.ok) t.same(referral.changes, {});
  const thankAgain = run('thanked', 'thank');
  t.match(thankAgain, { ok: true, to: 'thanked', changes: { state: 'thanked' } });
  const reschedule = run('confirmed', 'reschedule');
  t.match(reschedule, { ok: true, to: 'scheduled', changes: { state: 'scheduled' } });
});
