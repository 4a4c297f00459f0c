import type { Action } from './actions.js';
import { toLocal } from './calendar-days.js';
import type { DueDates } from './interview.js';
import type { Policy } from './policy.js';
import type { RuleCode } from './rule-codes.js';
import type { State } from './states.js';

/**
 * A seeker's agenda: the next step of each open interview, so a portal can
 * render a to-do list ("confirm with Pat by Thu 3 Dec", "your thank-you to
 * Sam is overdue", "time to catch up with Lee") without knowing the rules.
 *
 * The due instants are the ones stored on the interview (see due-dates.ts):
 * computed under the policy of the day they were set, the same ones the
 * reminders and the list filters use. An item is overdue once its due
 * instant has arrived (dueAt ≤ now), the instant the matching reminder fires.
 */

/** Stable codes of agenda items: integrators switch on these, the messages are prose. */
export const AGENDA_CODES = ['send_request', 'awaiting_reply', 'confirm_meeting', 'attend_meeting', 'send_thank_you', 'follow_up'] as const;
export type AgendaCode = (typeof AGENDA_CODES)[number];

/** The policy settings an agenda item's due instant comes from. */
export const AGENDA_SETTINGS = ['confirmLeadDays', 'thankYouWithinDays', 'followUpEveryDays', 'requestExpiryDays'] as const satisfies readonly (keyof Policy)[];
export type AgendaSetting = (typeof AGENDA_SETTINGS)[number];

/** What the agenda needs of one interview: its state, stored due dates, meeting time and contact. */
export interface AgendaInterview extends DueDates {
  id: string;
  state: State;
  scheduledAt: Date | null;
  contact: { id: string; name: string };
}

export interface AgendaItem {
  interviewId: string;
  contact: { id: string; name: string };
  /** The action to take next (for `awaiting_reply`: the one to take when they answer). */
  action: Action;
  /** ISO 8601, or null when nothing makes the step due (a prospect). */
  dueAt: string | null;
  overdue: boolean;
  code: AgendaCode;
  /** The advice the step comes from: a rule code and the policy setting that times it (either may be null). */
  rule: { code: RuleCode | null; setting: AgendaSetting | null };
  message: string;
}

interface Step {
  code: AgendaCode;
  action: Action;
  due: Date | null;
  rule: AgendaItem['rule'];
  /** The sentence, given the formatted due date (null when undated) and whether it has passed. */
  say: (name: string, when: Formatted | null, overdue: boolean) => string;
}

interface Formatted {
  /** "Thu 3 Dec" (with the year when it is not the current local year). */
  date: string;
  /** "Thu 3 Dec at 15:00". */
  dateTime: string;
  /** The last local day before the instant: "the end of Tue 11 Mar" for a deadline at local midnight. */
  endOfDay: string;
}

