import { z } from 'zod';
import { CONFIGURABLE_RULE_CODES, RULE_SEVERITIES, defaultKindOf } from './rule-codes.js';
import type { ConfigurableRuleCode, RuleCode, RuleKind, RuleSeverity } from './rule-codes.js';

/**
 * An institution's policy: the thresholds of the rules and how each rule is
 * graded. Every field has a default taken from career-centre guidance, so
 * `policySchema.parse({})` is the default policy.
 */

const minutes = (description: string) => z.number().int().min(1).max(480).meta({ description });
const days = (description: string) => z.number().int().min(0).max(3650).meta({ description });
const count = (max: number, description: string) => z.number().int().min(0).max(max).meta({ description });

const severity = z.enum(RULE_SEVERITIES);
const ruleSeverity = z
  .partialRecord(z.enum(CONFIGURABLE_RULE_CODES as [ConfigurableRuleCode, ...ConfigurableRuleCode[]]), severity)
  .meta({ description: 'Per rule code: `error` refuses the action, `advisory` lets it through with a note, `off` ignores the rule.' });

// The fields without defaults: shared by the full schema and the PATCH schema.
const fields = {
  // "one or two things" you want to learn
  maxTopics: count(20, 'Most topics a request may name ("one or two things").').min(1),
  // "fifteen to thirty minutes"
  minRequestedMinutes: minutes('Fewest minutes a request may ask for.'),
  maxRequestedMinutes: minutes('Most minutes a request may ask for.'),
  // "a few days before … confirm"
  confirmLeadDays: days('Local days before the meeting by which to confirm (reminder).'),
  confirmEarliestDays: days('Confirming more than this many days ahead is early.'),
  confirmLatestHours: z.number().int().min(0).max(720).meta({ description: 'Confirming less than this many hours ahead is late.' }),
  // "within a few days"
  thankYouWithinDays: days('Local calendar days after the meeting within which to thank.'),
  // "every few months"
  followUpEveryDays: days('Days of quiet after which a follow-up is due.').min(1),
  minFollowUpGapDays: days('Follow-ups sooner than this after the last contact are too soon.'),
  requestExpiryDays: days('Days after which an unanswered request expires.').min(1),
  // "bring a brief list of specific questions"
  maxQuestions: count(100, 'Most questions to bring to a meeting.').min(1),
  maxMessageWords: z.number().int().min(10).max(5000).meta({ description: 'Longest request message, in words.' }),
  // "better not to make any kind of additional request … until some time … has passed"
  followUpsBeforeRequest: count(100, 'Follow-ups to send before one may contain a request.'),
  ruleSeverity,
};

export const POLICY_DEFAULTS = {
  maxTopics: 2,
  minRequestedMinutes: 15,
  maxRequestedMinutes: 30,
  confirmLeadDays: 3,
  confirmEarliestDays: 7,
  confirmLatestHours: 24,
  thankYouWithinDays: 3,
  followUpEveryDays: 90,
  minFollowUpGapDays: 30,
  requestExpiryDays: 21,
  maxQuestions: 10,
  maxMessageWords: 200,
  followUpsBeforeRequest: 2,
} as const;

