import type { Action } from './actions.js';
import { addLocalDays, localDaysBetween } from './calendar-days.js';
import type { ActionInput } from './inputs.js';
import type { InterviewSnapshot } from './interview.js';
import { isJobRequest } from './job-request.js';
import { isMentorshipAsk } from './mentorship-ask.js';
import { countWords, isBlank, mentionsPerson, namesAmountOfTime } from './outreach-message.js';
import type { Policy } from './policy.js';
import type { RuleCode } from './rule-codes.js';
import type { State } from './states.js';

/**
 * The named guards of each action, as data. A guard says whether its rule
 * fires; whether that refuses the action, coaches, or is ignored is the
 * policy's call (see decide.ts). Guards that need no input run for
 * `availableActions` too, with "now" as the moment of the action.
 */

export interface GuardContext {
  interview: InterviewSnapshot;
  from: State;
  now: Date;
  /** When the action happens: the input's sentAt/confirmedAt/heldAt, else now. */
  at: Date;
  policy: Policy;
  timeZone: string;
}

/** `true` fires on the guard's field; a string fires on that field instead. */
type Fired = boolean | string;

export type Guard<A extends Action> =
  | { code: RuleCode; field?: string; usesInput: false; fires: (ctx: GuardContext) => Fired }
  | { code: RuleCode; field?: string; usesInput: true; fires: (ctx: GuardContext, input: ActionInput<A>) => Fired };

const HOUR_MS = 3_600_000;

const requestGuards: readonly Guard<'request'>[] = [
  // "one or two things"
  { code: 'too_many_topics', field: 'topics', usesInput: true, fires: (c, i) => i.topics.length > c.policy.maxTopics },
  // "fifteen to thirty minutes"
  {
    code: 'duration_out_of_range',
    field: 'requestedMinutes',
    usesInput: true,
    fires: (c, i) => i.requestedMinutes < c.policy.minRequestedMinutes || i.requestedMinutes > c.policy.maxRequestedMinutes,
  },
  // "Don't ask for a job!" — in the message, or smuggled into a topic
  {
    code: 'job_request',
    field: 'message',
    usesInput: true,
    fires: (_c, i) => (i.message !== undefined && isJobRequest(i.message)) || (i.topics.some(isJobRequest) && 'topics'),
  },
  // "e-mail or a LinkedIn message are better"
  { code: 'phone_channel', field: 'channel', usesInput: true, fires: (_c, i) => i.channel === 'phone' },
  // "best to have had some kind of contact"
  {
    code: 'cold_contact',
    usesInput: false,
    fires: (c) => isBlank(c.interview.contact.howWeMet) && isBlank(c.interview.contact.introducedByName),
  },
  // "mention … who made the introduction" — judged on the message, so only when there is one
  {
    code: 'introducer_not_named',
    field: 'message',
    usesInput: true,
    fires: (c, i) => {
      const introducer = c.interview.contact.introducedByName;
      return !isBlank(introducer) && !isBlank(i.message) && !mentionsPerson(i.message ?? '', introducer ?? '');
    },
  },
  // "do your homework"
  { code: 'no_research', usesInput: false, fires: (c) => isBlank(c.interview.contact.researchNotes) },
  { code: 'message_too_long', field: 'message', usesInput: true, fires: (c, i) => countWords(i.message ?? '') > c.policy.maxMessageWords },
  { code: 'time_ask_missing', field: 'message', usesInput: true, fires: (_c, i) => !isBlank(i.message) && !namesAmountOfTime(i.message ?? '') },
  // "should not be seen as the beginning of a mentoring relationship"
  { code: 'mentorship_ask', field: 'message', usesInput: true, fires: (_c, i) => i.message !== undefined && isMentorshipAsk(i.message) },
];

const scheduleGuards: readonly Guard<'schedule'>[] = [
  { code: 'scheduled_in_past', field: 'scheduledAt', usesInput: true, fires: (c, i) => new Date(i.scheduledAt) <= c.now },
  {
    code: 'location_required',
    field: 'location',
    usesInput: true,
    fires: (_c, i) => (i.mode === 'in_person' || i.mode === 'video') && isBlank(i.location),
  },
  {
    code: 'over_requested_duration',
    field: 'durationMinutes',
    usesInput: true,
    fires: (c, i) => i.durationMinutes !== undefined && c.interview.requestedMinutes !== null && i.durationMinutes > c.interview.requestedMinutes,
  },
];

