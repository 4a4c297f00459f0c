import pg from 'pg';
import t, { type Test } from 'tap';
import type { Database } from '../../src/db/database.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant, type Tenant, type TestApp } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { buildWebhookApp, createEndpoint, days, hours, receiver, testWorker } from '../helpers/webhooks.js';
import { schedulerFor } from '../reminders/helpers.js';

// A seeker's export and erasure. One seeker with distinctive values in every
// place a person's data can land — the seeker row, interviews in several
// states, their events (reminders included), an updated record's `changes`,
// a saved Idempotency-Key answer, a receiver's error text in the webhook
// delivery log, a calendar token — is exported, then erased; then every
// text, varchar, json, jsonb and text[] column of every table is searched for
// each value, and must not hold it anywhere.

const NOW = new Date('2026-12-01T12:00:00Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const SEEKER = { name: 'Zyx Quorra', email: 'zyx.quorra@example.edu', externalId: 'ext-quorra-77', notes: 'quorra-secret seeker notes' };
// Each value the erasure must leave nowhere; 'quorra' alone covers them all.
const ERASED_VALUES = ['quorra', 'Zyx Quorra', 'zyx.quorra@example.edu', 'ext-quorra-77', 'quorra-secret'];
const TEXTS = [
  'quorra-secret seeker notes', 'quorra-secret seeker notes, revised', 'quorra-secret topic', 'quorra-secret question one?', 'quorra-secret question two?',
  'quorra-secret interview notes', 'quorra-secret request message', 'https://meet.example/quorra-secret', 'quorra-secret reschedule reason',
  'quorra-secret meeting notes', 'quorra-secret thank-you note', 'quorra-secret follow-up note', 'quorra-secret cancel reason',
  'quorra-secret cafe, 1 Main St', 'quorra-secret decline reason', 'quorra-secret fourth message',
];

/** Every text-like column of every table in the database: `table.column` → rows whose value contains `needle`. */
async function hits(db: Database, needle: string): Promise<string[]> {
  const columns = await db.sql.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema()
       AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
     ORDER BY c.table_name, c.column_name`,
  );
  const found: string[] = [];
  for (const c of columns) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text ILIKE $1`, [`%${needle}%`]);
    if (row!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

/** The one row a query answers. */
async function one<T>(db: Database, text: string, params: unknown[]): Promise<T> {
  return (await db.sql.query<T>(text, params))[0]!;
}

async function ok(t: Test, a: Tenant, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Json, headers?: Record<string, string>) {
  const res = await a.call({ method, url, ...(payload && { payload }), ...(headers && { headers }) });
  if (res.statusCode >= 300) t.fail(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<Json>();
}

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

interface Scenario {
  ta: TestApp;
  a: Tenant;
  seekerId: string;
  token: string;
  interviews: { i1: string; i2: string; i3: string; i4: string; referral: string };
  okReceiver: Awaited<ReturnType<typeof receiver>>;
}

/** The seeker and their history; the clock ends 22 days on. */
async function scenario(t: Test): Promise<Scenario> {
  const ta = await buildWebhookApp(t, { now: new Date(NOW) });
  const a = await createTenant(ta.app);
  const okReceiver = await receiver(t);
  const badReceiver = await receiver(t);
  // A receiver that quotes what it was sent in its error: the delivery log keeps that text.
  badReceiver.answer = (r) => ({ status: 500, body: `cannot store ${(JSON.parse(r.body) as Json).data.seeker?.name ?? 'it'}` });
  await createEndpoint(a, { url: okReceiver.url });
  await createEndpoint(a, { url: badReceiver.url });

  const s = await ok(t, a, 'POST', '/v1/seekers', SEEKER, { 'idempotency-key': 'create-zyx' });
  await ok(t, a, 'PATCH', `/v1/seekers/${s.id}`, { notes: 'quorra-secret seeker notes, revised' });
  const { token } = await ok(t, a, 'POST', `/v1/seekers/${s.id}/calendar-token`);
  const pat = await contact(a);
  const sam = await contact(a, { name: 'Sam Okafor', howWeMet: 'Career fair' });

  const create = (contactId: string, body: Json = {}, key?: string) =>
    ok(t, a, 'POST', '/v1/interviews', { seekerId: s.id, contactId, ...body }, key ? { 'idempotency-key': key } : undefined);
  const i1 = await create(pat.id, { topics: ['quorra-secret topic'], questions: ['quorra-secret question one?'], notes: 'quorra-secret interview notes' }, 'create-i1');
  const i2 = await create(sam.id);
  const i3 = await create(sam.id);
  const i4 = await create(pat.id);

  await ok(t, a, 'PATCH', `/v1/interviews/${i1.id}`, { questions: ['quorra-secret question one?', 'quorra-secret question two?'] });
  await act(a, i1.id, 'request', { ...GOOD_REQUEST, topics: ['quorra-secret topic'], message: `${GOOD_REQUEST.message} quorra-secret request message` });
  await act(a, i1.id, 'schedule', { scheduledAt: at(days(5)), mode: 'video', location: 'https://meet.example/quorra-secret', durationMinutes: 20 });
  await act(a, i1.id, 'reschedule', { scheduledAt: at(days(6)), reason: 'quorra-secret reschedule reason' });
  await act(a, i1.id, 'confirm', { channel: 'email' });

  await act(a, i2.id, 'request', { ...GOOD_REQUEST, channel: 'linkedin', topics: ['quorra-secret topic'] });
  await act(a, i2.id, 'cancel', { reason: 'quorra-secret cancel reason' });
  await act(a, i3.id, 'request', GOOD_REQUEST);
  await act(a, i3.id, 'schedule', { scheduledAt: at(days(10)), mode: 'in_person', location: 'quorra-secret cafe, 1 Main St' });
  await act(a, i3.id, 'decline', { reason: 'quorra-secret decline reason' });
  await act(a, i4.id, 'request', { ...GOOD_REQUEST, message: `${GOOD_REQUEST.message} quorra-secret fourth message` });

  ta.clock.now = new Date(NOW.getTime() + days(6) + hours(1));
  await act(a, i1.id, 'meet', { actualMinutes: 20, notes: 'quorra-secret meeting notes', askedForReferral: true });
  await act(a, i1.id, 'thank', { channel: 'email', note: 'quorra-secret thank-you note' });
  await act(a, i1.id, 'follow-up', { channel: 'email', kind: 'update', note: 'quorra-secret follow-up note' });
  const referred = await act(a, i1.id, 'add-referral', { name: 'Lee Referral', organization: 'Beta Labs', note: 'refnote-zeta: met at the panel' });

  // i4's request lapses: a reminder (and the expire action) from the scheduler.
  ta.clock.now = new Date(NOW.getTime() + days(22));
  await schedulerFor(ta.db, ta.clock).tick();
  await testWorker(t, ta).drain();

  const referral = (referred as Json).referral.interview.id as string;
  return { ta, a, seekerId: s.id, token, interviews: { i1: i1.id, i2: i2.id, i3: i3.id, i4: i4.id, referral }, okReceiver };
}

async function eventsOf(db: Database, institutionId: string, seekerId: string) {
  return db.sql.query<{ id: string; type: string; interview_id: string | null; data: Json }>(
    `SELECT id, type, interview_id, data FROM events WHERE institution_id = $1
       AND (interview_id IN (SELECT id FROM interviews WHERE seeker_id = $2) OR (subject_type = 'seeker' AND subject_id = $2))
     ORDER BY sequence`,
    [institutionId, seekerId],
  );
}

// What reports read: states, channels, times, durations, counts, flags, and which rules each event advised.
const REPORT_FIELDS = [
  'id', 'seekerId', 'contactId', 'state', 'requestChannel', 'requestedMinutes', 'requestedAt', 'scheduledAt', 'durationMinutes', 'mode',
  'rescheduleCount', 'confirmedAt', 'confirmChannel', 'heldAt', 'actualMinutes', 'extendedByInterviewee', 'askedForReferral', 'thankedAt',
  'thankYouChannel', 'followUpCount', 'lastContactAt', 'endedAt', 'referredFromInterviewId', 'createdAt',
];
const reportFacts = (list: Json[]) => list.map((iv) => Object.fromEntries(REPORT_FIELDS.map((f) => [f, iv[f]])));
const eventFacts = (events: { id: string; type: string; interview_id: string | null; data: Json }[]) =>
  events.map((e) => ({ id: e.id, type: e.type, interview: e.interview_id, from: e.data.from, to: e.data.to, state: e.data.interview?.state, rules: (e.data.advisories ?? []).map((x: Json) => x.rule as string) }));

t.test('export holds everything about the seeker; erasure leaves none of it anywhere, and keeps what reports need', async (t) => {
  const sc = await scenario(t);
  const { ta, a, seekerId } = sc;
  const { db } = ta;
  const ids = Object.values(sc.interviews);

  // The search reaches every kind of column the values were written to.
  const before = await hits(db, 'quorra');
  for (const col of [
    'seekers.name', 'seekers.email', 'seekers.external_id', 'seekers.notes', 'interviews.topics', 'interviews.questions', 'interviews.notes',
    'interviews.request_message', 'interviews.location', 'interviews.meeting_notes', 'interviews.ended_reason', 'events.data',
    'idempotency_keys.response_body', 'webhook_deliveries.last_error',
  ]) t.ok(before.includes(col), `before erasure the search finds the seeker in ${col}`);

  await t.test('the export', async (t) => {
    const res = await a.call({ method: 'GET', url: `/v1/seekers/${seekerId}/export` });
    t.equal(res.statusCode, 200, res.body.slice(0, 200));
    t.match(res.headers['content-type'], /^application\/json/);
    t.equal(res.headers['content-disposition'], `attachment; filename="rapport-seeker-${seekerId}.json"`);
    t.match(res.headers['cache-control'], /no-store/);
    const doc = res.json<Json>();
    t.comment(`the export: ${res.body.length} bytes, ${doc.events.length} events, ${doc.interviews.length} interviews`);
    t.equal(doc.exportVersion, 1);
    t.equal(doc.exportedAt, ta.clock.now.toISOString());
    t.match(doc.seeker, { id: seekerId, ...SEEKER, notes: 'quorra-secret seeker notes, revised', erasedAt: null });
    t.strictSame(doc.calendarFeed, { enabled: true });
    t.strictSame(doc.interviews.map((i: Json) => i.id as string).sort(), [...ids].sort(), 'all five interviews, the referral included');
    t.ok(doc.interviews.every((i: Json) => Array.isArray(i.availableActions)), 'full interview views');
    t.strictSame(doc.contacts.map((c: Json) => c.name as string).sort(), ['Lee Referral', 'Pat Rivera', 'Sam Okafor'], 'the contacts, for reference');

    const events = await eventsOf(db, a.institutionId, seekerId);
    t.strictSame(doc.events.map((e: Json) => e.id as string), events.map((e) => e.id), 'every event about the seeker or their interviews, in sequence order');
    const types = new Set(doc.events.map((e: Json) => e.type as string));
    for (const type of ['seeker.created', 'seeker.updated', 'seeker.calendar_feed_enabled', 'interview.created', 'interview.updated', 'interview.requested',
      'interview.rescheduled', 'interview.met', 'interview.followed_up', 'interview.referral_added', 'interview.cancelled', 'interview.declined',
      'interview.request_expired', 'interview.expired']) t.ok(types.has(type), `has ${type}`);
    t.match(doc.reminders, [{ interviewId: sc.interviews.i4, kind: 'request_expired', eventId: String }]);
    t.ok(doc.events.some((e: Json) => e.id === doc.reminders[0].eventId), "the reminder's event is in the timeline");

    const { n } = await one<{ n: number }>(db, 
      'SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_id = ANY($1::text[])', [events.map((e) => e.id)]);
    t.ok(n > events.length, 'deliveries to two endpoints');
    t.equal(doc.webhookDeliveries.length, n, 'every delivery of those events');
    t.ok(doc.webhookDeliveries.every((d: Json) => Object.keys(d).sort().join() === 'endpointId,eventId,id,status'), 'ids and status only');

    const { hash } = await one<{ hash: string }>(db, 'SELECT calendar_token_hash AS hash FROM seekers WHERE id = $1', [seekerId]);
    t.notOk(res.body.includes(hash) || res.body.includes(sc.token), 'neither the calendar token nor its hash');
    for (const text of [...TEXTS, SEEKER.name, SEEKER.email, SEEKER.externalId]) t.ok(res.body.includes(JSON.stringify(text).slice(1, -1)), `holds "${text}"`);
  });

  const interviewsBefore = (await ok(t, a, 'GET', `/v1/interviews?seekerId=${seekerId}&limit=100`)).data as Json[];
  const eventsBefore = await eventsOf(db, a.institutionId, seekerId);
  const seqBefore = (await db.sql.query<{ event_seq: number }>('SELECT event_seq FROM institutions WHERE id = $1', [a.institutionId]))[0]!.event_seq;
  const { quoted } = await one<{ quoted: number }>(db, 
    'SELECT count(*)::int AS quoted FROM webhook_deliveries WHERE last_error IS NOT NULL AND event_id = ANY($1::text[])', [eventsBefore.map((e) => e.id)]);
  t.ok(quoted >= 1, 'a receiver quoted the seeker in the delivery log');

  const res = await a.call({ method: 'DELETE', url: `/v1/seekers/${seekerId}?erase=true` });
  t.equal(res.statusCode, 200, res.body);
  const erasure = res.json<Json>();
  t.strictSame(erasure, {
    id: seekerId,
    erased: true,
    erasedAt: ta.clock.now.toISOString(),
    counts: { interviews: 5, events: erasure.counts.events, webhookDeliveries: quoted, savedResponses: 2, calendarFeedRevoked: true },
  });
  // Events whose payload held nothing personal (a calendar_feed_enabled, a bare created) are left as they were.
  t.ok(erasure.counts.events > 15 && erasure.counts.events < eventsBefore.length, `events rewritten: ${erasure.counts.events} of ${eventsBefore.length}`);

  await t.test('nothing personal is left in any column of any table', async (t) => {
    for (const value of [...ERASED_VALUES, ...TEXTS]) t.strictSame(await hits(db, value), [], `"${value}" is nowhere`);
    // The referral's note became the new contact's howWeMet: contacts are the
    // institution's records and are kept. Only the interview's copy went.
    t.strictSame(await hits(db, 'refnote-zeta'), ['contacts.how_we_met', 'events.data']);
    const left = await db.sql.query<{ type: string }>(`SELECT type FROM events WHERE data::text LIKE '%refnote-zeta%'`);
    t.strictSame(left.map((e) => e.type), ['contact.created'], "in the contact's own event, not the interview's");
  });

  await t.test('what reports need is kept', async (t) => {
    const after = (await ok(t, a, 'GET', `/v1/interviews?seekerId=${seekerId}&limit=100`)).data as Json[];
    t.strictSame(reportFacts(after), reportFacts(interviewsBefore), 'states, channels, times, durations, counts, flags');
    t.strictSame(after.map((i) => i.state as string).sort(), ['cancelled', 'declined', 'following_up', 'no_response', 'prospect']);
    for (const iv of after) t.match(iv, { topics: [], questions: [], notes: null, requestMessage: null, location: null, meetingNotes: null, endedReason: null });
    t.ok(after.every((iv, n) => iv.version === interviewsBefore[n]!.version + 1), 'each interview is one version on (ETags change)');
    t.strictSame(eventFacts(await eventsOf(db, a.institutionId, seekerId)).slice(0, -1), eventFacts(eventsBefore), 'every event kept, with its type, transition and advisories');
    const { n } = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM reminders WHERE interview_id = ANY($1::text[])', [ids]);
    t.equal(n, 1, 'the reminder row is kept');
    const { pending } = await one<{ pending: number }>(db, 
      'SELECT count(*)::int AS pending FROM interviews WHERE seeker_id = $1 AND next_reminder_at IS NOT NULL', [seekerId]);
    t.equal(pending, 0, 'no more reminders for an erased seeker');
  });

  await t.test('the seeker stays, as erased, and one seeker.erased event says so without personal data', async (t) => {
    t.strictSame(await ok(t, a, 'GET', `/v1/seekers/${seekerId}`), {
      id: seekerId, externalId: null, name: '[erased]', email: null, notes: null, createdAt: NOW.toISOString(), updatedAt: ta.clock.now.toISOString(),
    });
    const list = (await ok(t, a, 'GET', '/v1/seekers?limit=100')).data as Json[];
    t.ok(list.some((s) => s.id === seekerId && s.name === '[erased]'), 'listed as [erased]');
    const feed = (await ok(t, a, 'GET', '/v1/events?types=seeker.erased')).data as Json[];
    t.equal(feed.length, 1);
    t.strictSame(feed[0]!.data, { seeker: { id: seekerId }, counts: erasure.counts, actor: feed[0]!.data.actor });
    const exported = await ok(t, a, 'GET', `/v1/seekers/${seekerId}/export`);
    t.equal(exported.seeker.erasedAt, erasure.erasedAt, 'the export says when');
    t.strictSame(exported.calendarFeed, { enabled: false });
    const feedRes = await ta.app.inject({ method: 'GET', url: `/v1/seekers/${seekerId}/calendar.ics?token=${sc.token}` });
    t.equal(feedRes.statusCode, 404, 'the calendar token is revoked');
  });

  await t.test('a second erasure answers the same and appends nothing', async (t) => {
    const again = await a.call({ method: 'DELETE', url: `/v1/seekers/${seekerId}?erase=true` });
    t.equal(again.statusCode, 200);
    t.strictSame(again.json(), erasure);
    const { event_seq } = await one<{ event_seq: number }>(db, 'SELECT event_seq FROM institutions WHERE id = $1', [a.institutionId]);
    t.equal(event_seq, seqBefore + 1, 'only the first erasure appended an event');
  });

  await t.test('writes to an erased seeker or their interviews are refused', async (t) => {
    const pat = (await ok(t, a, 'GET', '/v1/contacts?limit=100')).data.find((c: Json) => c.name === 'Pat Rivera');
    const attempts: [string, 'POST' | 'PATCH', string, Json][] = [
      ['PATCH the seeker', 'PATCH', `/v1/seekers/${seekerId}`, { notes: 'again' }],
      ['a new interview', 'POST', '/v1/interviews', { seekerId, contactId: pat.id }],
      ['PATCH an interview', 'PATCH', `/v1/interviews/${sc.interviews.i1}`, { notes: 'again' }],
      ['an action', 'POST', `/v1/interviews/${sc.interviews.i1}/follow-up`, { channel: 'email', kind: 'update', note: 'again' }],
      ['add a referral', 'POST', `/v1/interviews/${sc.interviews.i1}/add-referral`, { name: 'Another Person' }],
      ['an action not legal anyway', 'POST', `/v1/interviews/${sc.interviews.i4}/request`, GOOD_REQUEST],
    ];
    for (const [what, method, url, payload] of attempts) {
      const r = await a.call({ method, url, payload });
      t.equal(r.statusCode, 409, `${what}: 409`);
      t.match(r.json(), { code: 'seeker_erased', seekerId }, what);
    }
    t.strictSame(await hits(db, 'quorra'), [], 'the refused writes left nothing either');
    // A plain DELETE keeps its answer: the interviews still refer to the seeker.
    const del = await a.call({ method: 'DELETE', url: `/v1/seekers/${seekerId}` });
    t.equal(del.statusCode, 409);
    t.equal(del.json().code, 'resource_in_use');
  });

  await t.test('webhooks carry the erased event, and nothing they send after holds the seeker', async (t) => {
    const from = sc.okReceiver.received.length;
    await testWorker(t, ta).drain();
    const sent = sc.okReceiver.received.slice(from);
    t.ok(sent.some((r) => JSON.parse(r.body).type === 'seeker.erased'), 'seeker.erased was delivered');
    t.notOk(sent.some((r) => /quorra/i.test(r.body)));
  });
});

t.test('scopes, tenancy and the plain DELETE', async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const b = await createTenant(app, 'Another Centre');
  const s = await seeker(a);
  const c = await contact(a);
  await ok(t, a, 'POST', '/v1/interviews', { seekerId: s.id, contactId: c.id });
  const writer = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'writer', ['read', 'write'], NOW));
  const asWriter = (method: 'GET' | 'DELETE', url: string) => app.inject({ method, url, headers: { authorization: `Bearer ${writer.secret}` } });

  for (const [method, url] of [['GET', `/v1/seekers/${s.id}/export`], ['DELETE', `/v1/seekers/${s.id}?erase=true`]] as const) {
    const other = await b.call({ method, url });
    t.equal(other.statusCode, 404, `another institution: ${method} ${url} is 404`);
    t.equal(other.json().code, 'not_found');
    const w = await asWriter(method, url);
    t.equal(w.statusCode, 403, `a read/write key: ${method} ${url} is 403`);
    t.equal(w.json().code, 'insufficient_scope');
  }
  t.equal((await b.call({ method: 'DELETE', url: `/v1/seekers/${s.id}` })).statusCode, 404, 'plain DELETE across institutions: 404');
  const inUse = await asWriter('DELETE', `/v1/seekers/${s.id}`);
  t.equal(inUse.statusCode, 409, 'plain DELETE with interviews: 409 as before');
  t.equal(inUse.json().code, 'resource_in_use');
  t.equal((await a.call({ method: 'DELETE', url: `/v1/seekers/${s.id}?erase=false` })).json().code, 'resource_in_use', 'erase=false is a plain delete');
  const bad = await a.call({ method: 'DELETE', url: `/v1/seekers/${s.id}?erase=yes` });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'validation_failed');

  const lone = await seeker(a, { name: 'Lone Seeker' });
  const gone = await asWriter('DELETE', `/v1/seekers/${lone.id}`);
  t.equal(gone.statusCode, 200);
  t.strictSame(gone.json(), { id: lone.id, deleted: true });

  // Erasing a seeker with no interviews works too; B's seekers are untouched.
  const bs = await seeker(b, { name: 'Zyx Quorra' });
  const other = await seeker(a, { name: 'Zyx Quorra', email: 'zyx.quorra@example.edu' });
  const erased = await a.call({ method: 'DELETE', url: `/v1/seekers/${other.id}?erase=true` });
  t.match(erased.json(), { id: other.id, erased: true, counts: { interviews: 0, events: 1, calendarFeedRevoked: false } });
  t.equal((await ok(t, b, 'GET', `/v1/seekers/${bs.id}`)).name, 'Zyx Quorra', "another institution's seeker of the same name is untouched");
});

