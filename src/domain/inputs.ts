import { z } from 'zod';
import {
  CONFIRM_CHANNELS,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_KINDS,
  MEETING_MODES,
  REQUEST_CHANNELS,
  THANK_CHANNELS,
} from './actions.js';
import type { Action } from './actions.js';
import { OVERRIDABLE_RULE_CODES } from './rule-codes.js';
import { storableText } from './safe-text.js';

/**
 * One strict schema per action. They check shape only (types, lengths,
 * formats); the career-guidance thresholds are rules, so that a refused
 * request answers with a rule code and a coaching message rather than a
 * schema error, and so that an institution's policy can move them. That is
 * why topics accept up to 20 items and minutes 1–600 here.
 */

const instant = (description: string) =>
  z.iso.datetime({ offset: true }).meta({ description: `${description} ISO 8601 with an offset, e.g. 2025-03-08T18:00:00-05:00.` });
const text = (max: number) => storableText(max);
const requiredText = (max: number) => storableText(max).min(1);
const reason = text(2_000).optional().meta({ description: 'Why, in a few words; kept on the interview.' });
const wideMinutes = z.number().int().min(1).max(600);

/** Most rules one override names. */
export const MAX_OVERRIDE_RULES = 10;

/**
 * A person's overruling of text judgements on one action, accepted by every
 * action. Only the rules that judge free text may be named (a rule on states
 * or dates is never lifted); the caller must hold the `review` scope, which
 * the service checks. decide() lets the named rules' refusals through.
 */
export const actionOverrideSchema = z
  .strictObject({
    rules: z
      .array(
        z.enum(OVERRIDABLE_RULE_CODES, {
          error: `must be a rule a reviewer may override: one of ${OVERRIDABLE_RULE_CODES.join(', ')}`,
        }),
      )
      .min(1, 'name at least one rule')
      .max(MAX_OVERRIDE_RULES, `at most ${MAX_OVERRIDE_RULES} rules`)
      .refine((rules) => new Set(rules).size === rules.length, 'must not name a rule twice')
      .meta({
        uniqueItems: true,
        description: `The rules to let through, 1–${MAX_OVERRIDE_RULES} distinct codes; only rules that judge text (\`overridable\` in GET /v1/state-machine).`,
      }),
    reason: requiredText(2_000).meta({ description: 'Why a person overrules the check; kept in the event with the key that sent it.' }),
  })
  .meta({
    id: 'ActionOverride',
    description: 'Overrule text checks on this action (needs the `review` scope): refusals by the named rules are lifted and recorded in the event.',
  });
export type ActionOverride = z.infer<typeof actionOverrideSchema>;
const override = actionOverrideSchema.optional();

export const requestInputSchema = z
  .strictObject({
    channel: z.enum(REQUEST_CHANNELS).meta({ description: 'How the request was sent; e-mail or LinkedIn are best.' }),
    topics: z.array(requiredText(200)).min(1).max(20).meta({ description: 'What you want to learn: "one or two things".' }),
    requestedMinutes: wideMinutes.meta({ description: 'Minutes asked for: "fifteen to thirty minutes".' }),
    message: text(10_000).optional().meta({ description: 'The text of the request, checked for tone and length.' }),
    sentAt: instant('When the request was sent; defaults to now.').optional(),
    override,
  })
  .meta({ id: 'RequestInput' });

export const scheduleInputSchema = z
  .strictObject({
    scheduledAt: instant('When the meeting starts.'),
    durationMinutes: wideMinutes.optional().meta({ description: 'Agreed length; defaults to the minutes requested.' }),
    mode: z.enum(MEETING_MODES),
    location: text(500).optional().meta({ description: 'Address for in-person meetings, link for video calls.' }),
    override,
  })
  .meta({ id: 'ScheduleInput' });

export const rescheduleInputSchema = z
  .strictObject({
    scheduledAt: instant('The new start time.'),
    durationMinutes: wideMinutes.optional(),
    mode: z.enum(MEETING_MODES).optional(),
    location: text(500).optional(),
    reason,
    override,
  })
  .meta({ id: 'RescheduleInput' });

export const confirmInputSchema = z
  .strictObject({
    confirmedAt: instant('When the seeker confirmed; defaults to now.').optional(),
    channel: z.enum(CONFIRM_CHANNELS).optional(),
    override,
  })
  .meta({ id: 'ConfirmInput' });

export const meetInputSchema = z
  .strictObject({
    heldAt: instant('When the meeting took place; defaults to now.').optional(),
    actualMinutes: z.number().int().min(1).max(1_440).optional(),
    notes: text(20_000).optional(),
    extendedByInterviewee: z.boolean().optional().meta({ description: 'The interviewee offered more time.' }),
    askedForReferral: z.boolean().optional().meta({ description: 'The seeker asked whom else to talk to.' }),
    override,
  })
  .meta({ id: 'MeetInput' });

export const thankInputSchema = z
  .strictObject({
    channel: z.enum(THANK_CHANNELS),
    sentAt: instant('When the thank-you was sent; defaults to now.').optional(),
    note: text(5_000).optional(),
    override,
  })
  .meta({ id: 'ThankInput' });

export const followUpInputSchema = z
  .strictObject({
    channel: z.enum(FOLLOW_UP_CHANNELS),
    kind: z.enum(FOLLOW_UP_KINDS),
    containsRequest: z.boolean().optional().meta({ description: 'The follow-up asks for something (a favour, an introduction, …).' }),
    note: text(5_000).optional(),
    sentAt: instant('When the follow-up was sent; defaults to now.').optional(),
    override,
  })
  .meta({ id: 'FollowUpInput' });

export const endInputSchema = z.strictObject({ reason, override });
export const expireInputSchema = z.strictObject({ override }).meta({ id: 'ExpireInput' });

export const addReferralInputSchema = z
  .strictObject({
    name: requiredText(200),
    email: z.email().max(320).optional(),
    linkedinUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
    organization: text(200).optional(),
    title: text(200).optional(),
    field: text(200).optional(),
    mayUseName: z.boolean().default(false).meta({ description: 'The interviewee agreed to be named when you reach out.' }),
    note: text(5_000).optional(),
    override,
  })
  .meta({ id: 'AddReferralInput' });

export const actionInputSchemas = {
  request: requestInputSchema,
  schedule: scheduleInputSchema,
  reschedule: rescheduleInputSchema,
  confirm: confirmInputSchema,
  meet: meetInputSchema,
  thank: thankInputSchema,
  follow_up: followUpInputSchema,
  decline: endInputSchema.meta({ id: 'DeclineInput' }),
  expire: expireInputSchema,
  cancel: endInputSchema.meta({ id: 'CancelInput' }),
  close: endInputSchema.meta({ id: 'CloseInput' }),
  add_referral: addReferralInputSchema,
} as const satisfies { [A in Action]: z.ZodObject };

export type ActionInputSchemas = typeof actionInputSchemas;
export type ActionInput<A extends Action> = z.infer<ActionInputSchemas[A]>;
/** The input before parsing (what a client sends): `mayUseName` may be omitted, for instance. */
export type ActionInputBody<A extends Action> = z.input<ActionInputSchemas[A]>;

/**
 * Names of an action's own input fields, for `describeStateMachine`:
 * `override`, which every action takes, is described by the rules'
 * `overridable` flag instead.
 */
export function inputFieldsOf(action: Action): string[] {
  return Object.keys(actionInputSchemas[action].shape).filter((field) => field !== 'override');
}
