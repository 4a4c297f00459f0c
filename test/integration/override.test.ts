import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { OVERRIDABLE_RULE_CODES } from '../../src/domain/index.js';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, createTenant, withKey, type Tenant } from '../helpers/app.js';
import { GOOD_REQUEST, interview } from '../helpers/fixtures.js';

// A counsellor overrules a text judgement over REST: a key with the `review`
// scope sends `override` on an action; the named text rules' refusals are let
// through and the event records it. Without `review`: 403 and nothing changes.

// A blatant job ask (the job check is being reworked; this one stays an ask).
const JOB_ASK = { ...GOOD_REQUEST, message: "Are there any openings on your team? I'd love to join. Could we talk for 20 minutes?" };
const OVERRIDE = { rules: ['job_request'], reason: 'Read with the student: she means the team’s public seminar series, not a job.' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function issueKey(a: Tenant, scopes: string[]): Promise<{ id: string; as: Tenant }> {
  const res = await a.call({ method: 'POST', url: '/v1/api-keys', payload: { name: `Key ${scopes.join('+')}`, scopes } });
  if (res.statusCode !== 201) throw new Error(`key: ${res.statusCode} ${res.body}`);
  const key = res.json<{ id: string; secret: string }>();
  return { id: key.id, as: withKey(a, key.secret) };
}

/** What an interview and the institution's log look like now, to show that nothing changed. */
async function footprint(db: Database, institutionId: string, interviewId: string) {
  const [row] = await db.sql.query<{ state: string; version: number; request_message: string | null }>(
    'SELECT state, version, request_message FROM interviews WHERE id = $1',
    [interviewId],
  );
  const [events] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE institution_id = $1', [institutionId]);
  return { ...row, events: events!.n };
}

function isProblem(t: Test, res: LightMyRequestResponse, status: number, code: string) {
  t.equal(res.statusCode, status, res.body.slice(0, 200));
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.equal(res.json().code, code);
  t.equal(res.json().status, status);
}

const ruleCodes = (res: LightMyRequestResponse) => res.json<{ violations: { rule: string }[] }>().violations.map((v) => v.rule);

const request = (a: Tenant, id: string, payload: Json, headers: Record<string, string> = {}) =>
  a.call({ method: 'POST', url: `/v1/interviews/${id}/request`, payload, headers });

t.test('a review key overrides a job_request refusal; others are refused and change nothing', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const A = await createTenant(app);
  const B = await createTenant(app, 'Other Career Centre');
  const counsellor = await issueKey(A, ['write', 'review']);
  const writer = await issueKey(A, ['write']);
  const reviewOnly = await issueKey(A, ['review']);
  const otherCounsellor = await issueKey(B, ['write', 'review']);
  const iv = await interview(A);
  const before = await footprint(db, A.institutionId, iv.id);
  t.match(before, { state: 'prospect', version: 1 });

  await t.test('without an override the ask is refused, even for a counsellor', async (t) => {
    const res = await request(counsellor.as, iv.id, JOB_ASK);
    isProblem(t, res, 422, 'action_refused');
    t.same(ruleCodes(res), ['job_request']);
  });

  await t.test('a key without review: 403 override_not_allowed, nothing written, no success saved', async (t) => {
    const res = await request(writer.as, iv.id, { ...JOB_ASK, override: OVERRIDE }, { 'idempotency-key': 'no-review-1' });
    isProblem(t, res, 403, 'override_not_allowed');
    t.match(res.json().detail, /"review" scope/);
    t.same(await footprint(db, A.institutionId, iv.id), before, 'the interview and the event count are unchanged');
    const saved = await db.sql.query<{ response_status: number | null }>('SELECT response_status FROM idempotency_keys WHERE institution_id = $1', [A.institutionId]);
    t.ok(saved.every((s) => s.response_status === null || s.response_status >= 400), 'no saved answer replays a success');
    const retry = await request(writer.as, iv.id, { ...JOB_ASK, override: OVERRIDE }, { 'idempotency-key': 'no-review-1' });
    isProblem(t, retry, 403, 'override_not_allowed');

    // Decided before the rules run: an override on an action that would pass is refused just the same.
    isProblem(t, await request(writer.as, iv.id, { ...GOOD_REQUEST, override: OVERRIDE }), 403, 'override_not_allowed');
    isProblem(t, await request(reviewOnly.as, iv.id, { ...JOB_ASK, override: OVERRIDE }), 403, 'insufficient_scope');
    t.same(await footprint(db, A.institutionId, iv.id), before);
  });

  await t.test("another institution's review key: 404, nothing changes", async (t) => {
    isProblem(t, await request(otherCounsellor.as, iv.id, { ...JOB_ASK, override: OVERRIDE }), 404, 'not_found');
    t.same(await footprint(db, A.institutionId, iv.id), before);
  });

  await t.test('bad overrides are 400s that change nothing', async (t) => {
    for (const [override, label] of [
      [{ rules: ['invalid_transition'], reason: 'x' }, 'a state rule'],
      [{ rules: ['duration_out_of_range'], reason: 'x' }, 'a number rule'],
      [{ rules: [], reason: 'x' }, 'no rule'],
      [{ rules: ['job_request', 'job_request'], reason: 'x' }, 'a rule twice'],
      [{ rules: ['job_request'], reason: '  ' }, 'a blank reason'],
      [{ rules: ['job_request'], reason: 'x'.repeat(2_001) }, 'a long reason'],
      [{ rules: ['job_request'] }, 'no reason'],
    ] as const) {
      const res = await request(counsellor.as, iv.id, { ...JOB_ASK, override });
      isProblem(t, res, 400, 'validation_failed');
      t.ok(res.json().violations.some((v: Json) => String(v.field).startsWith('body.override')), `${label}: the field is named`);
    }
    const res = await request(counsellor.as, iv.id, { ...JOB_ASK, override: { rules: ['invalid_transition'], reason: 'x' } });
    for (const code of OVERRIDABLE_RULE_CODES) t.match(res.json().detail, code, `the allowed codes are named: ${code}`);
    t.same(await footprint(db, A.institutionId, iv.id), before);
  });

  await t.test('an override never lifts a rule on numbers: still 422, nothing changes', async (t) => {
    const res = await request(counsellor.as, iv.id, { ...JOB_ASK, requestedMinutes: 31, override: OVERRIDE });
    isProblem(t, res, 422, 'action_refused');
    t.same(ruleCodes(res), ['duration_out_of_range'], 'what is left to fix');
    t.same(await footprint(db, A.institutionId, iv.id), before);
  });

  await t.test('the review key overrides: 200, and the event records who, why and what', async (t) => {
    const res = await request(counsellor.as, iv.id, { ...JOB_ASK, override: OVERRIDE });
    t.equal(res.statusCode, 200, res.body.slice(0, 200));
    const body = res.json();
    t.equal(body.interview.state, 'requested');
    t.equal(body.interview.requestMessage, JOB_ASK.message);
    t.same(Object.keys(body), ['interview', 'advisories', 'override', 'event'], 'override beside advisories');
    t.match(body.override, {
      rules: ['job_request'],
      reason: OVERRIDE.reason,
      apiKeyId: counsellor.id,
      lifted: [{ rule: 'job_request', field: 'message', message: /job/i }],
    });
    t.equal(body.override.lifted.length, 1);

    const [event] = await db.sql.query<{ type: string; data: Json }>('SELECT type, data FROM events WHERE id = $1', [body.event.id]);
    t.equal(event!.type, 'interview.requested');
    t.same(event!.data.override, body.override, 'the event carries the same override');
    t.equal(event!.data.override.apiKeyId, counsellor.id);
    t.same(event!.data.actor, { type: 'api_key', id: counsellor.id });
    t.notOk('override' in event!.data.input, 'kept once, beside the input');
    t.same(body.event.data.override, body.override, 'and the answer’s event too');
    t.match(await footprint(db, A.institutionId, iv.id), { state: 'requested', version: 2, request_message: JOB_ASK.message, events: before.events + 1 });

    const timeline = (await A.call({ method: 'GET', url: `/v1/interviews/${iv.id}/events` })).json().data as Json[];
    t.same(timeline.at(-1)!.data.override, body.override, 'the timeline shows it');
  });
});

