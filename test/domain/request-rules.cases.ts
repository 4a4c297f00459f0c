import t from 'tap';
import { baseSnapshot, GOOD_MESSAGE, advisoryCodes, allCodes, run, violationCodes } from './fixtures.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'Twenty' : i === 1 ? 'minutes' : 'word')).join(' ');

t.test('too_many_topics: "one or two things"', async (t) => {
  t.notOk(violationCodes(run('prospect', 'request', { topics: ['a', 'b'] })).includes('too_many_topics'), '2 topics ok');
  const refused = run('prospect', 'request', { topics: ['a', 'b', 'c'] });
  t.match(refused, { ok: false, code: 'action_refused', violations: [{ rule: 'too_many_topics', field: 'topics' }] });
});

t.test('duration_out_of_range: "fifteen to thirty minutes", inclusive', async (t) => {
  for (const minutes of [14, 31, 1, 600]) {
    t.same(violationCodes(run('prospect', 'request', { requestedMinutes: minutes })), ['duration_out_of_range'], `${minutes} refused`);
  }
  for (const minutes of [15, 30, 20]) t.match(run('prospect', 'request', { requestedMinutes: minutes }), { ok: true }, `${minutes} ok`);
  const refused = run('prospect', 'request', { requestedMinutes: 31 });
  if (!refused.ok && refused.code === 'action_refused') {
    t.equal(refused.violations[0]?.field, 'requestedMinutes');
    t.match(refused.violations[0]?.message, /15 and 30 minutes/);
  }
});

t.test('job_request: "Don\'t ask for a job!"', async (t) => {
  t.same(violationCodes(run('prospect', 'request', { message: `${GOOD_MESSAGE} Also, is your team hiring?` })), ['job_request']);
  t.match(run('prospect', 'request', { message: `${GOOD_MESSAGE} I am not asking for a job.` }), { ok: true });
  t.match(run('prospect', 'request', { topics: ['Openings on your team'] }), { ok: false, violations: [{ rule: 'job_request', field: 'topics' }] });
  t.match(run('prospect', 'request', { message: undefined }), { ok: true }, 'no message, nothing to check');
});

t.test('phone_channel: "e-mail or a LinkedIn message are better"', async (t) => {
  const byPhone = run('prospect', 'request', { channel: 'phone', message: undefined });
  t.match(byPhone, { ok: true, advisories: [{ rule: 'phone_channel', field: 'channel' }] });
  for (const channel of ['email', 'linkedin', 'in_person', 'other'] as const) {
    t.notOk(advisoryCodes(run('prospect', 'request', { channel })).includes('phone_channel'), channel);
  }
});

t.test('cold_contact: "best to have had some kind of contact"', async (t) => {
  const cold = baseSnapshot({ contact: { name: 'Dana Whitfield', researchNotes: 'notes', howWeMet: null, introducedByName: '  ', introducerMayBeNamed: true } });
  t.same(advisoryCodes(run(cold, 'request')), ['cold_contact']);
  const introduced = baseSnapshot({ contact: { name: 'Dana Whitfield', researchNotes: 'notes', howWeMet: null, introducedByName: 'Priya Shah', introducerMayBeNamed: true } });
  t.notOk(allCodes(run(introduced, 'request', { message: `Priya suggested I write. ${GOOD_MESSAGE}` })).includes('cold_contact'));
  t.same(allCodes(run('prospect', 'request')), [], 'met before: no advisory');
});

