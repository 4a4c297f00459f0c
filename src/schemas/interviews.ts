import { z } from 'zod';
import { ACTIONS, ADVISORY_CODES, OVERRIDABLE_RULE_CODES, REFUSAL_CODES, STATES } from '../domain/index.js';
import { idOf, idsFilter, optionalText, pageQuery, text, timestamp, violationSchema } from './common.js';

export const stateSchema = z.enum(STATES).meta({ id: 'InterviewState' });
export const actionSchema = z.enum(ACTIONS).meta({ id: 'InterviewAction' });
export const ruleCodeSchema = z.enum([...REFUSAL_CODES, ...ADVISORY_CODES]);

const topics = z.array(text(200)).max(20);
const questions = z.array(text(1_000)).max(50);

export const interviewCreateSchema = z
  .object({
    seekerId: idOf('seeker'),
    contactId: idOf('contact'),
    topics: topics.optional().meta({ description: 'What you want to learn; the request may name one or two.' }),
    questions: questions.optional().meta({ description: 'The questions you will bring to the meeting.' }),
    notes: optionalText(20_000),
  })
  .strict()
  .meta({ id: 'InterviewCreate' });
export type InterviewCreate = z.infer<typeof interviewCreateSchema>;

export const interviewPatchSchema = z
  .object({ topics: topics.optional(), questions: questions.optional(), notes: optionalText(20_000) })
  .strict()
  .meta({ id: 'InterviewPatch' });
export type InterviewPatch = z.infer<typeof interviewPatchSchema>;

const stateList = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim());
    for (const p of parts) {
      if (!(STATES as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: `unknown state "${p}"; expected one of ${STATES.join(', ')}` });
        return z.NEVER;
      }
    }
    return parts as (typeof STATES)[number][];
  })
  .meta({ description: 'One state or several, comma-separated.', example: 'requested,scheduled' });

// Due-date filters. Bounds are instants with an offset; "before" is exclusive
// and "after" inclusive, so ranges [after, before) tile without overlap.
const instant = (description: string) =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T15:00:00Z (write a + offset as %2B in a URL)' })
    .optional()
    .meta({ description, example: '2026-12-01T15:00:00Z' });

const booleanFlag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

const dueFilterFields = {
  dueBefore: instant('Only interviews with any due date (confirmBy, thankYouDueBy, nextFollowUpDueAt, requestExpiresAt) before this instant.'),
  dueAfter: instant('Only interviews with any due date at or after this instant; with dueBefore, the same due date must fall in [dueAfter, dueBefore).'),
  thankYouDueBefore: instant('Only met interviews whose thank-you is due before this instant.'),
  followUpDueBefore: instant('Only thanked or following-up interviews whose next follow-up is due before this instant.'),
  confirmByAfter: instant('Only scheduled interviews to be confirmed at or after this instant.'),
  confirmByBefore: instant('Only scheduled interviews to be confirmed before this instant.'),
  requestExpiresBefore: instant('Only requested interviews whose request lapses before this instant.'),
  overdue: booleanFlag
    .optional()
    .meta({ description: "`true`: any due date is at or before the service's current time; `false`: none is (including interviews with no due date)." }),
};

export const interviewListQuery = pageQuery
  .extend({
    ids: idsFilter('interview'),
    state: stateList.optional(),
    seekerId: idOf('seeker').optional(),
    contactId: idOf('contact').optional(),
    updatedSince: timestamp.optional().meta({ description: 'Only interviews changed at or after this instant.' }),
    ...dueFilterFields,
  })
  .strict();
export type InterviewListQuery = z.infer<typeof interviewListQuery>;

const availableActionSchema = z.object({
  action: actionSchema,
  allowed: z.boolean(),
  violations: z.array(violationSchema),
});

const nullableTime = timestamp.nullable();

export const interviewSchema = z
  .object({
    id: z.string(),
    seekerId: z.string(),
    contactId: z.string(),
    state: stateSchema,
    version: z.number().int(),
    topics: z.array(z.string()),
    questions: z.array(z.string()),
    notes: z.string().nullable(),
    requestChannel: z.string().nullable(),
    requestMessage: z.string().nullable(),
    requestedMinutes: z.number().int().nullable(),
    requestedAt: nullableTime,
    scheduledAt: nullableTime,
    durationMinutes: z.number().int().nullable(),
    mode: z.string().nullable(),
    location: z.string().nullable(),
    rescheduleCount: z.number().int(),
    confirmedAt: nullableTime,
    confirmChannel: z.string().nullable(),
    heldAt: nullableTime,
    actualMinutes: z.number().int().nullable(),
    meetingNotes: z.string().nullable(),
    extendedByInterviewee: z.boolean().nullable(),
    askedForReferral: z.boolean().nullable(),
    thankedAt: nullableTime,
    thankYouChannel: z.string().nullable(),
    followUpCount: z.number().int(),
    lastContactAt: nullableTime,
    endedReason: z.string().nullable(),
    endedAt: nullableTime,
    referredFromInterviewId: z.string().nullable(),
    confirmBy: nullableTime,
    thankYouDueBy: nullableTime,
    nextFollowUpDueAt: nullableTime,
    requestExpiresAt: nullableTime,
    availableActions: z.array(availableActionSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Interview' });
export type InterviewView = z.infer<typeof interviewSchema>;

/** What an action's `override` did: in its answer (beside `advisories`) and in its event's data. */
export const overrideRecordSchema = z
  .object({
    rules: z.array(z.enum(OVERRIDABLE_RULE_CODES)).meta({ description: 'The rules the override named.' }),
    reason: z.string().meta({ description: 'Why, as the reviewer wrote it.' }),
    apiKeyId: z.string().meta({ description: 'The key (holding the `review` scope) that sent the override.' }),
    lifted: z
      .array(violationSchema)
      .meta({ description: 'The refusals the override let through; empty when none of the named rules fired.' }),
  })
  .meta({ id: 'ActionOverrideRecord' });

export const stateMachineSchema = z
  .object({
    states: z.array(z.object({ name: stateSchema, terminal: z.boolean(), description: z.string() })),
    initial: z.literal('prospect'),
    actions: z.array(
      z.object({
        name: actionSchema,
        from: z.array(stateSchema),
        to: z.union([stateSchema, z.literal('same')]),
        eventType: z.string(),
        inputFields: z.array(z.string()),
        rules: z.array(ruleCodeSchema),
      }),
    ),
    rules: z.array(
      z.object({
        code: ruleCodeSchema,
        defaultKind: z.enum(['refusal', 'advisory']),
        kind: z.enum(['refusal', 'advisory', 'off']),
        overridable: z.boolean().meta({ description: 'A key with the `review` scope may let its refusals through with an action\'s `override`.' }),
        actions: z.array(actionSchema),
        description: z.string(),
        source: z.string().meta({ description: 'The career-guidance advice the rule comes from.' }),
      }),
    ),
    mermaid: z.string().meta({ description: 'A Mermaid stateDiagram-v2 of the lifecycle.' }),
  })
  .meta({ id: 'StateMachine' });
