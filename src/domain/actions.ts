import type { State } from './states.js';

/**
 * The actions a seeker (or the scheduler, for `expire`) can take on an
 * interview, and the edges of the state machine they follow.
 */
export const ACTIONS = [
  'request',
  'schedule',
  'reschedule',
  'confirm',
  'meet',
  'thank',
  'follow_up',
  'decline',
  'expire',
  'cancel',
  'close',
  'add_referral',
] as const;
export type Action = (typeof ACTIONS)[number];

export const REQUEST_CHANNELS = ['email', 'linkedin', 'phone', 'in_person', 'other'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const MEETING_MODES = ['in_person', 'phone', 'video'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const THANK_CHANNELS = ['email', 'handwritten_note', 'other'] as const;
export type ThankChannel = (typeof THANK_CHANNELS)[number];

export const FOLLOW_UP_CHANNELS = ['email', 'linkedin', 'phone', 'in_person', 'other'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

export const FOLLOW_UP_KINDS = ['update', 'article', 'thanks', 'news', 'check_in', 'other'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const CONFIRM_CHANNELS = ['email', 'linkedin', 'phone', 'other'] as const;
export type ConfirmChannel = (typeof CONFIRM_CHANNELS)[number];

/** Where an action may start and where it leads; `same` keeps the current state. */
export interface Transition {
  readonly from: readonly State[];
  readonly to: State | 'same';
  readonly eventType: string;
}

/**
 * The transition table. `availableActions`, `decide` and
 * `GET /v1/state-machine` all read this one table.
 */
export const TRANSITIONS: Readonly<Record<Action, Transition>> = {
  request: { from: ['prospect'], to: 'requested', eventType: 'interview.requested' },
  schedule: { from: ['requested'], to: 'scheduled', eventType: 'interview.scheduled' },
  reschedule: { from: ['scheduled', 'confirmed'], to: 'scheduled', eventType: 'interview.rescheduled' },
  confirm: { from: ['scheduled'], to: 'confirmed', eventType: 'interview.confirmed' },
  meet: { from: ['confirmed', 'scheduled'], to: 'met', eventType: 'interview.met' },
  // A second thank-you (a handwritten note after the e-mail, say) is welcome, hence thanked → thanked.
  thank: { from: ['met', 'thanked'], to: 'thanked', eventType: 'interview.thanked' },
  follow_up: { from: ['thanked', 'following_up'], to: 'following_up', eventType: 'interview.followed_up' },
  decline: { from: ['requested', 'scheduled', 'confirmed'], to: 'declined', eventType: 'interview.declined' },
  expire: { from: ['requested'], to: 'no_response', eventType: 'interview.expired' },
  cancel: { from: ['prospect', 'requested', 'scheduled', 'confirmed'], to: 'cancelled', eventType: 'interview.cancelled' },
  // "If the person does not … seem interested … don't try to force it."
  close: { from: ['met', 'thanked', 'following_up'], to: 'closed', eventType: 'interview.closed' },
  // "Ask them if they know anyone else": the referral is recorded on this
  // interview's timeline, the new contact gets its own interview.
  add_referral: { from: ['met', 'thanked', 'following_up'], to: 'same', eventType: 'interview.referral_added' },
};

/** How each action reads in a sentence, for messages and descriptions. */
export const ACTION_ACTIVITIES: Readonly<Record<Action, string>> = {
  request: 'sending a request',
  schedule: 'scheduling',
  reschedule: 'rescheduling',
  confirm: 'confirming the meeting',
  meet: 'recording the meeting',
  thank: 'recording a thank-you',
  follow_up: 'recording a follow-up',
  decline: 'recording a decline',
  expire: 'expiring the request',
  cancel: 'cancelling',
  close: 'closing',
  add_referral: 'adding a referral',
};

export function eventTypeFor(action: Action): string {
  return TRANSITIONS[action].eventType;
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isLegalFrom(action: Action, state: State): boolean {
  return TRANSITIONS[action].from.includes(state);
}

/** The state an action leads to from `from` (resolving `same`). */
export function targetState(action: Action, from: State): State {
  const to = TRANSITIONS[action].to;
  return to === 'same' ? from : to;
}
