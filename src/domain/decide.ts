import { ACTION_ACTIVITIES, TRANSITIONS, isLegalFrom, targetState } from './actions.js';
import type { Action } from './actions.js';
import { CHANGE_MAKERS, momentOf } from './changes.js';
import type { ChangeContext } from './changes.js';
import { ACTION_GUARDS } from './guards.js';
import type { Fired, Guard, GuardContext } from './guards.js';
import type { ActionInput } from './inputs.js';
import type { Decision, InterviewChanges, InterviewSnapshot } from './interview.js';
import { effectiveKind } from './policy.js';
import type { Policy } from './policy.js';
import { isOverridable } from './rule-codes.js';
import type { RuleCode, RuleResult } from './rule-codes.js';
import { RULE_TEXTS } from './rules.js';
import type { State } from './states.js';

/**
 * The pure heart of the service: given an interview, an action and its
 * (already schema-checked) input, say what happens. Nothing is read from the
 * clock or the database; `now`, the policy and the time zone come in.
 *
 * Order: is the action legal from this state (else invalid_transition)? Then
 * every guard of the action runs; the policy grades each finding as an error
 * (refuses), an advisory (lets through, with a note) or off. Advisories are
 * returned even when the action is refused, so a front end can show all the
 * coaching at once.
 *
 * A person may overrule text judgements: `overridden` names rules whose
 * refusals are let through (`lifted`) instead of refusing. Only overridable
 * rules (those judging free text) are ever lifted, whatever the set holds;
 * whether the caller may override at all is the service's call. Advisories
 * are left as they are: the coaching still stands.
 */

export interface Graded {
  violations: RuleResult[];
  advisories: RuleResult[];
}

/** Runs guards and sorts what fires by the policy's grading. */
export function gradeGuards<A extends Action>(
  guards: readonly Guard<A>[],
  ctx: GuardContext,
  input: ActionInput<A> | undefined,
): Graded {
  const graded: Graded = { violations: [], advisories: [] };
  for (const guard of guards) {
    let fired: Fired;
    if (!guard.usesInput) fired = guard.fires(ctx);
    else if (input === undefined) continue;
    else fired = guard.fires(ctx, input);
    if (fired === false || fired === null) continue;

    let kind = effectiveKind(guard.code, ctx.policy);
    if (kind === 'off') continue;
    // After the meeting a job ask coaches; it no longer refuses.
    if (guard.atMost === 'advisory') kind = 'advisory';
    const finding = typeof fired === 'object' ? fired : typeof fired === 'string' ? { field: fired } : {};
    const field = finding.field ?? guard.field;
    const result: RuleResult = {
      rule: guard.code,
      message: RULE_TEXTS[guard.code].message(ctx.policy, finding.detail),
      ...(field !== undefined && { field }),
      ...(finding.match !== undefined && { match: finding.match }),
    };
    (kind === 'refusal' ? graded.violations : graded.advisories).push(result);
  }
  return graded;
}

const spoken = (state: State) => state.replace(/_/g, ' ');
function joinOr(states: readonly State[]): string {
  const words = states.map(spoken);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

export function invalidTransitionMessage(action: Action, from: State): string {
  const activity = ACTION_ACTIVITIES[action];
  const allowed = TRANSITIONS[action].from;
  return `This interview is ${spoken(from)}, and ${activity} only fits when it is ${joinOr(allowed)}.`;
}

const NO_OVERRIDES: ReadonlySet<RuleCode> = new Set();

/** Splits refusals into those an override lifts and those that still refuse. */
function liftOverridden(violations: readonly RuleResult[], overridden: ReadonlySet<RuleCode>): { lifted: RuleResult[]; remaining: RuleResult[] } {
  const lifted: RuleResult[] = [];
  const remaining: RuleResult[] = [];
  for (const v of violations) (overridden.has(v.rule) && isOverridable(v.rule) ? lifted : remaining).push(v);
  return { lifted, remaining };
}

export function decide<A extends Action>(
  interview: InterviewSnapshot,
  action: A,
  input: ActionInput<A>,
  now: Date,
  policy: Policy,
  timeZone: string,
  overridden: ReadonlySet<RuleCode> = NO_OVERRIDES,
): Decision {
  const from = interview.state;
  const transition = TRANSITIONS[action];
  if (!isLegalFrom(action, from)) {
    return {
      ok: false,
      code: 'invalid_transition',
      action,
      from,
      allowedFrom: transition.from,
      message: invalidTransitionMessage(action, from),
    };
  }

  const at = momentOf(action, input, now);
  const guards = ACTION_GUARDS[action] as readonly Guard<A>[];
  const graded = gradeGuards(guards, { interview, from, now, at, policy, timeZone }, input);
  const { advisories } = graded;
  const { lifted, remaining: violations } = liftOverridden(graded.violations, overridden);
  if (violations.length > 0) return { ok: false, code: 'action_refused', action, violations, advisories };

  const to = targetState(action, from);
  const makeChanges = CHANGE_MAKERS[action] as (ctx: ChangeContext, input: ActionInput<A>) => InterviewChanges;
  const changes = makeChanges({ interview, now, at }, input);
  // add_referral leaves this interview as it is (the new one starts in prospect).
  if (action !== 'add_referral') changes.state = to;
  return { ok: true, action, from, to, eventType: transition.eventType, changes, advisories, lifted };
}
