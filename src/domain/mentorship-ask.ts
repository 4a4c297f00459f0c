import { findStandingPhrase } from './text-clauses.js';
import type { PhrasePattern } from './text-clauses.js';

/**
 * An informational interview "should not be seen as the beginning of a
 * mentoring relationship … wait for the other person to suggest that". This
 * spots a first message that asks for one: a mentor, or meeting regularly.
 * Questions about *their* mentors or their habits are curiosity, not asks.
 */

const re = (source: string) => new RegExp(source, 'g');
const PERIOD = String.raw`(?:week|month|fortnight|quarter|couple of weeks|few weeks|other week)`;
// "do you meet every month with your team?" is about them.
const ABOUT_THEM = /\b(?:do|does|did)\s+(?:you|they|people|most people)\s*$|\b(?:how|what|who|why|when)\b/;

const MENTORSHIP_ASKS: readonly PhrasePattern[] = [
  { re: re(String.raw`\b(?:be|become|being|act as|serve as)\s+(?:my|a)\s+(?:[\w-]+\s+)?mentor\b(?:\s+(?:to|for)\s+me)?`), unlessBefore: ABOUT_THEM },
  { re: re(String.raw`\bmentor(?:ing)?\s+me\b`), unlessBefore: /\b(?:who|how|what|why|when)\b/ },
  { re: re(String.raw`\b(?:mentor(?:ing|ship)?\s+relationship|(?:ongoing|long-term|regular|formal)\s+mentor(?:ing|ship)?)\b`), unlessBefore: ABOUT_THEM },
  { re: re(String.raw`\bmeet(?:ing)?\s+(?:up\s+)?(?:regularly|on a (?:regular|monthly|weekly) basis|periodically|often)\b`), unlessBefore: ABOUT_THEM },
  { re: re(String.raw`\bmeet(?:ing)?\s+(?:up\s+)?(?:every|each|once an?|twice an?|once every)\s+${PERIOD}\b`), unlessBefore: ABOUT_THEM },
  { re: re(String.raw`\bmeet(?:ing)?\s+(?:up\s+)?(?:weekly|monthly|biweekly|fortnightly|quarterly)\b`), unlessBefore: ABOUT_THEM },
  {
    re: re(String.raw`\b(?:weekly|monthly|bi-?weekly|fortnightly|regular|recurring|standing|ongoing)\s+(?:[\w-]+\s+)?(?:calls?|meetings?|chats?|check-?ins?|coffees?|catch-?ups?|sessions?|meetups?)\b`),
    unlessBefore: ABOUT_THEM,
  },
  { re: re(String.raw`\b(?:check in|talk|chat|catch up)\s+(?:with you\s+)?(?:regularly|every\s+${PERIOD}|weekly|monthly|on a regular basis)\b`), unlessBefore: ABOUT_THEM },
  { re: re(String.raw`\bkeep\s+meeting\b|\bcontinue\s+(?:meeting|our\s+(?:meetings|conversations)\s+regularly)\b`), unlessBefore: ABOUT_THEM },
];

/** True when the text asks the contact to be a mentor or to meet regularly. */
export function isMentorshipAsk(text: string): boolean {
  return findStandingPhrase(text, MENTORSHIP_ASKS) !== null;
}
