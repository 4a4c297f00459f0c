import { ACTIONS, TRANSITIONS, targetState } from './actions.js';
import type { Action } from './actions.js';
import { ruleCodesOf } from './guards.js';
import { inputFieldsOf } from './inputs.js';
import { DEFAULT_POLICY, effectiveKind } from './policy.js';
import type { Policy } from './policy.js';
import { RULE_CODES, defaultKindOf, isOverridable } from './rule-codes.js';
import type { RuleCode, RuleKind } from './rule-codes.js';
import { RULE_TEXTS } from './rules.js';
import { INITIAL_STATE, STATES, STATE_DESCRIPTIONS, isTerminalState } from './states.js';
import type { State } from './states.js';

/**
 * The whole machine as data, for `GET /v1/state-machine`: read from the same
 * tables decide() uses, so the documentation cannot drift from the rules.
 */
// A type alias, not an interface, so it stays assignable to Record<string, unknown>.
export type StateMachineDescription = {
  states: { name: State; terminal: boolean; description: string }[];
  initial: 'prospect';
  actions: { name: Action; from: State[]; to: State | 'same'; eventType: string; inputFields: string[]; rules: RuleCode[] }[];
  rules: {
    code: RuleCode;
    defaultKind: RuleKind;
    kind: RuleKind | 'off';
    /** A person holding the `review` scope may let this rule's refusals through (`override` on an action). */
    overridable: boolean;
    actions: Action[];
    description: string;
    source: string;
  }[];
  mermaid: string;
};

export function describeStateMachine(policy: Policy = DEFAULT_POLICY): StateMachineDescription {
  const actions = ACTIONS.map((name) => ({
    name,
    from: [...TRANSITIONS[name].from],
    to: TRANSITIONS[name].to,
    eventType: TRANSITIONS[name].eventType,
    inputFields: inputFieldsOf(name),
    rules: ruleCodesOf(name),
  }));
  return {
    states: STATES.map((name) => ({ name, terminal: isTerminalState(name), description: STATE_DESCRIPTIONS[name] })),
    initial: INITIAL_STATE,
    actions,
    rules: RULE_CODES.map((code) => ({
      code,
      defaultKind: defaultKindOf(code),
      kind: effectiveKind(code, policy),
      overridable: isOverridable(code),
      actions: actions.filter((action) => action.rules.includes(code)).map((action) => action.name),
      description: RULE_TEXTS[code].description(policy),
      source: RULE_TEXTS[code].source,
    })),
    mermaid: stateMachineMermaid(),
  };
}

/** A Mermaid `stateDiagram-v2`: one edge per (from-state, action), ends marked. */
export function stateMachineMermaid(): string {
  const lines = ['stateDiagram-v2', `    [*] --> ${INITIAL_STATE}`];
  for (const action of ACTIONS) {
    for (const from of TRANSITIONS[action].from) {
      lines.push(`    ${from} --> ${targetState(action, from)} : ${action}`);
    }
  }
  for (const state of STATES) {
    if (isTerminalState(state)) lines.push(`    ${state} --> [*]`);
  }
  return lines.join('\n');
}