t.test('a retry of a saved answer that showed the seeker is refused, not run again', async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const create = () => a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'create-zyx' }, payload: SEEKER });
  const first = await create();
  t.equal(first.statusCode, 201);
  const { id } = first.json<{ id: string }>();
  const erased = await a.call({ method: 'DELETE', url: `/v1/seekers/${id}?erase=true` });
  t.match(erased.json(), { counts: { savedResponses: 1 } });
  const replay = await create();
  t.equal(replay.statusCode, 409);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.match(replay.headers['content-type'], /^application\/problem\+json/);
  t.match(replay.json(), { code: 'seeker_erased', status: 409, seekerId: id });
  t.equal((await a.call({ method: 'GET', url: '/v1/seekers' })).json().data.length, 1, 'no second seeker');
  t.strictSame(await hits(db, 'quorra'), []);
});

t.test('an erasure racing new interviews: each is refused or erased with the rest, never left behind', async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const c = await contact(a);
  const seen = new Set<string>();
  // Each round sends the erasure after a different number of the creates, so it meets them at different points.
  for (const position of [0, 2, 4, 6, 8]) {
    const s = await seeker(a, { name: 'Zyx Quorra' });
    const create = () => a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.id, contactId: c.id, notes: 'quorra-secret race' } });
    const calls = Array.from({ length: 8 }, create);
    calls.splice(position, 0, a.call({ method: 'DELETE', url: `/v1/seekers/${s.id}?erase=true` }));
    const answers = await Promise.all(calls);
    const erased = answers.splice(position, 1)[0]!;
    t.equal(erased.statusCode, 200, `erasure sent after ${position} creates: erased`);
    const codes = answers.map((r) => (r.statusCode === 201 ? '201' : `${r.statusCode} ${r.json().code}`));
    codes.forEach((x) => seen.add(x));
    t.ok(codes.every((x) => x === '201' || x === '409 seeker_erased'), `each create 201 or 409 seeker_erased (${codes.join(', ')})`);
    t.equal(erased.json().counts.interviews, codes.filter((x) => x === '201').length, 'every interview created was erased');
  }
  t.comment(`outcomes seen: ${[...seen].join(', ')}`);
  t.strictSame(await hits(db, 'quorra'), []);
});

