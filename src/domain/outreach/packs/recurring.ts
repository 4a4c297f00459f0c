import { re } from '../phrases.js';
import type { PhrasePattern } from '../phrases.js';

/**
 * "Make this a monthly thing": a recurrence ("once a month", "cada dos
 * semanas", "tous les trois mois", "alle paar Wochen") counts as a request to
 * meet regularly only in a clause that also speaks of meeting (a call, a
 * coffee, checking in). The lookarounds keep the hit on the recurrence itself.
 */
export function recurringMeeting(meeting: string, recurrence: string, notAbout: RegExp): PhrasePattern {
  return {
    re: re(String.raw`(?:(?<=\b(?:${meeting})\b.*)|(?=.*\b(?:${meeting})))\b(?:${recurrence})\b`),
    unlessBefore: notAbout,
  };
}
