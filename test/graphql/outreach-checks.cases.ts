import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { codes, gql } from './helpers.js';

// The outreach checks over GraphQL: the same refusals and advice as REST,
// with the matched words and their offsets.

const CREATE = `mutation($input: CreateInterviewInput!) { createInterview(input: $input) { interview { id } } }`;
const REQUEST = `mutation($id: ID!, $input: RequestInterviewInput!) {
  requestInterview(id: $id, input: $input) { interview { state } advisories { rule field message match { text start end } } }
}`;

t.test('refusal, advice and offsets over GraphQL', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const s = await seeker(a);
  const c = await contact(a);
  const fresh = async () => (await q(CREATE, { input: { seekerId: s.id, contactId: c.id, topics: ['data'], questions: ['How?'] } })).data!.createInterview.interview.id as string;

  const clear = 'Hi Pat, could I have 20 minutes? Also, r u hiring rn?';
  const refused = await q(REQUEST, { id: await fresh(), input: { ...GOOD_REQUEST, message: clear } });
  t.same(codes(refused), ['action_refused']);
  const violation = refused.errors?.[0]?.extensions.violations?.find((v) => v.rule === 'job_request') as { match?: { text: string; start: number; end: number } } | undefined;
  t.ok(violation?.match, 'the violation carries its match');
  t.equal(clear.slice(violation?.match?.start, violation?.match?.end), violation?.match?.text);

  const hint = 'Hi Pat, could I have 20 minutes? Sending my CV along in case you hear of anything suitable.';
  const coached = await q(REQUEST, { id: await fresh(), input: { ...GOOD_REQUEST, message: hint } });
  t.same(coached.errors, undefined);
  t.equal(coached.data!.requestInterview.interview.state, 'requested');
  const advice = coached.data!.requestInterview.advisories.find((h: { rule: string }) => h.rule === 'possible_job_request');
  t.equal(advice.field, 'message');
  t.equal(hint.slice(advice.match.start, advice.match.end), advice.match.text);

  const german = await q(REQUEST, { id: await fresh(), input: { ...GOOD_REQUEST, message: 'Hallo Pat, hätten Sie eine halbe Stunde Zeit für ein Gespräch?' } });
  const mismatch = german.data!.requestInterview.advisories.find((h: { rule: string }) => h.rule === 'time_ask_mismatch');
  t.match(mismatch.match.text, /halbe Stunde$/, 'a German half hour against the 20 minutes requested');
});
