import t from 'tap';
import { OVERRIDABLE_RULE_CODES } from '../../src/domain/index.js';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, createTenant, withKey, type Tenant } from '../helpers/app.js';
import { GOOD_REQUEST, interview } from '../helpers/fixtures.js';
import { codes, gql } from './helpers.js';

// REST's override tests over GraphQL: the same `review` scope, the same
// service, so the same lifted refusal, event and override_not_allowed.

const JOB_ASK = { ...GOOD_REQUEST, message: "Are there any openings on your team? I'd love to join. Could we talk for 20 minutes?" };
const OVERRIDE = { rules: ['job_request'], reason: 'Read with the student: she means the team’s public seminar series, not a job.' };
const REQUEST = `mutation($id: ID!, $input: RequestInterviewInput!, $key: String) {
  requestInterview(id: $id, input: $input, idempotencyKey: $key) {
    interview { state version }
    advisories { rule }
    override { rules reason apiKeyId lifted { rule message field } }
    event { id type data }
  }
}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function issueKey(a: Tenant, scopes: string[]): Promise<{ id: string; as: Tenant }> {
  const made = await gql(a)(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id scopes } } }`, {
    input: { name: `Key ${scopes.join('+')}`, scopes },
  });
  if (made.errors) throw new Error(JSON.stringify(made.errors));
  return { id: made.data!.createApiKey.apiKey.id, as: withKey(a, made.data!.createApiKey.secret) };
}

async function footprint(db: Database, institutionId: string, interviewId: string) {
  const [row] = await db.sql.query<{ state: string; version: number }>('SELECT state, version FROM interviews WHERE id = $1', [interviewId]);
  const [events] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE institution_id = $1', [institutionId]);
  return { ...row, events: events!.n };
}

t.test('requestInterview with an override: review key, key without review, other institution', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const A = await createTenant(app);
  const B = await createTenant(app, 'Other Career Centre');
  const counsellor = await issueKey(A, ['write', 'review']);
  const writer = await issueKey(A, ['write']);
  const otherCounsellor = await issueKey(B, ['write', 'review']);
  const iv = await interview(A);
  const before = await footprint(db, A.institutionId, iv.id);

  await t.test('a key without review: override_not_allowed (403), nothing changes', async (t) => {
    const r = await gql(writer.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, override: OVERRIDE }, key: 'gql-no-review' });
    t.same(codes(r), ['override_not_allowed']);
    t.equal(r.errors![0]!.extensions.status, 403);
    t.match(r.errors![0]!.message, /"review" scope/);
    t.same(r.data, { requestInterview: null });
    t.same(await footprint(db, A.institutionId, iv.id), before, 'the interview and the event count are unchanged');
    const saved = await db.sql.query<{ response_status: number | null }>('SELECT response_status FROM idempotency_keys WHERE institution_id = $1', [A.institutionId]);
    t.ok(saved.every((s) => s.response_status === null || s.response_status >= 400), 'no saved answer replays a success');
    const retry = await gql(writer.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, override: OVERRIDE }, key: 'gql-no-review' });
    t.same(codes(retry), ['override_not_allowed'], 'a retry is refused the same');
  });

  await t.test("another institution's review key: not_found, nothing changes", async (t) => {
    const r = await gql(otherCounsellor.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, override: OVERRIDE } });
    t.same(codes(r), ['not_found']);
    t.same(await footprint(db, A.institutionId, iv.id), before);
  });

  await t.test('a rule that may not be overridden is a validation error naming the ones that may', async (t) => {
    const r = await gql(counsellor.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, override: { rules: ['invalid_transition'], reason: 'x' } } });
    t.same(codes(r), ['validation_failed']);
    t.equal(r.errors![0]!.extensions.violations![0]!.field, 'input.override.rules.0');
    for (const code of OVERRIDABLE_RULE_CODES) t.match(r.errors![0]!.message, code);
    const unknown = await gql(counsellor.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, override: { rules: ['no_such_rule'], reason: 'x' } } });
    t.same(codes(unknown), ['validation_failed'], 'not a RuleCode at all');
    const still = await gql(counsellor.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, requestedMinutes: 31, override: OVERRIDE } });
    t.same(codes(still), ['action_refused'], 'a refusal on numbers remains');
    t.same(still.errors![0]!.extensions.violations!.map((v) => v.rule), ['duration_out_of_range']);
    t.same(await footprint(db, A.institutionId, iv.id), before);
  });

  await t.test('the review key overrides job_request: the payload and the event carry the override', async (t) => {
    const refused = await gql(counsellor.as)(REQUEST, { id: iv.id, input: JOB_ASK });
    t.same(codes(refused), ['action_refused'], 'without an override, refused');

    const r = await gql(counsellor.as)(REQUEST, { id: iv.id, input: { ...JOB_ASK, override: OVERRIDE } });
    t.same(r.errors, undefined);
    const payload = r.data!.requestInterview as Json;
    t.same(payload.interview, { state: 'requested', version: 2 });
    t.match(payload.override, { rules: ['job_request'], reason: OVERRIDE.reason, apiKeyId: counsellor.id, lifted: [{ rule: 'job_request', field: 'message' }] });
    t.equal(payload.override.lifted.length, 1);
    t.same(payload.event.data.override, payload.override, 'the event records the same override');
    t.same(payload.event.data.actor, { type: 'api_key', id: counsellor.id });

    const [event] = await db.sql.query<{ data: Json }>('SELECT data FROM events WHERE id = $1', [payload.event.id]);
    t.same(event!.data.override, payload.override, 'as stored');
    t.match(await footprint(db, A.institutionId, iv.id), { state: 'requested', version: 2, events: before.events + 1 });
  });

  await t.test('no override sent: override is null', async (t) => {
    const other = await interview(A);
    const r = await gql(counsellor.as)(REQUEST, { id: other.id, input: GOOD_REQUEST });
    t.same(r.errors, undefined);
    t.equal(r.data!.requestInterview.override, null);
  });
});

t.test('stateMachine says which rules are overridable; expireInterview takes an override input', async (t) => {
  const { app } = await buildTestApp(t);
  const A = await createTenant(app);
  const q = gql(A);
  const machine = await q(`{ stateMachine { rules { code overridable } } }`);
  const rules = machine.data!.stateMachine.rules as { code: string; overridable: boolean }[];
  t.same(rules.filter((r) => r.overridable).map((r) => r.code).sort(), [...OVERRIDABLE_RULE_CODES].sort());
  t.match(rules.find((r) => r.code === 'invalid_transition'), { overridable: false });

  const iv = await interview(A);
  await q(`mutation($id: ID!, $input: RequestInterviewInput!) { requestInterview(id: $id, input: $input) { interview { state } } }`, { id: iv.id, input: GOOD_REQUEST });
  const expired = await q(`mutation($id: ID!) { expireInterview(id: $id, input: { override: { rules: [message_too_long], reason: "n/a" } }) { interview { state } override { rules lifted { rule } } } }`, { id: iv.id });
  t.same(expired.errors, undefined);
  t.same(expired.data!.expireInterview, { interview: { state: 'no_response' }, override: { rules: ['message_too_long'], lifted: [] } }, 'admin implies review');
});