t.test('an interview being created when the erasure starts is waited for, then erased', async (t) => {
  const { app, db, databaseUrl } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const s = await seeker(a, { name: 'Zyx Quorra' });
  const c = await contact(a);
  // A create half-way through, as createInterview holds it: the seeker locked FOR KEY SHARE, the row inserted, not committed.
  const creator = new pg.Client({ connectionString: databaseUrl });
  await creator.connect();
  t.teardown(() => creator.end());
  await creator.query('BEGIN');
  await creator.query('SELECT erased_at FROM seekers WHERE id = $1 FOR KEY SHARE', [s.id]);
  await creator.query(
    `INSERT INTO interviews (id, institution_id, seeker_id, contact_id, notes, created_at, updated_at) VALUES ('int_01jdz3v4k8q2w5e7r9t1y3a5b7', $1, $2, $3, 'quorra-secret in flight', now(), now())`,
    [a.institutionId, s.id, c.id],
  );
  let settled = false;
  const erasing = a.call({ method: 'DELETE', url: `/v1/seekers/${s.id}?erase=true` }).finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.notOk(settled, 'the erasure waits for the create');
  await creator.query('COMMIT');
  const res = await erasing;
  t.equal(res.statusCode, 200);
  t.match(res.json(), { counts: { interviews: 1 } });
  t.strictSame(await hits(db, 'quorra'), [], 'the interview it waited for is erased too');
});

