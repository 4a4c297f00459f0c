import { addLocalDays } from './calendar-days.js';
import { thankYouReminderAt } from './due-dates.js';
import type { DueDates } from './interview.js';
import type { Policy } from './policy.js';
import type { State } from './states.js';

/**
 * Reminders: the scheduler's side of the career advice on timing. Each
 * reminder is an occurrence with a due instant and, for most, an instant after
 * which it no longer makes sense to send (a confirmation reminder once the
 * meeting has started, "thank-you due" once it is overdue, one follow-up nudge
 * once the next one is due). The scheduler sends the occurrences valid at its
 * `now`, each once, under the key (interview, kind, dueAt).
 *
 * Occurrences come from the due dates stored on the interview, not from the
 * policy of the day: a policy change moves the due dates computed after it.
 * Only the follow-up repeats use the current `followUpEveryDays`.
 */
export const REMINDER_KINDS = ['confirmation_due', 'thank_you_due', 'thank_you_overdue', 'follow_up_due', 'request_expired'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_DESCRIPTIONS: Record<ReminderKind, string> = {
  confirmation_due: 'The meeting is confirmLeadDays away and not yet confirmed: time to confirm it with the contact.',
  thank_you_due: 'The day after the meeting, while no thank-you has been recorded.',
  thank_you_overdue: 'The thank-you window (thankYouWithinDays after the meeting) has closed without a thank-you.',
  follow_up_due: 'followUpEveryDays of quiet since the last contact; repeats every followUpEveryDays until someone writes or the interview is closed.',
  request_expired: 'requestExpiryDays passed without a reply; the scheduler also expires the request (requested → no_response).',
};

export function reminderEventType(kind: ReminderKind): string {
  return `interview.${kind}`;
}

/** What the reminders of an interview depend on: its state, meeting times and stored due dates. */
export interface ReminderBasis extends DueDates {
  state: State;
  scheduledAt: Date | null;
  heldAt: Date | null;
}

export interface Reminder {
  kind: ReminderKind;
  dueAt: Date;
  /** From this instant on the reminder is stale and is never sent; null = never stale. */
  until: Date | null;
}

const DAY_MS = 86_400_000;

/** The one-off reminders the state calls for (follow-ups, which repeat, are apart). */
function oneOffs(b: ReminderBasis, timeZone: string): Reminder[] {
  switch (b.state) {
    case 'requested':
      return b.requestExpiresAt ? [{ kind: 'request_expired', dueAt: b.requestExpiresAt, until: null }] : [];
    case 'scheduled':
      return b.confirmBy && b.scheduledAt ? [{ kind: 'confirmation_due', dueAt: b.confirmBy, until: b.scheduledAt }] : [];
    case 'met': {
      if (!b.heldAt || !b.thankYouDueBy) return [];
      return [
        { kind: 'thank_you_due', dueAt: thankYouReminderAt(b.heldAt, timeZone), until: b.thankYouDueBy },
        { kind: 'thank_you_overdue', dueAt: b.thankYouDueBy, until: null },
      ];
    }
    default:
      return [];
  }
}

function followUpsApply(b: ReminderBasis): b is ReminderBasis & { nextFollowUpDueAt: Date } {
  return (b.state === 'thanked' || b.state === 'following_up') && b.nextFollowUpDueAt !== null;
}

/** The k-th follow-up nudge: k × followUpEveryDays local days after the first. */
function followUpAt(first: Date, k: number, policy: Policy, timeZone: string): Date {
  return k === 0 ? first : addLocalDays(first, k * policy.followUpEveryDays, timeZone);
}

/** Index of the last follow-up nudge due at or before `instant`, or -1. */
function lastFollowUpIndex(first: Date, instant: Date, policy: Policy, timeZone: string): number {
  if (instant < first) return -1;
  // Local days can be 23 or 25 hours long: estimate, then correct by a step.
  let k = Math.max(0, Math.floor((instant.getTime() - first.getTime()) / (policy.followUpEveryDays * DAY_MS)));
  while (followUpAt(first, k + 1, policy, timeZone) <= instant) k += 1;
  while (k > 0 && followUpAt(first, k, policy, timeZone) > instant) k -= 1;
  return k;
}

function isValidAt(r: Reminder, now: Date): boolean {
  return r.dueAt <= now && (r.until === null || now < r.until);
}

/** The reminders to send at `now`: due, and not yet stale. At most one of each kind. */
export function remindersDue(b: ReminderBasis, policy: Policy, timeZone: string, now: Date): Reminder[] {
  const due = oneOffs(b, timeZone).filter((r) => isValidAt(r, now));
  if (followUpsApply(b)) {
    const k = lastFollowUpIndex(b.nextFollowUpDueAt, now, policy, timeZone);
    if (k >= 0) {
      due.push({
        kind: 'follow_up_due',
        dueAt: followUpAt(b.nextFollowUpDueAt, k, policy, timeZone),
        until: followUpAt(b.nextFollowUpDueAt, k + 1, policy, timeZone),
      });
    }
  }
  return due.sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
}

/**
 * When the scheduler should next look at the interview: the first reminder due
 * strictly after `now`, or — with `includeDue`, after a change to the
 * interview — a reminder already due and not yet stale, so it goes out on the
 * scheduler's next pass. Null when the state calls for no more reminders.
 */
export function nextReminderAt(b: ReminderBasis, policy: Policy, timeZone: string, now: Date, includeDue = false): Date | null {
  const candidates: Date[] = [];
  for (const r of oneOffs(b, timeZone)) {
    if (r.dueAt > now || (includeDue && isValidAt(r, now))) candidates.push(r.dueAt);
  }
  if (followUpsApply(b)) {
    const k = lastFollowUpIndex(b.nextFollowUpDueAt, now, policy, timeZone);
    if (includeDue && k >= 0) candidates.push(followUpAt(b.nextFollowUpDueAt, k, policy, timeZone));
    candidates.push(followUpAt(b.nextFollowUpDueAt, k + 1, policy, timeZone));
  }
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((d) => d.getTime())));
}
