import { normalizeText } from './text-clauses.js';

/**
 * Plain measurements of a request message: its length, whether it names an
 * amount of time ("fifteen to thirty minutes"), and whether it names the
 * person who made the introduction ("mention … who made the introduction").
 */

/** Words: whitespace-separated runs holding at least one letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const NUMBER_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:five|one|two|three|four|six|seven|eight|nine))?|thirty(?:[- ]five)?|forty(?:[- ]five)?|fifty|sixty|ninety)`;
const NUMBER = String.raw`(?:\d{1,3}|${NUMBER_WORD})`;
const AMOUNT_OF_TIME = new RegExp(
  [
    // "20 minutes", "15-minute call", "fifteen to twenty minutes", "20-30 mins", "1 hour"
    String.raw`\b${NUMBER}(?:\s*(?:-|\u2013|to|or)\s*${NUMBER})?[\s-]*(?:minutes?|mins?|hours?|hrs?)\b`,
    // "half an hour", "a half-hour", "quarter of an hour", "an hour"
    String.raw`\bhalf[\s-]*(?:an\s+)?hour\b`,
    String.raw`\bquarter[\s-]*(?:of\s+an\s+)?hour\b`,
    String.raw`\ban\s+hour\b`,
  ].join('|'),
);

/**
 * True when the text names how long the conversation would take. "A few
 * minutes" or "a quick call" do not: the contact cannot tell what they are
 * agreeing to.
 */
export function namesAmountOfTime(text: string): boolean {
  return AMOUNT_OF_TIME.test(normalizeText(text));
}

// Titles are not names: "Dr. Lee" is mentioned by "Lee".
const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'miss', 'prof', 'professor', 'sir', 'dame', 'jr', 'sr', 'ii', 'iii', 'phd', 'md']);

function nameTokens(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * True when the text mentions the person: their first name, their last name
 * or their full name, as whole words, ignoring case and accents.
 */
export function mentionsPerson(text: string, personName: string): boolean {
  const wanted = nameTokens(personName).filter((token) => token.length >= 2 && !HONORIFICS.has(token));
  if (wanted.length === 0) return true; // nothing we could look for; do not nag
  const words = new Set(nameTokens(text));
  return wanted.some((token) => words.has(token));
}

export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === '';
}
