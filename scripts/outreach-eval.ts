// Measures the outreach checks against the labelled corpus in
// test/domain/corpus (see its README). Shared by `npm run eval:outreach`,
// which prints the figures, and test/domain/outreach-eval.test.ts, which pins
// the held-out targets.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { personMention, readMessage } from '../src/domain/index.js';

export const CORPUS_DIR = join(import.meta.dirname, '../test/domain/corpus');
export const PARTS = ['tuning', 'held-out'] as const;
export type Part = (typeof PARTS)[number];

const lineSchema = z.strictObject({
  id: z.string().min(1),
  lang: z.string().regex(/^[a-z]{2}$/),
  action: z.enum(['request', 'thank', 'follow_up']),
  text: z.string().min(1),
  job: z.enum(['clear', 'hedged', 'none']),
  mentorship: z.boolean(),
  minutes: z.union([z.tuple([z.number()]), z.tuple([z.number(), z.number()])]).nullable(),
  requestedMinutes: z.number().int().optional(),
  introducer: z.strictObject({ name: z.string().min(1), mayUseName: z.boolean(), named: z.boolean() }).nullable(),
  note: z.string().optional(),
});
export type CorpusLine = z.infer<typeof lineSchema> & { part: Part; file: string };

export function loadCorpus(): CorpusLine[] {
  const lines: CorpusLine[] = [];
  const ids = new Set<string>();
  for (const part of PARTS) {
    const dir = join(CORPUS_DIR, part);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort()) {
      const rows = readFileSync(join(dir, file), 'utf8').split('\n').filter((row) => row.trim() !== '');
      for (const [index, row] of rows.entries()) {
        const parsed = lineSchema.safeParse(JSON.parse(row));
        if (!parsed.success) throw new Error(`${part}/${file}:${index + 1}: ${parsed.error.message}`);
        if (ids.has(parsed.data.id)) throw new Error(`${part}/${file}:${index + 1}: duplicate id ${parsed.data.id}`);
        ids.add(parsed.data.id);
        lines.push({ ...parsed.data, part, file: `${part}/${file}` });
      }
    }
  }
  return lines;
}

/** Counts of a yes/no judgement. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const empty = (): Confusion => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
function tally(c: Confusion, truth: boolean, predicted: boolean): void {
  if (truth && predicted) c.tp++;
  else if (!truth && predicted) c.fp++;
  else if (truth && !predicted) c.fn++;
  else c.tn++;
}
/** Precision and recall; an empty denominator counts as perfect (nothing claimed, nothing missed). */
export const precision = (c: Confusion): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Confusion): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

export interface Miss {
  id: string;
  check: string;
  expected: string;
  got: string;
  text: string;
}

export interface Figures {
  lines: number;
  /** Refusals: request messages only (a job ask in a note coaches, it never refuses); predicted `clear`, truth: any ask. */
  refusal: Confusion;
  /** Either tier; truth: any ask. */
  flagged: Confusion;
  /** Label × prediction, e.g. `hedged→possible`. */
  jobMatrix: Record<string, number>;
  mentorship: Confusion;
  /** Request lines: a length named and extracted exactly (a wrong length is a false positive and a miss). */
  time: Confusion;
  /** Request lines with a length: does `time_ask_mismatch` fire when it should. */
  mismatch: Confusion;
  /** Lines with an introducer: is the mention found. */
  introducer: Confusion;
  /** Lines in other languages: reported as not checked; lines in the four: read. */
  language: Confusion;
}

function emptyFigures(): Figures {
  return { lines: 0, refusal: empty(), flagged: empty(), jobMatrix: {}, mentorship: empty(), time: empty(), mismatch: empty(), introducer: empty(), language: empty() };
}

const CHECKED = new Set(['en', 'es', 'fr', 'de']);
const range = (m: readonly number[] | null) => (m === null ? 'none' : m.length === 1 || m[0] === m[1] ? `${m[0]}` : `${m[0]}-${m[1]}`);
const outside = (m: readonly number[], n: number) => n < (m[0] ?? 0) || n > (m.at(-1) ?? 0);

