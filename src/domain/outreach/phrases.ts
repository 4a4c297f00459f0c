import { spanOf } from './folded-text.js';
import type { FoldedText, TextSpan } from './folded-text.js';

/**
 * A small, predictable reader: cut a folded message into clauses, and find
 * phrases that are not negated within their own clause. Each language pack
 * supplies its words (clause breaks, negations, hedges, phrases); the
 * mechanics are shared here. It is not meant to understand a language, only
 * to be right on the messages of the corpus and to explain every hit.
 */

/** A phrase to look for, and what in front of it (same clause) cancels it. */
export interface PhrasePattern {
  /** Must carry the `g` flag: every occurrence is checked. */
  readonly re: RegExp;
  /** Tested on the clause text before the match, e.g. a question word that makes it curiosity. */
  readonly unlessBefore?: RegExp;
  /** Tested on the clause text after the match. */
  readonly unlessAfter?: RegExp;
  /** A negation in front does not cancel it ("I don't suppose there are any openings?"). */
  readonly negationProof?: boolean;
  /**
   * Only counts in a sentence that asks or wishes: tested on the whole
   * sentence, its closing "?" included. Lets a job word count in "any room
   * for a trainee?" and not in "I trained as a nurse.".
   */
  readonly inAsk?: RegExp;
}

/** How a language marks clause ends and negation. */
export interface ClauseRules {
  /** Extra clause boundaries (contrast words, …); sentence ends are shared. Needs `g`. */
  readonly breaks: RegExp;
  /** A negation in the clause before a phrase cancels it. */
  readonly negation: RegExp;
  /** Taken out before looking for a negation: "not sure whether" hedges rather than negates. Needs `g`. */
  readonly hedges: RegExp;
  /** Rewrites applied before reading (contractions spelled out, …); each needs `g`. */
  readonly rewrites?: readonly (readonly [RegExp, string])[];
  /** A sentence that asks or requests: a question mark, "could you", "I'd love", "if". */
  readonly asks: RegExp;
}

export interface Clause {
  readonly text: string;
  /** Offset of the clause in the folded text the reader works on. */
  readonly offset: number;
}

/**
 * Applies rewrites to a folded text and keeps the map to the original: every
 * character of a replacement points at the whole span it replaced.
 */
export function rewrite(folded: FoldedText, rules: readonly (readonly [RegExp, string])[] = []): FoldedText {
  let current = folded;
  for (const [re, replacement] of rules) {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    let last = 0;
    for (const match of current.text.matchAll(re)) {
      const at = match.index;
      text += current.text.slice(last, at);
      starts.push(...current.starts.slice(last, at));
      ends.push(...current.ends.slice(last, at));
      const replaced = match[0].replace(new RegExp(re.source, re.flags.replace('g', '')), replacement);
      const from = current.starts[at] ?? 0;
      const to = current.ends[at + match[0].length - 1] ?? from;
      text += replaced;
      for (let k = 0; k < replaced.length; k++) {
        starts.push(from);
        ends.push(to);
      }
      last = at + match[0].length;
    }
    text += current.text.slice(last);
    starts.push(...current.starts.slice(last));
    ends.push(...current.ends.slice(last));
    current = { source: folded.source, text, starts, ends };
  }
  return current;
}

// Sentence ends, brackets, and the opening marks of Spanish questions and exclamations.
const SENTENCE_BREAK = /[.!?;:\n]+(?=\s|$|["')\]])|[()\u00bf\u00a1\u2026]|\s[-]{1,2}\s|,\s*(?=["'])/g;

export function clausesOf(text: string, rules: ClauseRules): Clause[] {
  const cuts: [number, number][] = [];
  for (const re of [SENTENCE_BREAK, rules.breaks]) {
    for (const match of text.matchAll(re)) cuts.push([match.index, match.index + match[0].length]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const clauses: Clause[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.length > 0) clauses.push({ text: body, offset: start + lead });
  };
  for (const [start, end] of cuts) {
    if (start < from) {
      from = Math.max(from, end);
      continue;
    }
    push(from, start);
    from = end;
  }
  push(from, text.length);
  return clauses;
}

/**
 * True when the clause text before a phrase negates it. Hedges are blanked
 * out first, over the phrase too, since one may straddle it: in "no sabrás
 * de alguna vacante" the hedge "no sabrás" ends inside the match.
 */
export function isNegated(before: string, rules: ClauseRules, matched = ''): boolean {
  const masked = (before + matched).replace(rules.hedges, (hedge) => ' '.repeat(hedge.length));
  return rules.negation.test(masked.slice(0, before.length));
}

export interface PhraseHit {
  readonly span: TextSpan;
  /** Where the hit stands in the folded text the reader works on. */
  readonly at: { readonly start: number; readonly end: number };
  /** Index of the pattern that matched, for debugging and tests. */
  readonly pattern: number;
  /** The hit's sentence asks or requests something (ClauseRules.asks). */
  readonly asked: boolean;
}

const SENTENCE_END = /[.!?\n]/;

/** Where the sentence around [start, end) of the text begins and ends, its closing mark included. */
function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to] ?? '')) to++;
  return [from, Math.min(text.length, to + 1)];
}
const sentenceAround = (text: string, start: number, end: number): string => text.slice(...sentenceBounds(text, start, end));

/**
 * The folded sentence a hit stands in, without the hit's own words, and the
 * same with the sentences either side (what the sentence is about is often
 * said next to it: "Any vacancies still? I just need a bed.").
 */
export function sentenceAt(text: string, hit: PhraseHit): { sentence: string; around: string } {
  const { start, end } = hit.at;
  const [from, to] = sentenceBounds(text, start, end);
  const sentence = `${text.slice(from, start)} ${text.slice(end, to)}`;
  const before = from > 1 ? sentenceAround(text, from - 2, from - 1) : '';
  const after = to < text.length ? sentenceAround(text, to, to + 1) : '';
  return { sentence, around: `${before} ${sentence} ${after}` };
}

/** Every standing occurrence (not negated, not cancelled), in text order. */
export function findPhrases(reader: FoldedText, clauses: readonly Clause[], patterns: readonly PhrasePattern[], rules: ClauseRules): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (const clause of clauses) {
    for (const [index, pattern] of patterns.entries()) {
      for (const match of clause.text.matchAll(pattern.re)) {
        const before = clause.text.slice(0, match.index);
        const after = clause.text.slice(match.index + match[0].length);
        if (!pattern.negationProof && isNegated(before, rules, match[0])) continue;
        if (pattern.unlessBefore?.test(before)) continue;
        if (pattern.unlessAfter?.test(after)) continue;
        const start = clause.offset + match.index;
        const end = start + match[0].length;
        const sentence = sentenceAround(reader.text, start, end);
        if (pattern.inAsk && !pattern.inAsk.test(sentence)) continue;
        hits.push({ span: spanOf(reader, start, end), at: { start, end }, pattern: index, asked: rules.asks.test(sentence) });
      }
    }
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}

/** Builds a global regular expression from a template's raw source. */
export const re = (source: string): RegExp => new RegExp(source, 'g');