function stepFor(iv: AgendaInterview): Step | null {
  switch (iv.state) {
    case 'prospect':
      return {
        code: 'send_request',
        action: 'request',
        due: null,
        rule: { code: null, setting: null },
        say: (name) => `Send ${name} a request for a short conversation about their work.`,
      };
    case 'requested':
      // "after requestExpiryDays with no reply" the scheduler expires the request.
      return {
        code: 'awaiting_reply',
        action: 'schedule',
        due: iv.requestExpiresAt,
        rule: { code: null, setting: 'requestExpiryDays' },
        say: (name, when, overdue) =>
          overdue
            ? `No reply from ${name}: the request lapsed on ${when!.date}.`
            : `Waiting for ${name} to reply; schedule the meeting when they do.${when ? ` The request lapses on ${when.date}.` : ''}`,
      };
    case 'scheduled':
      // "a few days before … confirm"
      return {
        code: 'confirm_meeting',
        action: 'confirm',
        due: iv.confirmBy,
        rule: { code: 'not_confirmed', setting: 'confirmLeadDays' },
        say: (name, when, overdue) =>
          overdue
            ? `Confirm your meeting with ${name} now: it was due to be confirmed by ${when!.date}.`
            : `Confirm your meeting with ${name}${when ? ` by ${when.date}` : ''}.`,
      };
    case 'confirmed':
      return {
        code: 'attend_meeting',
        action: 'meet',
        due: iv.scheduledAt,
        rule: { code: null, setting: null },
        say: (name, when, overdue) =>
          overdue
            ? `Your meeting with ${name} was on ${when!.dateTime}: record how it went.`
            : `Meet ${name}${when ? ` on ${when.dateTime}` : ''}; bring your short list of questions.`,
      };
    case 'met':
      // "within a few days": due by the local midnight ending the last day.
      return {
        code: 'send_thank_you',
        action: 'thank',
        due: iv.thankYouDueBy,
        rule: { code: 'thanks_late', setting: 'thankYouWithinDays' },
        say: (name, when, overdue) =>
          overdue
            ? `Your thank-you to ${name} is overdue (it was due by ${when!.endOfDay}); it is still worth sending.`
            : `Send ${name} a thank-you${when ? ` by ${when.endOfDay}` : ''}.`,
      };
    case 'thanked':
    case 'following_up':
      // "every few months"
      return {
        code: 'follow_up',
        action: 'follow_up',
        due: iv.nextFollowUpDueAt,
        rule: { code: 'follow_up_too_soon', setting: 'followUpEveryDays' },
        say: (name, when, overdue) =>
          overdue
            ? `Time to catch up with ${name}: a note has been due since ${when!.date}.`
            : `Keep in touch with ${name}${when ? `: a note is due on ${when.date}` : ''}.`,
      };
    case 'declined':
    case 'no_response':
    case 'cancelled':
    case 'closed':
      return null;
  }
}

/** The one next step of an interview at `now`, worded in the institution's time zone; null in the end states. */
export function agendaItem(iv: AgendaInterview, now: Date, timeZone: string): AgendaItem | null {
  const step = stepFor(iv);
  if (!step) return null;
  const overdue = step.due !== null && step.due.getTime() <= now.getTime();
  const name = iv.contact.name;
  // Overdue implies a due date, so the overdue wordings always have one.
  const message = step.say(name, step.due === null ? null : formatDue(step.due, now, timeZone), overdue);
  return {
    interviewId: iv.id,
    contact: { id: iv.contact.id, name },
    action: step.action,
    dueAt: step.due === null ? null : step.due.toISOString(),
    overdue,
    code: step.code,
    rule: step.rule,
    message,
  };
}

/** Agenda order: due first (earliest first), undated last, then by interview id. */
export function compareAgendaItems(a: AgendaItem, b: AgendaItem): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    const byDue = Date.parse(a.dueAt) - Date.parse(b.dueAt);
    if (byDue !== 0) return byDue;
  }
  return a.interviewId < b.interviewId ? -1 : a.interviewId > b.interviewId ? 1 : 0;
}

/** A seeker's agenda: one item per open interview, in agenda order, at most `limit`. */
export function buildAgenda(interviews: readonly AgendaInterview[], now: Date, timeZone: string, limit = Infinity): AgendaItem[] {
  return interviews
    .map((iv) => agendaItem(iv, now, timeZone))
    .filter((item): item is AgendaItem => item !== null)
    .sort(compareAgendaItems)
    .slice(0, limit);
}

// Dates in messages: English, the local weekday and date of the institution's zone.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function localDate(instant: Date, now: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const calendar = new Date(0);
  calendar.setUTCFullYear(local.year, local.month - 1, local.day);
  const year = local.year === toLocal(now, timeZone).year ? '' : ` ${local.year}`;
  return `${WEEKDAYS[calendar.getUTCDay()]} ${local.day} ${MONTHS[local.month - 1]}${year}`;
}

function formatDue(due: Date, now: Date, timeZone: string): Formatted {
  const local = toLocal(due, timeZone);
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return {
    date: localDate(due, now, timeZone),
    dateTime: `${localDate(due, now, timeZone)} at ${time}`,
    // A deadline at local midnight closes the day before it.
    endOfDay: `the end of ${localDate(new Date(due.getTime() - 1), now, timeZone)}`,
  };
}