/** Figures per part and language (`all` for every language), and the misses. */
export function evaluate(lines: readonly CorpusLine[]): { figures: Map<string, Figures>; misses: (Miss & { part: Part; lang: string })[] } {
  const figures = new Map<string, Figures>();
  const misses: (Miss & { part: Part; lang: string })[] = [];
  const at = (key: string) => {
    let f = figures.get(key);
    if (f === undefined) figures.set(key, (f = emptyFigures()));
    return f;
  };
  for (const line of lines) {
    const reading = readMessage(line.text);
    const targets = [at(`${line.part}/all`), at(`${line.part}/${CHECKED.has(line.lang) ? line.lang : 'other'}`)];
    const miss = (check: string, expected: string, got: string) => misses.push({ id: line.id, part: line.part, lang: line.lang, check, expected, got, text: line.text });
    const each = (fn: (f: Figures) => void) => targets.forEach(fn);
    each((f) => f.lines++);

    const readable = CHECKED.has(line.lang);
    each((f) => tally(f.language, !readable, !reading.language.checked));
    if (readable !== reading.language.checked) miss('language', line.lang, reading.language.code);
    if (!readable) continue;

    const ask = line.job !== 'none';
    const tier = reading.jobAsk?.tier ?? 'none';
    each((f) => {
      if (line.action === 'request') tally(f.refusal, ask, tier === 'clear');
      tally(f.flagged, ask, tier !== 'none');
      const key = `${line.job}→${tier}`;
      f.jobMatrix[key] = (f.jobMatrix[key] ?? 0) + 1;
    });
    if ((line.job === 'none') !== (tier === 'none') || (line.job === 'clear' && tier !== 'clear') || (line.job === 'none' && tier === 'clear')) {
      if (!(line.job === 'hedged' && tier !== 'none')) miss('job', line.job, `${tier}${reading.jobAsk ? ` "${reading.jobAsk.span.text}"` : ''}`);
    }

    const mentor = reading.mentorshipAsk !== null;
    each((f) => tally(f.mentorship, line.mentorship, mentor));
    if (mentor !== line.mentorship) miss('mentorship', String(line.mentorship), mentor ? `"${reading.mentorshipAsk?.text}"` : 'none');

    if (line.action === 'request') {
      const found = reading.duration === null ? null : [reading.duration.min, reading.duration.max];
      const exact = found !== null && line.minutes !== null && range(found) === range(line.minutes);
      each((f) => {
        if (exact) f.time.tp++;
        else {
          if (found !== null) f.time.fp++;
          if (line.minutes !== null) f.time.fn++;
          if (found === null && line.minutes === null) f.time.tn++;
        }
      });
      if (!exact && !(found === null && line.minutes === null)) miss('minutes', range(line.minutes), `${range(found)}${reading.duration ? ` "${reading.duration.span.text}"` : ''}`);
      if (line.minutes !== null && line.requestedMinutes !== undefined) {
        const truth = outside(line.minutes, line.requestedMinutes);
        const predicted = found !== null && outside(found, line.requestedMinutes);
        each((f) => tally(f.mismatch, truth, predicted));
      }
    }

    if (line.introducer !== null) {
      const mention = personMention(line.text, line.introducer.name);
      const named = mention !== null;
      each((f) => tally(f.introducer, line.introducer?.named ?? false, named));
      if (named !== line.introducer.named) miss('introducer', `${line.introducer.name}: ${line.introducer.named ? 'named' : 'not named'}`, typeof mention === 'object' && mention !== null ? `"${mention.text}"` : String(mention));
    }
  }
  return { figures, misses };
}

/** The held-out targets of the outreach checks. */
export const TARGETS = {
  refusalPrecision: 0.98,
  flaggedRecall: 0.9,
  innocentFlagRate: 0.08,
  mentorship: 0.85,
  time: 0.95,
} as const;

export const innocentFlagRate = (c: Confusion): number => (c.fp + c.tn === 0 ? 0 : c.fp / (c.fp + c.tn));
