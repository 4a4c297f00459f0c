// Shared fixtures for the domain tests: a well-prepared interview in every
// state, inputs that pass every refusal, and small helpers.
import { DEFAULT_POLICY, decide } from '../../src/domain/index.js';
import type { Action, ActionInput, Decision, InterviewSnapshot, Policy, RuleCode, State } from '../../src/domain/index.js';

export const NOW = new Date('2025-06-10T12:00:00Z');
export const TZ = 'Europe/Berlin';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);
export const hoursFrom = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);
export const daysFrom = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
export const iso = (date: Date) => date.toISOString();

export const GOOD_MESSAGE =
  'Hi Dana, I am a final-year economics student and read your piece on supply chains. Would you have 20 minutes in the next few weeks to tell me how you got into logistics?';

/** A prospect whose seeker did their homework and has met the contact before. */
export function baseSnapshot(overrides: Partial<InterviewSnapshot> = {}): InterviewSnapshot {
  return {
    state: 'prospect',
    topics: [],
    questions: ['How did you get started?', 'What does a typical week look like?'],
    requestChannel: null,
    requestMessage: null,
    requestedMinutes: null,
    requestedAt: null,
    scheduledAt: null,
    durationMinutes: null,
    mode: null,
    location: null,
    confirmedAt: null,
    heldAt: null,
    actualMinutes: null,
    thankedAt: null,
    followUpCount: 0,
    lastContactAt: null,
    contact: {
      name: 'Dana Whitfield',
      researchNotes: 'Runs logistics at Acme; wrote about supply chains.',
      howWeMet: 'Alumni mixer, April',
      introducedByName: null,
      introducerMayBeNamed: true,
    },
    ...overrides,
  };
}

const requested = { requestChannel: 'email', requestMessage: GOOD_MESSAGE, requestedMinutes: 20, requestedAt: daysFrom(NOW, -2), lastContactAt: daysFrom(NOW, -2), topics: ['Logistics careers'] };
const scheduled = { ...requested, scheduledAt: daysFrom(NOW, 3), durationMinutes: 20, mode: 'video', location: 'https://meet.example/abc' };
const met = { ...scheduled, scheduledAt: hoursFrom(NOW, -2), confirmedAt: daysFrom(NOW, -3), heldAt: hoursFrom(NOW, -2), actualMinutes: 20, lastContactAt: hoursFrom(NOW, -2) };
const thanked = { ...met, heldAt: daysFrom(NOW, -100), thankedAt: daysFrom(NOW, -99), lastContactAt: daysFrom(NOW, -99) };

/** A well-kept interview in each state. */
export const SNAPSHOTS: Record<State, InterviewSnapshot> = {
  prospect: baseSnapshot(),
  requested: baseSnapshot({ state: 'requested', ...requested }),
  scheduled: baseSnapshot({ state: 'scheduled', ...scheduled }),
  confirmed: baseSnapshot({ state: 'confirmed', ...scheduled, confirmedAt: daysFrom(NOW, -1) }),
  met: baseSnapshot({ state: 'met', ...met }),
  thanked: baseSnapshot({ state: 'thanked', ...thanked }),
  following_up: baseSnapshot({ state: 'following_up', ...thanked, followUpCount: 2, lastContactAt: daysFrom(NOW, -40) }),
  declined: baseSnapshot({ state: 'declined', ...requested }),
  no_response: baseSnapshot({ state: 'no_response', ...requested }),
  cancelled: baseSnapshot({ state: 'cancelled' }),
  closed: baseSnapshot({ state: 'closed', ...thanked }),
};

/** For each action, an input that breaks no refusal rule. */
export const GOOD_INPUTS: { [A in Action]: ActionInput<A> } = {
  request: { channel: 'email', topics: ['Logistics careers'], requestedMinutes: 20, message: GOOD_MESSAGE },
  schedule: { scheduledAt: iso(daysFrom(NOW, 5)), mode: 'video', location: 'https://meet.example/abc' },
  reschedule: { scheduledAt: iso(daysFrom(NOW, 6)), reason: 'Conflict came up' },
  confirm: { channel: 'email' },
  meet: { actualMinutes: 20, askedForReferral: true },
  thank: { channel: 'email' },
  follow_up: { channel: 'email', kind: 'update' },
  decline: { reason: 'Too busy this quarter' },
  expire: {},
  cancel: { reason: 'Found the answer elsewhere' },
  close: { reason: 'Not a fit' },
  add_referral: { name: 'Sam Ortiz', mayUseName: true },
};

export function run<A extends Action>(
  state: State | InterviewSnapshot,
  action: A,
  input: Partial<ActionInput<A>> = {},
  options: { now?: Date; policy?: Policy; timeZone?: string } = {},
): Decision {
  const snapshot = typeof state === 'string' ? SNAPSHOTS[state] : state;
  return decide(snapshot, action, { ...GOOD_INPUTS[action], ...input }, options.now ?? NOW, options.policy ?? DEFAULT_POLICY, options.timeZone ?? TZ);
}

export function violationCodes(decision: Decision): RuleCode[] {
  return decision.ok ? [] : decision.code === 'action_refused' ? decision.violations.map((v) => v.rule) : ['invalid_transition'];
}

export function advisoryCodes(decision: Decision): RuleCode[] {
  return decision.ok || decision.code === 'action_refused' ? decision.advisories.map((a) => a.rule) : [];
}

export function allCodes(decision: Decision): RuleCode[] {
  return [...violationCodes(decision), ...advisoryCodes(decision)];
}
