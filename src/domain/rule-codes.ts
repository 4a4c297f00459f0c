/**
 * Stable rule codes. They appear in `violations`,
 * `advisories`, events and `GET /v1/state-machine`; integrators switch on
 * them, so they never change meaning. The human texts live in rules.ts.
 */
export const REFUSAL_CODES = [
  'too_many_topics',
  'duration_out_of_range',
  'job_request',
  'scheduled_in_past',
  'location_required',
  'meeting_already_started',
  'held_in_future',
  'invalid_transition',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const ADVISORY_CODES = [
  'phone_channel',
  'cold_contact',
  'introducer_not_named',
  'no_research',
  'message_too_long',
  'time_ask_missing',
  'mentorship_ask',
  'possible_job_request',
  'time_ask_mismatch',
  'message_not_checked',
  'over_requested_duration',
  'confirmed_early',
  'confirmed_late',
  'not_confirmed',
  'no_questions',
  'too_many_questions',
  'overran_time',
  'referral_not_asked',
  'thanks_late',
  'follow_up_too_soon',
  'request_too_soon',
] as const;
export type AdvisoryCode = (typeof ADVISORY_CODES)[number];

export type RuleCode = RefusalCode | AdvisoryCode;
export const RULE_CODES: readonly RuleCode[] = [...REFUSAL_CODES, ...ADVISORY_CODES];

/**
 * Every rule but `invalid_transition` can be re-graded by an institution's
 * policy: the shape of the machine is not negotiable, the coaching is.
 */
export type ConfigurableRuleCode = Exclude<RuleCode, 'invalid_transition'>;
export const CONFIGURABLE_RULE_CODES = RULE_CODES.filter(
  (code): code is ConfigurableRuleCode => code !== 'invalid_transition',
) as readonly ConfigurableRuleCode[];

/**
 * Rules that judge free text. A judgement on words can be wrong where a rule
 * on dates or states cannot, so a person holding the `review` scope may
 * overrule these (and only these) on a single action, with a reason.
 */
export const OVERRIDABLE_RULE_CODES = [
  'job_request',
  'possible_job_request',
  'mentorship_ask',
  'time_ask_missing',
  'time_ask_mismatch',
  'introducer_not_named',
  'message_too_long',
  'message_not_checked',
] as const satisfies readonly ConfigurableRuleCode[];
export type OverridableRuleCode = (typeof OVERRIDABLE_RULE_CODES)[number];

export function isOverridable(code: RuleCode): code is OverridableRuleCode {
  return (OVERRIDABLE_RULE_CODES as readonly string[]).includes(code);
}

/** How a rule is graded by default. */
export type RuleKind = 'refusal' | 'advisory';
/** How a policy grades a rule: `error` refuses, `advisory` coaches, `off` drops it. */
export const RULE_SEVERITIES = ['error', 'advisory', 'off'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** Where in a text field a rule found what it reports, so a front end can highlight it. */
export interface TextMatch {
  /** The words as written. */
  text: string;
  /** Offsets in the field's text, as JavaScript string indices (UTF-16 code units): `value.slice(start, end)`. */
  start: number;
  end: number;
}

export interface RuleResult {
  rule: RuleCode;
  message: string;
  field?: string;
  match?: TextMatch;
}

export function defaultKindOf(code: RuleCode): RuleKind {
  return (REFUSAL_CODES as readonly string[]).includes(code) ? 'refusal' : 'advisory';
}

export function isRuleCode(value: string): value is RuleCode {
  return (RULE_CODES as readonly string[]).includes(value);
}
