import { ACTIONS, isLegalFrom } from './actions.js';
import type { Action } from './actions.js';
import { gradeGuards } from './decide.js';
import { ACTION_GUARDS } from './guards.js';
import type { Guard } from './guards.js';
import type { AvailableAction, InterviewSnapshot } from './interview.js';
import type { Policy } from './policy.js';

/**
 * The actions legal from the interview's current state, each with the errors
 * that would already refuse it whatever the input, taking "now" as the
 * moment of the action (confirming after the meeting time, say). A front
 * end renders its buttons from this without copying the rules; rules that
 * depend on the input are left to `decide`.
 */
export function availableActions(
  interview: InterviewSnapshot,
  now: Date,
  policy: Policy,
  timeZone: string,
): AvailableAction[] {
  const from = interview.state;
  return ACTIONS.filter((action) => isLegalFrom(action, from)).map((action: Action) => {
    const guards = ACTION_GUARDS[action] as readonly Guard<Action>[];
    const { violations } = gradeGuards(guards, { interview, from, now, at: now, policy, timeZone }, undefined);
    return { action, allowed: violations.length === 0, violations };
  });
}