const rescheduleGuards: readonly Guard<'reschedule'>[] = [
  { code: 'scheduled_in_past', field: 'scheduledAt', usesInput: true, fires: (c, i) => new Date(i.scheduledAt) <= c.now },
];

// "a few days before … confirm": not after the start, not a week ahead, not at the last minute.
const confirmGuards: readonly Guard<'confirm'>[] = [
  {
    code: 'meeting_already_started',
    field: 'confirmedAt',
    usesInput: false,
    fires: (c) => c.interview.scheduledAt !== null && c.at >= c.interview.scheduledAt,
  },
  {
    code: 'confirmed_early',
    field: 'confirmedAt',
    usesInput: false,
    fires: (c) =>
      c.interview.scheduledAt !== null && c.at < addLocalDays(c.interview.scheduledAt, -c.policy.confirmEarliestDays, c.timeZone),
  },
  {
    code: 'confirmed_late',
    field: 'confirmedAt',
    usesInput: false,
    fires: (c) => {
      if (c.interview.scheduledAt === null) return false;
      const ahead = c.interview.scheduledAt.getTime() - c.at.getTime();
      return ahead > 0 && ahead < c.policy.confirmLatestHours * HOUR_MS;
    },
  },
];

const meetGuards: readonly Guard<'meet'>[] = [
  { code: 'held_in_future', field: 'heldAt', usesInput: false, fires: (c) => c.at > c.now },
  { code: 'not_confirmed', usesInput: false, fires: (c) => c.from === 'scheduled' },
  // "bring a brief list of specific questions"
  { code: 'no_questions', field: 'questions', usesInput: false, fires: (c) => c.interview.questions.length === 0 },
  { code: 'too_many_questions', field: 'questions', usesInput: false, fires: (c) => c.interview.questions.length > c.policy.maxQuestions },
  // "don't try to push for more time"
  {
    code: 'overran_time',
    field: 'actualMinutes',
    usesInput: true,
    fires: (c, i) => {
      const agreed = c.interview.durationMinutes ?? c.interview.requestedMinutes;
      return i.actualMinutes !== undefined && agreed !== null && i.actualMinutes > agreed && i.extendedByInterviewee !== true;
    },
  },
  // "ask them if they know anyone else"
  { code: 'referral_not_asked', field: 'askedForReferral', usesInput: true, fires: (_c, i) => i.askedForReferral !== true },
];

// "within a few days", counted in local calendar days: day 3 is on time, day 4 is late.
// Only the first thank-you can be late; a second note is a bonus.
const thankGuards: readonly Guard<'thank'>[] = [
  {
    code: 'thanks_late',
    field: 'sentAt',
    usesInput: false,
    fires: (c) =>
      c.interview.thankedAt === null &&
      c.interview.heldAt !== null &&
      localDaysBetween(c.interview.heldAt, c.at, c.timeZone) > c.policy.thankYouWithinDays,
  },
];

const followUpGuards: readonly Guard<'follow_up'>[] = [
  // "every few months"
  {
    code: 'follow_up_too_soon',
    field: 'sentAt',
    usesInput: false,
    fires: (c) =>
      c.interview.lastContactAt !== null && c.at < addLocalDays(c.interview.lastContactAt, c.policy.minFollowUpGapDays, c.timeZone),
  },
  // "better not to make any kind of additional request … until some time … has passed"
  {
    code: 'request_too_soon',
    field: 'containsRequest',
    usesInput: true,
    fires: (c, i) => i.containsRequest === true && c.interview.followUpCount < c.policy.followUpsBeforeRequest,
  },
];

export const ACTION_GUARDS: { readonly [A in Action]: readonly Guard<A>[] } = {
  request: requestGuards,
  schedule: scheduleGuards,
  reschedule: rescheduleGuards,
  confirm: confirmGuards,
  meet: meetGuards,
  thank: thankGuards,
  follow_up: followUpGuards,
  decline: [],
  expire: [],
  cancel: [],
  close: [],
  add_referral: [],
};

/** The rule codes an action can raise, `invalid_transition` first. */
export function ruleCodesOf(action: Action): RuleCode[] {
  return ['invalid_transition', ...ACTION_GUARDS[action].map((guard) => guard.code)];
}
