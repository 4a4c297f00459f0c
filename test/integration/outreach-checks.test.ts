import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import type { Tenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, interview, seeker } from '../helpers/fixtures.js';

// The outreach checks through the request, thank and follow-up actions over
// REST: what refuses, what only coaches, where each hit is in the text, and
// that a refusal changes nothing.

interface Hit {
  rule: string;
  field?: string;
  message?: string;
  match?: { text: string; start: number; end: number };
}

async function request(a: Tenant, message: string, extra: Record<string, unknown> = {}) {
  const iv = await interview(a);
  const res = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, payload: { ...GOOD_REQUEST, message, ...extra } });
  return { iv, res, body: res.json<{ advisories?: Hit[]; violations?: Hit[]; interview?: { state: string } }>() };
}

const rules = (hits: Hit[] | undefined) => (hits ?? []).map((h) => h.rule).sort();

t.test('a plain job ask refuses, with the phrase and where it is; nothing changes', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const message = 'Hi Pat, could I have 20 minutes of your time? Also, are there any openings on your team?';
  const { iv, res, body } = await request(a, message);
  t.equal(res.statusCode, 422);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const hit = body.violations?.find((v) => v.rule === 'job_request');
  t.ok(hit, 'job_request refuses');
  t.equal(hit?.field, 'message');
  t.equal(message.slice(hit?.match?.start, hit?.match?.end), hit?.match?.text, 'the offsets point at the matched words');
  t.match(hit?.match?.text, /any openings/i);
  const after = await a.call({ method: 'GET', url: `/v1/interviews/${iv.id}` });
  t.equal(after.json().state, 'prospect');
  const events = await a.call({ method: 'GET', url: `/v1/interviews/${iv.id}/events` });
  t.same(events.json().data.map((e: { type: string }) => e.type), ['interview.created'], 'no event for a refusal');
});

t.test('a hint only coaches: possible_job_request, and the request goes through', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const message = 'Hi Pat, could we talk for 20 minutes about on-call work? Is the platform team growing this year by any chance?';
  const { res, body } = await request(a, message);
  t.equal(res.statusCode, 200);
  t.equal(body.interview?.state, 'requested');
  const hit = body.advisories?.find((h) => h.rule === 'possible_job_request');
  t.ok(hit);
  t.equal(message.slice(hit?.match?.start, hit?.match?.end), hit?.match?.text);
});

t.test('scheduling words, the recommended referral and a book are not job asks', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  for (const message of [
    'Hi Pat, do you have any openings in your schedule for a 20-minute chat next week?',
    'Hi Pat, could I have 20 minutes of your time? No worries at all if something comes up.',
    'Hi Pat, could I have 20 minutes? I would also like to ask for a referral to anyone else in your network I should talk to.',
    'Hi Pat, could we talk for 20 minutes, and could you recommend me a good book on data engineering?',
  ]) {
    const { res, body } = await request(a, message);
    t.equal(res.statusCode, 200, message);
    t.same(rules(body.advisories).filter((r) => r.includes('job')), [], `no job advice: ${message}`);
  }
});

t.test('Spanish, French and German asks are read; other languages are said to be unchecked', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  for (const message of [
    'Hola Pat, ¿tendrías 20 minutos para una llamada? Y por cierto, ¿hay alguna vacante en tu equipo?',
    'Bonjour Pat, auriez-vous 20 minutes pour un appel ? Et recrutez-vous en ce moment ?',
    'Hallo Pat, hätten Sie 20 Minuten für ein Gespräch? Und stellen Sie gerade ein?',
  ]) {
    const { res, body } = await request(a, message);
    t.equal(res.statusCode, 422, message);
    t.same(rules(body.violations), ['job_request'], message);
  }
  const italian = await request(a, 'Ciao Pat, avresti 20 minuti per una chiacchierata sul tuo lavoro? Ci sono posizioni aperte nel tuo team?');
  t.equal(italian.res.statusCode, 200, 'not refused: it could not be read');
  const unchecked = italian.body.advisories?.find((h) => h.rule === 'message_not_checked');
  t.match(unchecked?.message, /Italian/);
  t.notOk(italian.body.advisories?.some((h) => h.rule === 'time_ask_missing'), 'no judgement on a text it cannot read');
});

