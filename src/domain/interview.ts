import type { Action } from './actions.js';
import type { RuleResult } from './rule-codes.js';
import type { State } from './states.js';

/** What the domain needs to know about an interview (and its contact) to decide. */
export interface InterviewSnapshot {
  state: State;
  topics: string[];
  questions: string[];
  requestChannel: string | null;
  requestMessage: string | null;
  requestedMinutes: number | null;
  requestedAt: Date | null;
  scheduledAt: Date | null;
  durationMinutes: number | null;
  mode: string | null;
  location: string | null;
  confirmedAt: Date | null;
  heldAt: Date | null;
  actualMinutes: number | null;
  /** First thank-you sent. */
  thankedAt: Date | null;
  /** Follow-ups sent so far. */
  followUpCount: number;
  /** Last outbound contact: request, meeting, thank-you or follow-up. */
  lastContactAt: Date | null;
  contact: {
    name: string;
    researchNotes: string | null;
    howWeMet: string | null;
    introducedByName: string | null;
    /** The introducer agreed to be named when reaching out (the contact's `mayUseName`). */
    introducerMayBeNamed: boolean;
  };
}

/** What an action changes on the interview row: only the keys the action sets. */
export interface InterviewChanges {
  state?: State;
  topics?: string[];
  requestChannel?: string;
  requestMessage?: string | null;
  requestedMinutes?: number;
  requestedAt?: Date;
  scheduledAt?: Date;
  durationMinutes?: number | null;
  mode?: string;
  location?: string | null;
  rescheduleCount?: 'increment';
  confirmedAt?: Date | null;
  confirmChannel?: string | null;
  heldAt?: Date;
  actualMinutes?: number | null;
  meetingNotes?: string | null;
  extendedByInterviewee?: boolean;
  askedForReferral?: boolean;
  thankedAt?: Date;
  thankYouChannel?: string;
  followUpCount?: number;
  lastContactAt?: Date;
  endedReason?: string | null;
  endedAt?: Date;
}

export type Decision =
  | {
      ok: true;
      action: Action;
      from: State;
      to: State;
      eventType: string;
      changes: InterviewChanges;
      advisories: RuleResult[];
      /** Refusals an override let through (empty without one, or when the named rules did not fire). */
      lifted: RuleResult[];
    }
  | {
      ok: false;
      code: 'invalid_transition';
      action: Action;
      from: State;
      allowedFrom: readonly State[];
      message: string;
    }
  | {
      ok: false;
      code: 'action_refused';
      action: Action;
      violations: RuleResult[];
      advisories: RuleResult[];
    };

export interface AvailableAction {
  action: Action;
  allowed: boolean;
  violations: RuleResult[];
}

export interface DueDates {
  confirmBy: Date | null;
  thankYouDueBy: Date | null;
  nextFollowUpDueAt: Date | null;
  requestExpiresAt: Date | null;
}
