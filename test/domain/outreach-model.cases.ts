import { readFileSync } from 'node:fs';
import t from 'tap';
import { MODEL_THRESHOLD, scoreJobAsk } from '../../src/domain/outreach/job-ask-model.js';
import { WEIGHTS_FILE, crossValidatedThreshold, render, train, tuningLines } from '../../scripts/train-outreach-model.js';
import { foldText } from '../../src/domain/outreach/folded-text.js';
import { jobAskFeatures } from '../../src/domain/outreach/job-ask-model.js';

// The word model behind some possible_job_request hints is data trained by a
// script: it must come from the tuning part only, the same run must give the
// same weights, and its threshold must be the one cross-validation picks.

const lines = tuningLines();
const rows = lines.map((l) => ({ features: jobAskFeatures(foldText(l.text).text, l.lang).map((f) => f.key), ask: l.job !== 'none' }));

t.test('trained on the tuning part only', async (t) => {
  t.ok(lines.length > 500);
  t.notOk(lines.some((l) => l.part !== 'tuning'), 'no held-out message reaches the training');
});

t.test('training is reproducible: a fresh run gives the shipped weights', async (t) => {
  t.equal(render(train(rows)), readFileSync(WEIGHTS_FILE, 'utf8'));
});

t.test('the threshold is the one cross-validation on the tuning part picks', async (t) => {
  t.equal(crossValidatedThreshold(lines).threshold, MODEL_THRESHOLD);
});

t.test('scores explain themselves with a phrase from the text', async (t) => {
  const text = 'Hi Pat, I am finishing my degree and wondered whether your team is growing and needs anyone next year? Could we talk?';
  const { probability, span } = scoreJobAsk(text, 'en');
  t.ok(probability > 0 && probability < 1);
  t.ok(span);
  if (span) t.equal(text.slice(span.start, span.end), span.text);
});