t.test('admin implies review; a named rule that did not fire is still recorded', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const A = await createTenant(app);
  const iv = await interview(A);
  const res = await request(A, iv.id, { ...GOOD_REQUEST, override: { rules: ['job_request', 'mentorship_ask'], reason: 'Checked by a counsellor.' } });
  t.equal(res.statusCode, 200, res.body.slice(0, 200));
  const keyId = (await db.sql.query<{ id: string }>('SELECT id FROM api_keys WHERE institution_id = $1', [A.institutionId]))[0]!.id;
  t.same(res.json().override, { rules: ['job_request', 'mentorship_ask'], reason: 'Checked by a counsellor.', apiKeyId: keyId, lifted: [] });
  t.same(res.json().event.data.override, res.json().override);

  const plain = await request(A, (await interview(A)).id, GOOD_REQUEST);
  t.notOk('override' in plain.json(), 'no override sent, none answered');
  t.notOk('override' in plain.json().event.data);
});

t.test('GET /v1/state-machine says which rules are overridable; review is a key scope', async (t) => {
  const { app } = await buildTestApp(t);
  const A = await createTenant(app);
  const machine = (await A.call({ method: 'GET', url: '/v1/state-machine' })).json();
  const overridable = (machine.rules as { code: string; overridable: unknown }[]).filter((r) => r.overridable === true).map((r) => r.code);
  t.same(overridable.sort(), [...OVERRIDABLE_RULE_CODES].sort());
  t.ok(machine.rules.every((r: Json) => typeof r.overridable === 'boolean'));
  t.match(machine.rules.find((r: Json) => r.code === 'invalid_transition'), { overridable: false });
  t.match(machine.rules.find((r: Json) => r.code === 'job_request'), { overridable: true });

  const key = await A.call({ method: 'POST', url: '/v1/api-keys', payload: { name: 'Counsellor', scopes: ['read', 'write', 'review'] } });
  t.equal(key.statusCode, 201);
  t.same(key.json().scopes, ['read', 'write', 'review']);
});

t.test('erasing the seeker erases the override reason, keeps the rest', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const A = await createTenant(app);
  const iv = await interview(A);
  const res = await request(A, iv.id, { ...JOB_ASK, override: OVERRIDE });
  t.equal(res.statusCode, 200, res.body.slice(0, 200));
  const erased = await A.call({ method: 'DELETE', url: `/v1/seekers/${iv.seekerId}?erase=true` });
  t.equal(erased.statusCode, 200, erased.body.slice(0, 200));
  const [event] = await db.sql.query<{ data: Json }>('SELECT data FROM events WHERE id = $1', [res.json().event.id]);
  t.match(event!.data.override, { rules: ['job_request'], reason: null, apiKeyId: res.json().override.apiKeyId, lifted: [{ rule: 'job_request' }] });
});
