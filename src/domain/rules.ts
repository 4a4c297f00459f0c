import type { Policy } from './policy.js';
import type { RuleCode } from './rule-codes.js';

/**
 * The human side of every rule: where it comes from (the career-guidance
 * phrase), what it checks, and what we tell the seeker when it fires. Texts
 * may quote the policy's thresholds; codes never change.
 */
export interface RuleText {
  /** The guidance the rule comes from, quoted. */
  readonly source: string;
  /** What the rule checks, for `GET /v1/state-machine`. */
  readonly description: (policy: Policy) => string;
  /** One friendly sentence for the seeker when it fires; `detail` is what the guard found, where a rule says more. */
  readonly message: (policy: Policy, detail?: string) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const RULE_TEXTS: Readonly<Record<RuleCode, RuleText>> = {
  invalid_transition: {
    source: 'The interview lifecycle: each action fits only some states (GET /v1/state-machine).',
    description: () => 'The action is not legal from the interview’s current state.',
    message: () => 'That step does not fit where this interview is right now.',
  },
  too_many_topics: {
    source: '"one or two things" you want to learn',
    description: (p) => `A request names more than ${plural(p.maxTopics, 'topic')}.`,
    message: (p) => `Pick your ${p.maxTopics === 1 ? 'single most important topic' : `top ${p.maxTopics} topics`} so the conversation stays focused.`,
  },
  duration_out_of_range: {
    source: '"fifteen to thirty minutes"',
    description: (p) => `A request asks for fewer than ${p.minRequestedMinutes} or more than ${p.maxRequestedMinutes} minutes.`,
    message: (p) => `Ask for between ${p.minRequestedMinutes} and ${p.maxRequestedMinutes} minutes: short enough to say yes to, long enough to learn something.`,
  },
  job_request: {
    source: '"Don\'t ask for a job!"',
    description: () => 'The request message (or a topic) asks for a job, an opening or a referral for a role.',
    message: () => 'Take out the ask for a job or an opening; this conversation is for learning, and trust comes first.',
  },
  scheduled_in_past: {
    source: 'A meeting is agreed for a time still ahead.',
    description: () => 'The meeting time is not in the future.',
    message: () => 'Choose a meeting time that is still ahead of us.',
  },
  location_required: {
    source: 'Both sides need to know where to meet.',
    description: () => 'An in-person or video meeting has no location (address or link).',
    message: () => 'Add where you will meet: an address for in person, a link for video.',
  },
  meeting_already_started: {
    source: '"a few days before … confirm"',
    description: () => 'Confirming at or after the meeting’s start time.',
    message: () => 'The meeting time has already come, so there is nothing left to confirm; record the meeting or reschedule it instead.',
  },
  held_in_future: {
    source: 'A meeting is recorded once it has happened.',
    description: () => 'The meeting is recorded as held at a time still in the future.',
    message: () => 'Record the meeting once it has taken place.',
  },
  phone_channel: {
    source: '"e-mail or a LinkedIn message are better"',
    description: () => 'The request was made by phone.',
    message: () => 'A cold call puts people on the spot; an e-mail or LinkedIn message lets them answer when it suits them.',
  },
  cold_contact: {
    source: '"best to have had some kind of contact"',
    description: () => 'The contact has neither a record of how you met nor an introducer.',
    message: () => 'A request lands better after some contact or an introduction, so see whether someone can connect you first.',
  },
  introducer_not_named: {
    source: '"mention … who made the introduction"',
    description: () => 'The contact was introduced by someone the request message does not mention.',
    message: () => 'Mention who introduced you early in your message; it is the reason they will say yes.',
  },
  no_research: {
    source: '"do your homework"',
    description: () => 'There are no research notes on the contact.',
    message: () => 'Do a little homework on this person and their organization first, and jot down what you find.',
  },
  message_too_long: {
    source: 'Keep the request short and easy to say yes to.',
    description: (p) => `The request message is longer than ${plural(p.maxMessageWords, 'word')}.`,
    message: (p) => `Trim your message to under ${p.maxMessageWords} words; busy people read short notes first.`,
  },
  time_ask_missing: {
    source: '"fifteen to thirty minutes"',
    description: () => 'The request message does not say how much time you are asking for.',
    message: () => 'Say how much time you are asking for, such as "20 minutes", so they know what they are agreeing to.',
  },
  mentorship_ask: {
    source: '"should not be seen as the beginning of a mentoring relationship … wait for the other person to suggest that"',
    description: () => 'The request message asks them to be a mentor or to meet regularly.',
    message: () => 'Leave mentoring out of a first request; if it grows into that, let them be the one to suggest it.',
  },
  possible_job_request: {
    source: '"Don\'t ask for a job!"',
    description: () => 'The message may be hinting at a job, an opening or a referral for a role, without asking outright.',
    message: () => 'This line could read as angling for a job; if that is not what you mean, say it more plainly as a wish to learn.',
  },
  time_ask_mismatch: {
    source: '"fifteen to thirty minutes"',
    description: () => 'The message names a length of time different from the minutes recorded with the request.',
    message: (_p, detail) => `Your message asks for ${detail ?? 'a different length'} but the request records another; make them say the same.`,
  },
  message_not_checked: {
    source: 'Rapport reads English, Spanish, French and German.',
    description: () => 'The message is in a language the text checks do not read, so they were not applied.',
    message: (_p, detail) => `This message looks like ${detail ?? 'another language'}, which Rapport does not read yet, so its text was not checked; read it over yourself for asks about jobs or mentoring.`,
  },
  over_requested_duration: {
    source: '"fifteen to thirty minutes"',
    description: () => 'The scheduled duration is longer than the minutes you asked for.',
    message: () => 'Keep the meeting to the time you asked for unless they offered more.',
  },
  confirmed_early: {
    source: '"a few days before … confirm"',
    description: (p) => `Confirming more than ${plural(p.confirmEarliestDays, 'day')} before the meeting.`,
    message: (p) => `Confirming this early is easy to forget; a note about ${p.confirmLeadDays === 1 ? 'a day' : `${p.confirmLeadDays} days`} before works best.`,
  },
  confirmed_late: {
    source: '"a few days before … confirm"',
    description: (p) => `Confirming less than ${plural(p.confirmLatestHours, 'hour')} before the meeting.`,
    message: () => 'Next time, confirm a few days ahead so they can plan around it.',
  },
  not_confirmed: {
    source: '"a few days before … confirm"',
    description: () => 'The meeting took place without having been confirmed.',
    message: () => 'Glad it happened! Next time, confirm a few days before so nobody is caught off guard.',
  },
  no_questions: {
    source: '"bring a brief list of specific questions"',
    description: () => 'No questions were prepared for the meeting.',
    message: () => 'Bring a short list of specific questions so you make the most of their time.',
  },
  too_many_questions: {
    source: '"bring a brief list of specific questions"',
    description: (p) => `More than ${plural(p.maxQuestions, 'question')} were prepared.`,
    message: (p) => `Narrow your list to your best ${p.maxQuestions} questions; you will not get through more.`,
  },
  overran_time: {
    source: '"don\'t try to push for more time"',
    description: () => 'The meeting ran longer than agreed without the interviewee offering to extend.',
    message: () => 'Try to wrap up on time; if they want to keep talking, let them offer.',
  },
  referral_not_asked: {
    source: '"a good transition to ending the interview is to ask them if they know anyone else"',
    description: () => 'The seeker did not ask whom else to talk to.',
    message: () => 'Before you wrap up, ask whether they know anyone else you should talk to.',
  },
  thanks_late: {
    source: '"within a few days"',
    description: (p) => `The first thank-you was sent more than ${plural(p.thankYouWithinDays, 'calendar day')} after the meeting.`,
    message: () => 'A thank-you is still worth sending; next time aim for within a few days of the meeting.',
  },
  follow_up_too_soon: {
    source: '"every few months"',
    description: (p) => `A follow-up sent less than ${plural(p.minFollowUpGapDays, 'day')} after the last contact.`,
    message: (p) => `Give it a little longer between notes; about every ${Math.max(1, Math.round(p.followUpEveryDays / 30))} months keeps you in mind without crowding them.`,
  },
  request_too_soon: {
    source: '"better not to make any kind of additional request … until some time … has passed"',
    description: (p) => `A follow-up asks for something before ${plural(p.followUpsBeforeRequest, 'follow-up')} have been sent.`,
    message: () => 'Keep the next few notes ask-free and build the relationship before requesting anything more.',
  },
};