t.test('an export is bounded: past 1,000 interviews it is refused', async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const s = await seeker(a);
  const c = await contact(a);
  await db.sql.query(
    `INSERT INTO interviews (id, institution_id, seeker_id, contact_id, created_at, updated_at)
     SELECT 'int_' || lpad(n::text, 26, '0'), $1, $2, $3, now(), now() FROM generate_series(1, 1001) AS n`,
    [a.institutionId, s.id, c.id],
  );
  const res = await a.call({ method: 'GET', url: `/v1/seekers/${s.id}/export` });
  t.equal(res.statusCode, 422);
  t.equal(res.json().code, 'export_too_large');
});

t.test('on the embedded database too', async (t) => {
  const { app, db } = await buildTestApp(t, { embedded: true, now: NOW });
  const a = await createTenant(app);
  const s = await seeker(a, SEEKER);
  const c = await contact(a);
  const iv = await ok(t, a, 'POST', '/v1/interviews', { seekerId: s.id, contactId: c.id, topics: ['quorra-secret topic'] });
  await act(a, iv.id, 'request', { ...GOOD_REQUEST, message: `${GOOD_REQUEST.message} quorra-secret` });
  const exported = await a.call({ method: 'GET', url: `/v1/seekers/${s.id}/export` });
  t.equal(exported.statusCode, 200, exported.body.slice(0, 200));
  t.equal(exported.json().events.length, 3);
  const erased = await a.call({ method: 'DELETE', url: `/v1/seekers/${s.id}?erase=true` });
  t.match(erased.json(), { erased: true, counts: { interviews: 1, events: 3 } });
  t.strictSame(await hits(db, 'quorra'), []);
});
