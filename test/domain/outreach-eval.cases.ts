import t from 'tap';
import { TARGETS, evaluate, innocentFlagRate, loadCorpus, precision, recall } from '../../scripts/outreach-eval.js';

// The outreach checks' figures on the held-out part of the corpus, which
// nothing is tuned on. Accuracy on a fixed corpus is deterministic, so these
// are exact checks, not timings: a change to a rule that costs precision or
// recall on messages it was not written for fails here.

const lines = loadCorpus();
const { figures } = evaluate(lines);

t.test('the corpus: big enough, four languages, a fixed split', async (t) => {
  t.ok(lines.length >= 500, `${lines.length} messages`);
  for (const lang of ['es', 'fr', 'de']) {
    const count = lines.filter((l) => l.lang === lang).length;
    t.ok(count >= 60, `${count} ${lang} messages`);
  }
  for (const part of ['tuning', 'held-out'] as const) {
    const langs = new Set(lines.filter((l) => l.part === part).map((l) => l.lang));
    for (const lang of ['en', 'es', 'fr', 'de']) t.ok(langs.has(lang), `${part} has ${lang}`);
    t.ok([...langs].some((lang) => !['en', 'es', 'fr', 'de'].includes(lang)), `${part} has messages in other languages`);
  }
  // Held-out ids carry the tag "h" and were written by other authors: a line
  // moved between the parts shows up here.
  for (const line of lines) t.equal(/-h-\d+$/.test(line.id), line.part === 'held-out', `${line.id} sits in ${line.part}`);
});

t.test('held-out figures meet the targets', async (t) => {
  const f = figures.get('held-out/all');
  t.ok(f, 'held-out figures');
  if (!f) return;
  t.ok(precision(f.refusal) >= TARGETS.refusalPrecision, `job_request refusals ${(100 * precision(f.refusal)).toFixed(1)} % precise`);
  t.ok(recall(f.flagged) >= TARGETS.flaggedRecall, `refusal or advisory catch ${(100 * recall(f.flagged)).toFixed(1)} % of asks`);
  t.ok(innocentFlagRate(f.flagged) <= TARGETS.innocentFlagRate, `${(100 * innocentFlagRate(f.flagged)).toFixed(1)} % of innocent messages flagged`);
  t.ok(precision(f.mentorship) >= TARGETS.mentorship, `mentorship_ask ${(100 * precision(f.mentorship)).toFixed(1)} % precise`);
  t.ok(recall(f.mentorship) >= TARGETS.mentorship, `mentorship_ask ${(100 * recall(f.mentorship)).toFixed(1)} % recall`);
  t.ok(precision(f.time) >= TARGETS.time, `time named ${(100 * precision(f.time)).toFixed(1)} % precise (minutes exact)`);
  t.ok(recall(f.time) >= TARGETS.time, `time named ${(100 * recall(f.time)).toFixed(1)} % recall (minutes exact)`);
  t.equal(f.language.fn + f.language.fp, 0, 'every message in another language is reported as not checked, and none of the four is');
});
