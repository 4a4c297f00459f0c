import { eld } from 'eld/small';

/**
 * Which language a message is written in. The checks read English, Spanish,
 * French and German; anything else is reported (`message_not_checked`)
 * rather than passed in silence.
 *
 * Identification is eld's (Apache-2.0, n-gram statistics over 60 languages,
 * its data shipped inside the npm package, so nothing is fetched). Short
 * notes are where n-grams are weakest ("Hi Lin, any positions?" scores as
 * Catalan), so a note whose n-grams are not conclusive and that holds a
 * few function words of one of the four is read in that language.
 */

export const CHECKED_LANGUAGES = ['en', 'es', 'fr', 'de'] as const;
export type CheckedLanguage = (typeof CHECKED_LANGUAGES)[number];

export interface LanguageGuess {
  /** ISO 639-1 code, or `und` when the text holds no words at all. */
  readonly code: string;
  /** The English name, for messages: "Italian". */
  readonly name: string;
  /** One of the four languages the checks read (and `und`, where there is nothing to read). */
  readonly checked: boolean;
}

// Short, frequent words that are rare in the other three (and in their close
// neighbours: Italian and Portuguese share much with Spanish).
const FUNCTION_WORDS: Readonly<Record<CheckedLanguage, ReadonlySet<string>>> = {
  en: new Set('the and you your are any is i to of for with hi hello thanks thank would could can my me this that what how have be'.split(' ')),
  es: new Set('el la los las y tu usted que de para con hola gracias me mi muy por una un es hay tienes tiene podrias seria'.split(' ')),
  fr: new Set('le la les et vous tu que de pour avec bonjour merci je mon ma est une un il y a auriez pourriez serait votre'.split(' ')),
  de: new Set('der die das und sie du ich mit fur hallo danke mein meine ist ein eine nicht haben hatten konnten ihr ihre ihnen'.split(' ')),
};

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

function nameOf(code: string): string {
  if (code === 'und') return 'undetermined';
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function guess(code: string): LanguageGuess {
  return { code, name: nameOf(code), checked: code === 'und' || (CHECKED_LANGUAGES as readonly string[]).includes(code) };
}

function functionWordVotes(text: string): Record<CheckedLanguage, number> {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [];
  const votes = { en: 0, es: 0, fr: 0, de: 0 };
  for (const language of CHECKED_LANGUAGES) votes[language] = words.filter((word) => FUNCTION_WORDS[language].has(word)).length;
  return votes;
}

// How close to the statistical winner one of the four must score to be chosen
// on the strength of its function words: short notes are where n-grams mislead.
const CLOSE_ENOUGH = { short: 0.9, long: 0.97 };
const SHORT_LETTERS = 80;

export function identifyLanguage(text: string): LanguageGuess {
  if (!/\p{L}/u.test(text)) return guess('und');
  const result = eld.detect(text);
  const code = result.language;
  if ((CHECKED_LANGUAGES as readonly string[]).includes(code)) return guess(code);
  // Scripts the four do not use settle it whatever the statistics say.
  if (!/\p{Script=Latin}/u.test(text)) return guess(code || 'und');
  const scores = result.getScores();
  const top = Math.max(0, ...Object.values(scores));
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const needed = top * (letters < SHORT_LETTERS ? CLOSE_ENOUGH.short : CLOSE_ENOUGH.long);
  const votes = functionWordVotes(text);
  let best: CheckedLanguage | null = null;
  for (const language of CHECKED_LANGUAGES) {
    const score = scores[language] ?? 0;
    if (votes[language] === 0 || score < needed) continue;
    if (best === null || votes[language] > votes[best] || (votes[language] === votes[best] && score > (scores[best] ?? 0))) best = language;
  }
  return guess(best ?? (code || 'und'));
}
