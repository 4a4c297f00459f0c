/**
 * The lifecycle of one informational interview, as data.
 *
 * The happy path runs prospect → requested → scheduled → confirmed → met →
 * thanked → following_up; the other four states are ends. "Following up" is
 * deliberately not an end: the guidance is to stay in touch "every few months"
 * for as long as the relationship lasts.
 */
export const STATES = [
  'prospect',
  'requested',
  'scheduled',
  'confirmed',
  'met',
  'thanked',
  'following_up',
  'declined',
  'no_response',
  'cancelled',
  'closed',
] as const;
export type State = (typeof STATES)[number];

export const INITIAL_STATE = 'prospect' satisfies State;

/** States from which no action leads anywhere. */
export const TERMINAL_STATES = ['declined', 'no_response', 'cancelled', 'closed'] as const satisfies readonly State[];

export function isTerminalState(state: State): boolean {
  return (TERMINAL_STATES as readonly State[]).includes(state);
}

export const STATE_DESCRIPTIONS: Readonly<Record<State, string>> = {
  prospect: 'Someone the seeker would like to talk to; no request sent yet.',
  requested: 'A request for a short conversation has been sent and awaits an answer.',
  scheduled: 'A time has been agreed but not yet confirmed.',
  confirmed: 'The seeker confirmed the meeting a few days before it.',
  met: 'The conversation took place; a thank-you is due.',
  thanked: 'The seeker sent a thank-you after the meeting.',
  following_up: 'The seeker keeps in touch every few months.',
  declined: 'The contact said no, or not now.',
  no_response: 'The request went unanswered for too long.',
  cancelled: 'The seeker called it off before meeting.',
  closed: 'The relationship was wound down after meeting.',
};

export function isState(value: string): value is State {
  return (STATES as readonly string[]).includes(value);
}
