/**
 * A small, predictable reader for outreach messages: normalise the text,
 * cut it into clauses, and find phrases that are not negated in their own
 * clause. Good enough to coach a seeker, and every behaviour is pinned by a
 * table test; it is not meant to understand English.
 */

/** A phrase to look for, and what in front of it (same clause) cancels it. */
export interface PhrasePattern {
  /** Must carry the `g` flag: every occurrence is checked. */
  readonly re: RegExp;
  /** Tested on the clause text before the match, e.g. a question word that makes it curiosity. */
  readonly unlessBefore?: RegExp;
}

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bshan't\b/g, 'shall not'],
  [/n't\b/g, ' not'],
  [/\bi'm\b/g, 'i am'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  // "'s" is left alone except after pronouns: "Acme's team" is a possessive.
  [/\b(it|that|there|here|what|who|how|where|he|she|this)'s\b/g, '$1 is'],
];

/** Lower case, no accents, straight quotes, contractions spelled out, single spaces. */
export function normalizeText(text: string): string {
  let out = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
  for (const [re, replacement] of CONTRACTIONS) out = out.replace(re, replacement);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Clause boundaries: sentence ends, a contrast ("…, but are you hiring?"),
 * "and"/"so" starting a new subject, and a comma or dash that opens a question. A
 * negation only reaches to the end of its clause.
 */
const CLAUSE_BREAK = new RegExp(
  [
    String.raw`[.!?;:\n]+(?:\s|$)`,
    String.raw`[()]`,
    String.raw`\s(?:but|however|although|though|yet|except that|that said)\b`,
    String.raw`,\s*(?:so|then|and)\b`,
    String.raw`\s(?:and|so)\s+(?=(?:i|we|you|would|could|will|am|can|also|is|are|do|does|please)\b)`,
    String.raw`(?:,|\s[\u2013\u2014-]+)\s*(?=(?:are|is|do|does|did|could|can|would|will|may|might|any|please|have)\b)`,
  ].join('|'),
  'g',
);

export function clausesOf(normalized: string): string[] {
  return normalized
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

// "not sure if you're hiring" or "don't know whether" hedge an ask rather than negate it.
const HEDGES = /\b(?:not\s+(?:sure|certain|aware)|not\s+know|no\s+idea)\b/g;
// "don't you have…", "isn't there…": a negative question is still a question.
const NEGATIVE_QUESTION =
  /\b(?:do|does|did|are|is|was|were|would|could|can|will|have|has|should|might)\s+not\s+(?:you|there|they|we|it|he|she|your|anyone|anybody|someone)\b/g;
const NEGATION = /\b(?:not|never|no longer|without|nor|neither|rather than|instead of)\b/;

/** True when the clause text before a phrase negates it ("I'm not asking for a job"). */
export function isNegated(before: string): boolean {
  return NEGATION.test(before.replace(HEDGES, ' ').replace(NEGATIVE_QUESTION, ' '));
}

/** The first phrase occurrence that stands (not negated, not cancelled), or null. */
export function findStandingPhrase(text: string, patterns: readonly PhrasePattern[]): string | null {
  for (const clause of clausesOf(normalizeText(text))) {
    for (const { re, unlessBefore } of patterns) {
      for (const match of clause.matchAll(re)) {
        const before = clause.slice(0, match.index);
        if (isNegated(before)) continue;
        if (unlessBefore?.test(before)) continue;
        return match[0];
      }
    }
  }
  return null;
}
