import { addLocalDays, startOfLocalDay } from './calendar-days.js';
import type { DueDates, InterviewSnapshot } from './interview.js';
import type { Policy } from './policy.js';

/**
 * The dates the reminders and list filters work from, in the institution's
 * time zone. Each is set only while it still matters (confirmBy while the
 * meeting is unconfirmed, and so on); otherwise null.
 */
export function dueDates(interview: InterviewSnapshot, policy: Policy, timeZone: string): DueDates {
  const { state } = interview;
  return {
    // "a few days before … confirm": the same local time, confirmLeadDays calendar days earlier.
    confirmBy:
      state === 'scheduled' && interview.scheduledAt !== null
        ? addLocalDays(interview.scheduledAt, -policy.confirmLeadDays, timeZone)
        : null,
    // "within a few days": to the end of the local day thankYouWithinDays after the meeting's,
    // i.e. the next local midnight. The same boundary as the `thanks_late` rule.
    thankYouDueBy:
      state === 'met' && interview.heldAt !== null
        ? startOfLocalDay(interview.heldAt, timeZone, policy.thankYouWithinDays + 1)
        : null,
    // "every few months" of quiet since the last contact.
    nextFollowUpDueAt:
      (state === 'thanked' || state === 'following_up') && interview.lastContactAt !== null
        ? addLocalDays(interview.lastContactAt, policy.followUpEveryDays, timeZone)
        : null,
    requestExpiresAt:
      state === 'requested' && interview.requestedAt !== null
        ? addLocalDays(interview.requestedAt, policy.requestExpiryDays, timeZone)
        : null,
  };
}

/**
 * When `interview.thank_you_due` fires: the start of the local day after the
 * meeting ("the day after the meeting if not thanked").
 */
export function thankYouReminderAt(heldAt: Date, timeZone: string): Date {
  return startOfLocalDay(heldAt, timeZone, 1);
}
