import { namedDuration } from './durations.js';
import type { NamedDuration } from './durations.js';
import { foldText } from './folded-text.js';
import type { TextSpan } from './folded-text.js';
import { modelJobHint } from './job-ask-model.js';
import { identifyLanguage } from './language.js';
import type { CheckedLanguage, LanguageGuess } from './language.js';
import { DE } from './packs/de.js';
import { EN } from './packs/en.js';
import { ES } from './packs/es.js';
import { FR } from './packs/fr.js';
import type { LanguagePack } from './packs/pack.js';
import { clausesOf, findPhrases, rewrite, sentenceAt } from './phrases.js';
import type { PhraseHit } from './phrases.js';

/**
 * Everything the outreach checks need from one message, read once: its
 * language, its length in words, and the phrases that ask for a job, for
 * mentoring or for a favour, with where they are. A checker is a function
 * of the text alone; the guards decide what each finding means for an
 * action under a policy.
 */

const PACKS: Readonly<Record<CheckedLanguage, LanguagePack>> = { en: EN, es: ES, fr: FR, de: DE };

export type JobAskTier = 'clear' | 'possible';

export interface MessageReading {
  readonly language: LanguageGuess;
  /** Words as `Intl.Segmenter` counts them, so Chinese and Japanese are counted too. */
  readonly words: number;
  /**
   * The first job ask, its tier the strongest found (`by` says whether a
   * phrase or the word model found it). Null when none, or when the language
   * is not read.
   */
  readonly jobAsk: { readonly tier: JobAskTier; readonly span: TextSpan; readonly by: 'phrase' | 'model' } | null;
  readonly mentorshipAsk: TextSpan | null;
  /** Any ask for a favour, a job ask included. */
  readonly favourAsk: TextSpan | null;
  /** The length of the meeting the message names. */
  readonly duration: NamedDuration | null;
}

export function countWords(text: string, language = 'und'): number {
  const segmenter = new Intl.Segmenter(language === 'und' ? undefined : language, { granularity: 'word' });
  let words = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words += 1;
  return words;
}

function readIn(text: string, code: CheckedLanguage, plainAskAnywhere = false): Omit<MessageReading, 'language' | 'words'> {
  const pack = PACKS[code];
  const reader = rewrite(foldText(text), pack.clauses.rewrites);
  const clauses = clausesOf(reader.text, pack.clauses);
  const find = (patterns: LanguagePack['jobClear']) => findPhrases(reader, clauses, patterns, pack.clauses)[0]?.span ?? null;
  // A plain ask refuses only in a sentence that asks or requests; the same
  // words in a statement ("I saw you are hiring") are only a hint.
  // Job words about something that is not a job ("any openings for new
  // patients?", "a place for me in the choir") are no ask at all; and in a
  // message framed as research or reporting a plain ask only coaches.
  const aboutAJob = (hit: PhraseHit) => {
    const { sentence, around } = sentenceAt(reader.text, hit);
    return !pack.notAJob.test(around) || pack.jobWords.test(sentence);
  };
  const research = pack.research.test(reader.text);
  const clearHits = findPhrases(reader, clauses, pack.jobClear, pack.clauses).filter(aboutAJob);
  const clear = research ? null : (clearHits.find((hit) => hit.asked || plainAskAnywhere)?.span ?? null);
  const possible = clear === null ? (clearHits[0]?.span ?? findPhrases(reader, clauses, pack.jobPossible, pack.clauses).filter(aboutAJob)[0]?.span ?? null) : null;
  const jobAsk = clear !== null ? { tier: 'clear' as const, span: clear, by: 'phrase' as const } : possible !== null ? { tier: 'possible' as const, span: possible, by: 'phrase' as const } : null;
  return {
    jobAsk,
    mentorshipAsk: find(pack.mentorship),
    favourAsk: jobAsk?.span ?? find(pack.favour),
    duration: namedDuration(reader, code),
  };
}

/**
 * What the phrase packs alone find (the word model's training compares
 * against this). A topic is a noun phrase, not a sentence: "Openings on your
 * team" names a plain ask without asking anything, so for topics a plain ask
 * counts wherever it stands.
 */
export function readPhrases(text: string, kind: 'message' | 'topic' = 'message'): MessageReading {
  const language = identifyLanguage(text);
  const code: CheckedLanguage | null = language.checked ? (language.code === 'und' ? 'en' : (language.code as CheckedLanguage)) : null;
  const found = code === null ? { jobAsk: null, mentorshipAsk: null, favourAsk: null, duration: null } : readIn(text, code, kind === 'topic');
  return { language, words: countWords(text, language.code), ...found };
}

// Guards read the same message several times per decision; keep the last few readings.
const recent = new Map<string, MessageReading>();
const RECENT_LIMIT = 16;

/** The phrases' reading, with the word model's hint where the phrases found no job ask. */
export function readMessage(text: string): MessageReading {
  const known = recent.get(text);
  if (known !== undefined) return known;
  let reading = readPhrases(text);
  if (reading.jobAsk === null && reading.language.checked && reading.language.code !== 'und') {
    const hint = modelJobHint(text, reading.language.code, reading.words);
    if (hint !== null) reading = { ...reading, jobAsk: { tier: 'possible', span: hint, by: 'model' }, favourAsk: reading.favourAsk ?? hint };
  }
  recent.set(text, reading);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  return reading;
}