t.test('introducer_not_named: "mention … who made the introduction"', async (t) => {
  const introduced = baseSnapshot({ contact: { name: 'Dana Whitfield', researchNotes: 'notes', howWeMet: null, introducedByName: 'Dr. Priya Shah', introducerMayBeNamed: true } });
  t.match(run(introduced, 'request'), { ok: true, advisories: [{ rule: 'introducer_not_named', field: 'message' }] });
  for (const mention of ['Priya', 'priya shah', 'PRIYA', 'Dr. Shah', "Priya's"]) {
    t.same(allCodes(run(introduced, 'request', { message: `${mention} suggested I write. ${GOOD_MESSAGE}` })), [], mention);
  }
  t.ok(allCodes(run(introduced, 'request', { message: `Priyanka suggested I write. ${GOOD_MESSAGE}` })).includes('introducer_not_named'), 'whole words only');
  t.notOk(allCodes(run(introduced, 'request', { message: undefined })).includes('introducer_not_named'), 'judged on a message only');
  const accented = baseSnapshot({ contact: { name: 'Dana', researchNotes: 'n', howWeMet: null, introducedByName: 'José Núñez', introducerMayBeNamed: true } });
  t.same(allCodes(run(accented, 'request', { message: `Jose Nunez suggested I write. ${GOOD_MESSAGE}` })), [], 'accents ignored');
});

t.test('no_research: "do your homework"', async (t) => {
  for (const researchNotes of [null, '', '   \n']) {
    const lazy = baseSnapshot({ contact: { name: 'Dana', researchNotes, howWeMet: 'Class visit', introducedByName: null, introducerMayBeNamed: true } });
    t.same(advisoryCodes(run(lazy, 'request')), ['no_research'], JSON.stringify(researchNotes));
  }
  t.notOk(advisoryCodes(run('prospect', 'request')).includes('no_research'));
});

t.test('message_too_long: more than 200 words', async (t) => {
  t.notOk(advisoryCodes(run('prospect', 'request', { message: words(200) })).includes('message_too_long'), '200 words ok');
  t.match(run('prospect', 'request', { message: words(201) }), { ok: true, advisories: [{ rule: 'message_too_long', field: 'message' }] });
  t.notOk(advisoryCodes(run('prospect', 'request', { message: `${words(200)} — !` })).includes('message_too_long'), 'punctuation is not a word');
});

t.test('time_ask_missing: say how much time you ask for', async (t) => {
  for (const ask of ['20 minutes', 'half an hour', 'fifteen minutes', 'a quick 15-minute call', '15–20 mins', 'twenty-five minutes', 'an hour', 'fifteen to thirty minutes']) {
    t.notOk(advisoryCodes(run('prospect', 'request', { message: `Could we talk for ${ask} next week?` })).includes('time_ask_missing'), ask);
  }
  for (const vague of ['a few minutes', 'a quick chat', 'a coffee', 'some time']) {
    t.ok(advisoryCodes(run('prospect', 'request', { message: `Could we have ${vague} next week?` })).includes('time_ask_missing'), vague);
  }
  t.notOk(advisoryCodes(run('prospect', 'request', { message: undefined })).includes('time_ask_missing'), 'no message, nothing to check');
});

t.test('mentorship_ask: "wait for the other person to suggest that"', async (t) => {
  t.match(run('prospect', 'request', { message: `${GOOD_MESSAGE} Would you be my mentor?` }), { ok: true, advisories: [{ rule: 'mentorship_ask' }] });
  t.match(run('prospect', 'request', { message: `${GOOD_MESSAGE} Could we meet every month after that?` }), { ok: true, advisories: [{ rule: 'mentorship_ask' }] });
  t.same(advisoryCodes(run('prospect', 'request')), []);
});

t.test('a refused request still carries its advisories', async (t) => {
  const decision = run('prospect', 'request', { channel: 'phone', topics: ['a', 'b', 'c'], requestedMinutes: 60, message: 'Are you hiring?' });
  t.same(violationCodes(decision).sort(), ['duration_out_of_range', 'job_request', 'too_many_topics']);
  t.same(advisoryCodes(decision).sort(), ['phone_channel', 'time_ask_missing']);
  if (!decision.ok && decision.code === 'action_refused') {
    for (const result of [...decision.violations, ...decision.advisories]) {
      t.match(result.message, /^[A-Z].*[.!]$/, `${result.rule} reads as one sentence`);
    }
  }
});
