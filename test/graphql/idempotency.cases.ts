import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { GOOD_REQUEST, interview } from '../helpers/fixtures.js';
import { ACTION_RESULT, codes, gql } from './helpers.js';

// idempotencyKey on mutations: REST's Idempotency-Key semantics, in the same
// key space, with 'GRAPHQL' and the mutation's name in the request hash.

const REQUEST = `mutation($id: ID!, $input: RequestInterviewInput!, $key: String) { requestInterview(id: $id, input: $input, idempotencyKey: $key) { ${ACTION_RESULT} } }`;
const CREATE_SEEKER = `mutation($input: CreateSeekerInput!, $key: String) { createSeeker(input: $input, idempotencyKey: $key) { seeker { id name createdAt } } }`;

t.test('a replay answers the same result and writes once; other arguments are idempotency_key_reused', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const q = gql(a);

  const first = await q(CREATE_SEEKER, { input: { name: 'Ada', email: 'ada@example.edu' }, key: 'k-1' });
  t.same(first.errors, undefined);
  const again = await q(CREATE_SEEKER, { input: { email: 'ada@example.edu', name: 'Ada' }, key: 'k-1' });
  t.same(again.errors, undefined);
  t.same(again.data, first.data, 'the same result, key order aside');
  t.equal(await db.prisma.seeker.count(), 1, 'one row');
  t.equal(await db.prisma.event.count({ where: { type: 'seeker.created' } }), 1, 'one event');

  const other = await q(CREATE_SEEKER, { input: { name: 'Someone else' }, key: 'k-1' });
  t.same(codes(other), ['idempotency_key_reused']);
  t.equal(other.errors![0]!.extensions.status, 422);
  const elsewhere = await q(`mutation { createContact(input: { name: "Ada", email: "ada@example.edu" }, idempotencyKey: "k-1") { contact { id } } }`);
  t.same(codes(elsewhere), ['idempotency_key_reused'], 'the same key on another mutation is another request');
  const rest = await a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'k-1' }, payload: { name: 'Ada', email: 'ada@example.edu' } });
  t.equal(rest.statusCode, 422, 'REST and GraphQL share the key space, and differ');
  t.equal(rest.json().code, 'idempotency_key_reused');

  const bad = await q(CREATE_SEEKER, { input: { name: 'Ada' }, key: 'has space' });
  t.same(codes(bad), ['validation_failed']);
  const without = await q(CREATE_SEEKER, { input: { name: 'Ada', email: 'ada@example.edu' } });
  t.not(without.data!.createSeeker.seeker.id, first.data!.createSeeker.seeker.id, 'no key: runs every time');

  const b = await createTenant(app, 'Other');
  const theirs = await gql(b)(CREATE_SEEKER, { input: { name: 'Bea' }, key: 'k-1' });
  t.same(theirs.errors, undefined, 'keys are per institution');
});

t.test('ten concurrent duplicates: one event; each answer is the result or idempotency_in_progress', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const iv = await interview(a);
  const results = await Promise.all(Array.from({ length: 10 }, () => q(REQUEST, { id: iv.id, input: GOOD_REQUEST, key: 'req-once' })));
  const ok = results.filter((r) => !r.errors);
  const busy = results.filter((r) => r.errors);
  t.ok(ok.length >= 1);
  for (const r of ok) t.same(r.data, ok[0]!.data, 'every answer is the same result');
  for (const r of busy) t.same(codes(r), ['idempotency_in_progress']);
  t.equal(ok[0]!.data!.requestInterview.interview.state, 'requested');
  t.equal(await db.prisma.event.count({ where: { interviewId: iv.id, type: 'interview.requested' } }), 1, 'one event');
  t.equal((await db.prisma.interview.findUniqueOrThrow({ where: { id: iv.id } })).version, 2, 'one write');
  const later = await q(REQUEST, { id: iv.id, input: GOOD_REQUEST, key: 'req-once' });
  t.same(later.data, ok[0]!.data, 'a later retry replays it');
});

t.test('a refused action is replayed with the same error', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const iv = await interview(a);
  const input = { ...GOOD_REQUEST, requestedMinutes: 45 };
  const refused = await q(REQUEST, { id: iv.id, input, key: 'r1' });
  t.same(codes(refused), ['action_refused']);
  // A valid request now would succeed, but the key answers what it answered.
  const replay = await q(REQUEST, { id: iv.id, input, key: 'r1' });
  t.same(replay.errors, refused.errors, 'same code, message and violations');
  t.same(replay.data, { requestInterview: null });
  t.equal(await db.prisma.event.count({ where: { interviewId: iv.id, type: 'interview.requested' } }), 0);
  const row = await db.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'r1' } });
  t.equal(row.status, 'done');
  t.equal(row.responseStatus, 422);
});
