import type { Action } from './actions.js';
import { addLocalDays, localDaysBetween } from './calendar-days.js';
import type { ActionInput } from './inputs.js';
import type { InterviewSnapshot } from './interview.js';
import { personMention } from './outreach/names.js';
import { readMessage, readPhrases } from './outreach/read-message.js';
import type { JobAskTier } from './outreach/read-message.js';
import type { Policy } from './policy.js';
import type { RuleCode, TextMatch } from './rule-codes.js';
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

/** What a guard found: on which field, where in its text, and a detail its message names. */
export interface Finding {
  field?: string;
  match?: TextMatch;
  detail?: string;
}
/** `true` fires on the guard's field; a string fires on that field instead; a finding says more. */
export type Fired = boolean | string | Finding | null;

interface GuardBase {
  code: RuleCode;
  field?: string;
  /** Caps the policy's grading: after the meeting a job ask only coaches. */
  atMost?: 'advisory';
}
export type Guard<A extends Action> =
  | (GuardBase & { usesInput: false; fires: (ctx: GuardContext) => Fired })
  | (GuardBase & { usesInput: true; fires: (ctx: GuardContext, input: ActionInput<A>) => Fired });

const isBlank = (text: string | null | undefined): boolean => text === null || text === undefined || text.trim() === '';
const matchOf = ({ text, start, end }: TextMatch): TextMatch => ({ text, start, end });

/**
 * The strongest job ask in the message or a topic ("Don't ask for a job!",
 * smuggled into a topic), when it is of the given tier: a plain ask anywhere
 * outranks a hint, so a hint is reported only where nothing refuses.
 */
function jobAskIn(tier: JobAskTier, texts: { field: string; text: string | undefined }[]): Finding | null {
  let hint: Finding | null = null;
  for (const { field, text } of texts) {
    if (isBlank(text)) continue;
    const ask = (field === 'topics' ? readPhrases(text ?? '', 'topic') : readMessage(text ?? '')).jobAsk;
    if (ask?.tier === 'clear') return tier === 'clear' ? { field, match: matchOf(ask.span) } : null;
    if (ask?.tier === 'possible') hint ??= { field, match: matchOf(ask.span) };
  }
  return tier === 'possible' ? hint : null;
}
const requestTexts = (i: { message?: string | undefined; topics: string[] }) => [
  { field: 'message', text: i.message },
  ...i.topics.map((text) => ({ field: 'topics', text })),
];

/** A message in a language the checks do not read: say so rather than pass it in silence. */
function notChecked(field: string, text: string | undefined): Finding | null {
  if (isBlank(text)) return null;
  const { language } = readMessage(text ?? '');
  return language.checked ? null : { field, detail: `${language.name} (${language.code})` };
}
/** The text checks of a message only apply to a language they read. */
function readable(text: string | undefined) {
  if (isBlank(text)) return null;
  const reading = readMessage(text ?? '');
  return reading.language.checked ? reading : null;
}

function introducerNotNamed(contact: InterviewSnapshot['contact'], message: string | undefined): boolean {
  // "mention … who made the introduction", but never someone who asked not to be named.
  if (isBlank(contact.introducedByName) || !contact.introducerMayBeNamed || isBlank(message)) return false;
  return personMention(message ?? '', contact.introducedByName ?? '') === null;
}

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
  // "Don't ask for a job!" — a plain ask refuses; a hint only coaches, since a wrong refusal costs a good student more.
  { code: 'job_request', field: 'message', usesInput: true, fires: (_c, i) => jobAskIn('clear', requestTexts(i)) },
  {
    code: 'possible_job_request',
    field: 'message',
    usesInput: true,
    fires: (_c, i) => jobAskIn('possible', requestTexts(i)),
  },
  { code: 'message_not_checked', field: 'message', usesInput: true, fires: (_c, i) => notChecked('message', i.message) },
  // "e-mail or a LinkedIn message are better"
  { code: 'phone_channel', field: 'channel', usesInput: true, fires: (_c, i) => i.channel === 'phone' },
  // "best to have had some kind of contact"
  {
    code: 'cold_contact',
    usesInput: false,
    fires: (c) => isBlank(c.interview.contact.howWeMet) && isBlank(c.interview.contact.introducedByName),
  },
  // "mention … who made the introduction" — judged on the message, so only when there is one
  { code: 'introducer_not_named', field: 'message', usesInput: true, fires: (c, i) => introducerNotNamed(c.interview.contact, i.message) },
  // "do your homework"
  { code: 'no_research', usesInput: false, fires: (c) => isBlank(c.interview.contact.researchNotes) },
  // Words as Intl.Segmenter counts them, so Chinese and Japanese count too.
  { code: 'message_too_long', field: 'message', usesInput: true, fires: (c, i) => !isBlank(i.message) && readMessage(i.message ?? '').words > c.policy.maxMessageWords },
  // "ask for fifteen to thirty minutes": say how long, and say the same as the request does.
  { code: 'time_ask_missing', field: 'message', usesInput: true, fires: (_c, i) => readable(i.message)?.duration === null },
  {
    code: 'time_ask_mismatch',
    field: 'message',
    usesInput: true,
    fires: (_c, i) => {
      const named = readable(i.message)?.duration;
      if (named === undefined || named === null || (i.requestedMinutes >= named.min && i.requestedMinutes <= named.max)) return null;
      const minutes = named.min === named.max ? `${named.min} minutes` : `${named.min}–${named.max} minutes`;
      return { match: matchOf(named.span), detail: minutes };
    },
  },
  // "should not be seen as the beginning of a mentoring relationship … wait for the other person to suggest that"
  {
    code: 'mentorship_ask',
    field: 'message',
    usesInput: true,
    fires: (_c, i) => {
      const ask = readable(i.message)?.mentorshipAsk;
      return ask ? { match: matchOf(ask) } : null;
    },
  },
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
// After the meeting "the guidance says not to make requests": a job ask in a
// note coaches (job_request, possible_job_request) instead of refusing.
function noteGuards<A extends 'thank' | 'follow_up'>(): Guard<A>[] {
  const note = (i: ActionInput<A>) => [{ field: 'note', text: i.note }];
  return [
    { code: 'job_request', field: 'note', atMost: 'advisory', usesInput: true, fires: (_c, i) => jobAskIn('clear', note(i)) },
    { code: 'possible_job_request', field: 'note', usesInput: true, fires: (_c, i) => jobAskIn('possible', note(i)) },
    { code: 'message_not_checked', field: 'note', usesInput: true, fires: (_c, i) => notChecked('note', i.note) },
  ];
}

const thankGuards: readonly Guard<'thank'>[] = [
  ...noteGuards<'thank'>(),
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
  ...noteGuards<'follow_up'>(),
  // "every few months"
  {
    code: 'follow_up_too_soon',
    field: 'sentAt',
    usesInput: false,
    fires: (c) =>
      c.interview.lastContactAt !== null && c.at < addLocalDays(c.interview.lastContactAt, c.policy.minFollowUpGapDays, c.timeZone),
  },
  // "better not to make any kind of additional request … until some time … has passed"
  // A note that asks for something counts as a request even when the client did not say so.
  {
    code: 'request_too_soon',
    field: 'containsRequest',
    usesInput: true,
    fires: (c, i) => {
      if (c.interview.followUpCount >= c.policy.followUpsBeforeRequest) return null;
      if (i.containsRequest === true) return true;
      const ask = readable(i.note)?.favourAsk;
      return ask ? { field: 'note', match: matchOf(ask) } : null;
    },
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
