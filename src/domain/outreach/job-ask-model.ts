import { foldText, spanOf } from './folded-text.js';
import type { TextSpan } from './folded-text.js';
import { JOB_ASK_WEIGHTS } from './job-ask-weights.js';

/**
 * A second opinion for the hint tier: a logistic regression over the words
 * and word pairs of a message, trained by `npm run outreach:train` on the
 * tuning part of the corpus only (scripts/train-outreach-model.ts), and
 * shipped as data in job-ask-weights.ts. The phrase packs explain most hits;
 * this catches hints phrased in ways no pack names yet. It never refuses: a
 * score at or above MODEL_THRESHOLD is a `possible_job_request`, and the
 * phrase shown is the word pair that weighed most towards it.
 *
 * The threshold was chosen on the tuning part by five-fold cross-validation:
 * the lowest score at which the phrases and the model together flag no more
 * than 1.5 points more innocent messages than the phrases alone.
 */

export const MODEL_THRESHOLD = 0.9;
/** Below this many words (a topic, a one-line question) there is too little for a word model to go on. */
const MIN_WORDS = 15;

export interface ModelFeature {
  readonly key: string;
  /** Folded-text offsets of the feature's first occurrence. */
  readonly start: number;
  readonly end: number;
}

/** Words and adjacent word pairs of a folded text, prefixed by language, each once. */
export function jobAskFeatures(folded: string, language: string): ModelFeature[] {
  const words = [...folded.matchAll(/\p{L}+/gu)];
  const seen = new Map<string, ModelFeature>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    const start = word.index;
    const unigram = `${language}:${word[0]}`;
    if (!seen.has(unigram)) seen.set(unigram, { key: unigram, start, end: start + word[0].length });
    const next = words[i + 1];
    if (next) {
      const bigram = `${language}:${word[0]}_${next[0]}`;
      if (!seen.has(bigram)) seen.set(bigram, { key: bigram, start, end: next.index + next[0].length });
    }
  }
  return [...seen.values()];
}

/** A feature with at least one word of four letters or more: "hiring", "your_team", not "for_the". */
const meaningful = (key: string) => key.slice(key.indexOf(':') + 1).split('_').some((word) => word.length >= 4);

export interface ModelScore {
  readonly probability: number;
  /** The feature that weighed most towards an ask, where it stands in the original text. */
  readonly span: TextSpan | null;
}

export function scoreJobAsk(text: string, language: string, weights: Readonly<Record<string, number>> = JOB_ASK_WEIGHTS.weights, bias = JOB_ASK_WEIGHTS.bias): ModelScore {
  const folded = foldText(text);
  const features = jobAskFeatures(folded.text, language);
  let z = bias;
  let strongest: ModelFeature | null = null;
  let strongestWeight = 0;
  for (const feature of features) {
    const w = weights[feature.key] ?? 0;
    z += w;
    // The explanation is a word or pair a reader can see meaning in, not "if" or "the".
    if (w > strongestWeight && meaningful(feature.key)) [strongest, strongestWeight] = [feature, w];
  }
  return { probability: 1 / (1 + Math.exp(-z)), span: strongest ? spanOf(folded, strongest.start, strongest.end) : null };
}

/** The model's hint, or null: only on texts long enough to judge. */
export function modelJobHint(text: string, language: string, words: number): TextSpan | null {
  if (words < MIN_WORDS) return null;
  const { probability, span } = scoreJobAsk(text, language);
  return probability >= MODEL_THRESHOLD ? span : null;
}