t.test('time named: missing, and different from requestedMinutes', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const none = await request(a, 'Hi Pat, could we have a quick chat about data engineering sometime?');
  t.ok(rules(none.body.advisories).includes('time_ask_missing'));
  const range = await request(a, 'Hi Pat, could you spare 15 to 20 minutes to talk about data engineering?');
  t.same(rules(range.body.advisories), [], '15 to 20 minutes contains the 20 requested');
  const message = 'Hi Pat, could you spare half an hour to talk about data engineering?';
  const hour = await request(a, message, { requestedMinutes: 20 });
  const mismatch = hour.body.advisories?.find((h) => h.rule === 'time_ask_mismatch');
  t.ok(mismatch);
  t.equal(mismatch?.match?.text, 'half an hour');
  t.match(mismatch?.message, /30 minutes/);
  const spent = await request(a, 'Hi Pat, I spent 3 hours reading your blog. Could we have a quick chat about it?');
  t.ok(rules(spent.body.advisories).includes('time_ask_missing'), 'reading time is not the meeting length');
});

t.test('introducer: named by a short form, and never nagged when they asked not to be named', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const s = await seeker(a);
  const robert = await contact(a, { name: 'Robert Chen', howWeMet: null });
  const make = async (mayUseName: boolean) => {
    const c = await contact(a, { introducedById: robert.id, mayUseName, howWeMet: null });
    const res = await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.id, contactId: c.id, topics: ['data'], questions: ['How?'] } });
    return res.json<{ id: string }>().id;
  };
  const ask = (id: string, message: string) => act(a, id, 'request', { ...GOOD_REQUEST, message });
  t.notOk(rules((await ask(await make(true), 'Bob suggested I write. Could I have 20 minutes of your time?')).advisories).includes('introducer_not_named'), 'Bob names Robert');
  t.ok(rules((await ask(await make(true), 'I hope you are well. Could I have 20 minutes of your time?')).advisories).includes('introducer_not_named'));
  t.notOk(rules((await ask(await make(false), 'I hope you are well. Could I have 20 minutes of your time?')).advisories).includes('introducer_not_named'), 'mayUseName false: no advice to name them');
});

async function metInterview(a: Tenant, clock: { now: Date }) {
  const iv = await interview(a);
  await act(a, iv.id, 'request', GOOD_REQUEST);
  await act(a, iv.id, 'schedule', { scheduledAt: '2026-12-08T15:00:00Z', mode: 'phone', durationMinutes: 20 });
  clock.now = new Date('2026-12-05T12:00:00Z');
  await act(a, iv.id, 'confirm', {});
  clock.now = new Date('2026-12-08T16:00:00Z');
  await act(a, iv.id, 'meet', { heldAt: '2026-12-08T15:00:00Z', actualMinutes: 20, askedForReferral: true });
  clock.now = new Date('2026-12-09T09:00:00Z');
  return iv;
}

t.test('after the meeting: a job ask in a note coaches, a favour in a follow-up counts as a request', async (t) => {
  const { app, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const iv = await metInterview(a, clock);
  const note = 'Thanks so much for your time! Are there any openings on your team?';
  const thanked = await act(a, iv.id, 'thank', { channel: 'email', note });
  t.equal(thanked.interview.state, 'thanked', 'not refused');
  const hit = (thanked.advisories as Hit[]).find((h) => h.rule === 'job_request');
  t.equal(hit?.field, 'note');
  t.equal(note.slice(hit?.match?.start, hit?.match?.end), hit?.match?.text);

  clock.now = new Date('2027-02-15T09:00:00Z');
  const followed = await act(a, iv.id, 'follow-up', { channel: 'email', kind: 'update', note: 'I finished the course. Could you introduce me to your colleague in analytics?' });
  const soon = (followed.advisories as Hit[]).find((h) => h.rule === 'request_too_soon');
  t.ok(soon, 'a favour asked before two follow-ups, without containsRequest');
  t.equal(soon?.field, 'note');
  clock.now = new Date('2027-05-15T09:00:00Z');
  const plain = await act(a, iv.id, 'follow-up', { channel: 'email', kind: 'update', note: 'I started the job in March and wanted to say thank you again.' });
  t.same(plain.advisories, [], 'an update asks for nothing');
});
