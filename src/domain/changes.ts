import type { Action } from './actions.js';
import type { ActionInput } from './inputs.js';
import type { InterviewChanges, InterviewSnapshot } from './interview.js';

/**
 * What each action writes on the interview row (the state itself is set by
 * decide). Only the keys an action sets; omitted optional inputs leave the
 * row alone, except where the action resets something (a reschedule
 * un-confirms the meeting).
 */

export interface ChangeContext {
  interview: InterviewSnapshot;
  now: Date;
  /** When the action happened: the input's own date, else now. */
  at: Date;
}

type ChangeMaker<A extends Action> = (ctx: ChangeContext, input: ActionInput<A>) => InterviewChanges;

// The last outbound contact never moves backwards when an older note is recorded late.
function latest(current: Date | null, candidate: Date): Date {
  return current !== null && current > candidate ? current : candidate;
}

const ended: ChangeMaker<'decline' | 'cancel' | 'close'> = (c, i) => ({ endedReason: i.reason ?? null, endedAt: c.now });

export const CHANGE_MAKERS: { readonly [A in Action]: ChangeMaker<A> } = {
  request: (c, i) => ({
    topics: i.topics,
    requestChannel: i.channel,
    requestMessage: i.message ?? null,
    requestedMinutes: i.requestedMinutes,
    requestedAt: c.at,
    lastContactAt: latest(c.interview.lastContactAt, c.at),
  }),
  schedule: (_c, i) => ({
    scheduledAt: new Date(i.scheduledAt),
    durationMinutes: i.durationMinutes ?? null,
    mode: i.mode,
    location: i.location ?? null,
  }),
  reschedule: (_c, i) => ({
    scheduledAt: new Date(i.scheduledAt),
    ...(i.durationMinutes !== undefined && { durationMinutes: i.durationMinutes }),
    ...(i.mode !== undefined && { mode: i.mode }),
    ...(i.location !== undefined && { location: i.location }),
    rescheduleCount: 'increment',
    // A new time needs a new confirmation.
    confirmedAt: null,
    confirmChannel: null,
  }),
  confirm: (c, i) => ({ confirmedAt: c.at, confirmChannel: i.channel ?? null }),
  meet: (c, i) => ({
    heldAt: c.at,
    ...(i.actualMinutes !== undefined && { actualMinutes: i.actualMinutes }),
    ...(i.notes !== undefined && { meetingNotes: i.notes }),
    ...(i.extendedByInterviewee !== undefined && { extendedByInterviewee: i.extendedByInterviewee }),
    ...(i.askedForReferral !== undefined && { askedForReferral: i.askedForReferral }),
    lastContactAt: latest(c.interview.lastContactAt, c.at),
  }),
  thank: (c, i) => ({
    // thankedAt is the *first* thank-you: it is what "within a few days" measures.
    ...(c.interview.thankedAt === null && { thankedAt: c.at, thankYouChannel: i.channel }),
    lastContactAt: latest(c.interview.lastContactAt, c.at),
  }),
  follow_up: (c) => ({
    followUpCount: c.interview.followUpCount + 1,
    lastContactAt: latest(c.interview.lastContactAt, c.at),
  }),
  decline: ended,
  expire: (c) => ({ endedReason: null, endedAt: c.now }),
  cancel: ended,
  close: ended,
  // The service creates the contact and the new prospect interview; this row is unchanged.
  add_referral: () => ({}),
};

/** The moment an action happens: its input's own date when given, else now. */
export function momentOf(action: Action, input: unknown, now: Date): Date {
  const fields: Partial<Record<Action, string>> = { request: 'sentAt', confirm: 'confirmedAt', meet: 'heldAt', thank: 'sentAt', follow_up: 'sentAt' };
  const field = fields[action];
  if (field === undefined || typeof input !== 'object' || input === null) return now;
  const value = (input as Record<string, unknown>)[field];
  return typeof value === 'string' ? new Date(value) : now;
}
