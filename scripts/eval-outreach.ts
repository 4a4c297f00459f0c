// npm run eval:outreach [-- --part tuning|held-out] [--misses]
// Prints, per part and language, the precision and recall of each outreach
// check with its confusion counts, then the misses.
import { parseArgs } from 'node:util';
import { PARTS, TARGETS, evaluate, innocentFlagRate, loadCorpus, precision, recall } from './outreach-eval.js';
import type { Confusion, Figures, Part } from './outreach-eval.js';

const { values } = parseArgs({ options: { part: { type: 'string' }, misses: { type: 'boolean', default: true }, 'no-misses': { type: 'boolean' } } });
const parts = (values.part === undefined ? PARTS : PARTS.filter((p) => p === values.part)) as readonly Part[];
if (parts.length === 0) throw new Error(`--part must be one of ${PARTS.join(', ')}`);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const counts = (c: Confusion) => `tp ${c.tp} fp ${c.fp} fn ${c.fn} tn ${c.tn}`;
const row = (name: string, p: string, r: string, c: string) => `  ${name.padEnd(34)} ${p.padStart(9)} ${r.padStart(9)}   ${c}`;

const { figures, misses } = evaluate(loadCorpus().filter((line) => parts.includes(line.part)));

for (const part of parts) {
  const keys = [...figures.keys()].filter((k) => k.startsWith(`${part}/`)).sort((a, b) => (a.endsWith('/all') ? -1 : b.endsWith('/all') ? 1 : a.localeCompare(b)));
  for (const key of keys) {
    const f = figures.get(key) as Figures;
    console.log(`\n${key} — ${f.lines} messages`);
    console.log(row('check', 'precision', 'recall', 'counts'));
    console.log(row(`job_request refusal (≥${TARGETS.refusalPrecision * 100}% precise)`, pct(precision(f.refusal)), pct(recall(f.refusal)), counts(f.refusal)));
    console.log(row(`refusal or advisory (≥${TARGETS.flaggedRecall * 100}% recall)`, pct(precision(f.flagged)), pct(recall(f.flagged)), counts(f.flagged)));
    console.log(`  ${'innocent messages flagged (≤8%)'.padEnd(34)} ${pct(innocentFlagRate(f.flagged)).padStart(9)}`);
    console.log(row('mentorship_ask (≥85%)', pct(precision(f.mentorship)), pct(recall(f.mentorship)), counts(f.mentorship)));
    console.log(row('time named, minutes exact (≥95%)', pct(precision(f.time)), pct(recall(f.time)), counts(f.time)));
    console.log(row('time_ask_mismatch', pct(precision(f.mismatch)), pct(recall(f.mismatch)), counts(f.mismatch)));
    console.log(row('introducer named', pct(precision(f.introducer)), pct(recall(f.introducer)), counts(f.introducer)));
    console.log(row('message_not_checked', pct(precision(f.language)), pct(recall(f.language)), counts(f.language)));
    console.log(`  job label→tier: ${Object.entries(f.jobMatrix).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}

if (values.misses && !values['no-misses']) {
  console.log(`\nMisses (${misses.length})`);
  for (const m of misses) console.log(`  ${m.id.padEnd(12)} ${m.check.padEnd(11)} expected ${m.expected} · got ${m.got}\n      ${m.text.replace(/\s+/g, ' ').slice(0, 220)}`);
}