export const policySchema = z
  .strictObject({
    maxTopics: fields.maxTopics.default(POLICY_DEFAULTS.maxTopics),
    minRequestedMinutes: fields.minRequestedMinutes.default(POLICY_DEFAULTS.minRequestedMinutes),
    maxRequestedMinutes: fields.maxRequestedMinutes.default(POLICY_DEFAULTS.maxRequestedMinutes),
    confirmLeadDays: fields.confirmLeadDays.default(POLICY_DEFAULTS.confirmLeadDays),
    confirmEarliestDays: fields.confirmEarliestDays.default(POLICY_DEFAULTS.confirmEarliestDays),
    confirmLatestHours: fields.confirmLatestHours.default(POLICY_DEFAULTS.confirmLatestHours),
    thankYouWithinDays: fields.thankYouWithinDays.default(POLICY_DEFAULTS.thankYouWithinDays),
    followUpEveryDays: fields.followUpEveryDays.default(POLICY_DEFAULTS.followUpEveryDays),
    minFollowUpGapDays: fields.minFollowUpGapDays.default(POLICY_DEFAULTS.minFollowUpGapDays),
    requestExpiryDays: fields.requestExpiryDays.default(POLICY_DEFAULTS.requestExpiryDays),
    maxQuestions: fields.maxQuestions.default(POLICY_DEFAULTS.maxQuestions),
    maxMessageWords: fields.maxMessageWords.default(POLICY_DEFAULTS.maxMessageWords),
    followUpsBeforeRequest: fields.followUpsBeforeRequest.default(POLICY_DEFAULTS.followUpsBeforeRequest),
    ruleSeverity: fields.ruleSeverity.default({}),
  })
  .superRefine((p, ctx) => {
    if (p.minRequestedMinutes > p.maxRequestedMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['minRequestedMinutes'],
        message: 'minRequestedMinutes must not exceed maxRequestedMinutes',
      });
    }
  })
  .meta({ id: 'Policy' });
export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = Object.freeze(policySchema.parse({}));

/**
 * PATCH body: any subset of the fields. `ruleSeverity` merges key by key
 * (JSON Merge Patch style): a code set to `null` goes back to its default.
 */
export const policyPatchSchema = z
  .strictObject({
    maxTopics: fields.maxTopics.optional(),
    minRequestedMinutes: fields.minRequestedMinutes.optional(),
    maxRequestedMinutes: fields.maxRequestedMinutes.optional(),
    confirmLeadDays: fields.confirmLeadDays.optional(),
    confirmEarliestDays: fields.confirmEarliestDays.optional(),
    confirmLatestHours: fields.confirmLatestHours.optional(),
    thankYouWithinDays: fields.thankYouWithinDays.optional(),
    followUpEveryDays: fields.followUpEveryDays.optional(),
    minFollowUpGapDays: fields.minFollowUpGapDays.optional(),
    requestExpiryDays: fields.requestExpiryDays.optional(),
    maxQuestions: fields.maxQuestions.optional(),
    maxMessageWords: fields.maxMessageWords.optional(),
    followUpsBeforeRequest: fields.followUpsBeforeRequest.optional(),
    ruleSeverity: z
      .partialRecord(
        z.enum(CONFIGURABLE_RULE_CODES as [ConfigurableRuleCode, ...ConfigurableRuleCode[]]),
        severity.nullable(),
      )
      .optional(),
  })
  .meta({ id: 'PolicyPatch' });
export type PolicyPatch = z.infer<typeof policyPatchSchema>;

/**
 * Applies a patch and re-validates the result, so cross-field checks
 * (min ≤ max) hold for the merged policy. Throws a ZodError when they do not.
 */
export function mergePolicy(current: Policy, patch: PolicyPatch): Policy {
  const { ruleSeverity: severityPatch, ...rest } = patch;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) merged[key] = value;
  }
  const severities: Partial<Record<ConfigurableRuleCode, RuleSeverity>> = { ...current.ruleSeverity };
  for (const [code, value] of Object.entries(severityPatch ?? {}) as [ConfigurableRuleCode, RuleSeverity | null | undefined][]) {
    if (value === null) delete severities[code];
    else if (value !== undefined) severities[code] = value;
  }
  merged.ruleSeverity = severities;
  return policySchema.parse(merged);
}

/** The grade a policy gives a rule: its default kind unless the policy says otherwise. */
export function effectiveKind(code: RuleCode, policy: Policy): RuleKind | 'off' {
  if (code === 'invalid_transition') return 'refusal';
  const override = policy.ruleSeverity[code];
  if (override === undefined) return defaultKindOf(code);
  return override === 'error' ? 'refusal' : override;
}
