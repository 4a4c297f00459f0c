import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { ACTION_RESULT, codes, gql } from './helpers.js';

// The REST lifecycle tests, once more over GraphQL: same services, so the same
// states, versions, events, refusals (with their codes) and advisories.

const CREATE = `mutation($input: CreateInterviewInput!) { createInterview(input: $input) { ${ACTION_RESULT} } }`;
const action = (mutation: string, inputType?: string) =>
  inputType
    ? `mutation($id: ID!, $input: ${inputType}, $v: Int) { ${mutation}(id: $id, input: $input, expectedVersion: $v) { ${ACTION_RESULT} } }`
    : `mutation($id: ID!, $v: Int) { ${mutation}(id: $id, expectedVersion: $v) { ${ACTION_RESULT} } }`;
const REQUEST = action('requestInterview', 'RequestInterviewInput!');
const SCHEDULE = action('scheduleInterview', 'ScheduleInterviewInput!');
const CONFIRM = action('confirmInterview', 'ConfirmInterviewInput');
const MEET = action('meetInterview', 'MeetInterviewInput');
const THANK = action('thankInterview', 'ThankInterviewInput!');
const FOLLOW_UP = action('followUpInterview', 'FollowUpInterviewInput!');

for (const embedded of [false, true]) {
  t.test(`prospect to following_up over GraphQL (${embedded ? 'embedded' : 'PostgreSQL'})`, async (t) => {
    const { app, clock, db } = await buildTestApp(t, { embedded, now: new Date('2026-12-01T12:00:00Z') });
    const a = await createTenant(app);
    const q = gql(a);
    const s = await seeker(a);
    const c = await contact(a);

    const created = await q(CREATE, { input: { seekerId: s.id, contactId: c.id, topics: ['data engineering'], questions: ['What does a normal week look like?'] } });
    t.same(created.errors, undefined);
    const iv = created.data!.createInterview.interview;
    t.equal(iv.state, 'prospect');
    t.equal(created.data!.createInterview.event.type, 'interview.created');

    const step = async (query: string, variables: Record<string, unknown>, state: string) => {
      const r = await q(query, { id: iv.id, ...variables });
      t.same(r.errors, undefined, `${state}: no errors`);
      const payload = Object.values(r.data!)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      t.equal(payload.interview.state, state);
      t.same(payload.advisories, [], `${state}: no advice`);
      return payload;
    };
    const requested = await step(REQUEST, { input: GOOD_REQUEST }, 'requested');
    t.equal(requested.event.type, 'interview.requested');
    await step(SCHEDULE, { input: { scheduledAt: '2026-12-08T15:00:00Z', mode: 'video', location: 'https://meet.example/pat', durationMinutes: 20 } }, 'scheduled');
    clock.now = new Date('2026-12-05T12:00:00Z');
    await step(CONFIRM, { input: { channel: 'email' } }, 'confirmed');
    clock.now = new Date('2026-12-08T16:00:00Z');
    await step(MEET, { input: { heldAt: '2026-12-08T15:00:00Z', actualMinutes: 20, askedForReferral: true, notes: 'Suggested I talk to Sam.' } }, 'met');
    clock.now = new Date('2026-12-09T09:00:00Z');
    await step(THANK, { input: { channel: 'email' } }, 'thanked');
    clock.now = new Date('2027-02-15T09:00:00Z');
    const followed = await step(FOLLOW_UP, { input: { channel: 'email', kind: 'update', note: 'Started the course you recommended.' } }, 'following_up');
    t.equal(followed.event.type, 'interview.followed_up');
    t.equal(followed.interview.version, 7, 'six actions after creation');
    t.same(followed.interview.availableActions.map((x: { action: string }) => x.action).sort(), ['add_referral', 'close', 'follow_up']);

    const read = await q(`query($id: ID!) { interview(id: $id) { version seeker { id name } contact { id name } events(first: 10) { edges { node { type sequence } } pageInfo { hasNextPage } } } }`, { id: iv.id });
    const got = read.data!.interview;
    t.equal(got.version, 7);
    t.equal(got.seeker.id, s.id);
    t.equal(got.contact.name, c.name);
    t.same(
      got.events.edges.map((e: { node: { type: string } }) => e.node.type),
      ['interview.created', 'interview.requested', 'interview.scheduled', 'interview.confirmed', 'interview.met', 'interview.thanked', 'interview.followed_up'],
    );
    t.equal(got.events.pageInfo.hasNextPage, false);
    t.equal(await db.prisma.event.count({ where: { interviewId: iv.id } }), 7, 'the rows REST would have written');
  });
}

t.test('refusals and advisories carry the REST codes', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const s = await seeker(a);
  const cold = await contact(a, { howWeMet: null, researchNotes: null });
  const id = (await q(CREATE, { input: { seekerId: s.id, contactId: cold.id } })).data!.createInterview.interview.id as string;

  const refused = async (input: Record<string, unknown>, rule: string) => {
    const r = await q(REQUEST, { id, input });
    t.same(codes(r), ['action_refused'], `${rule}: action_refused`);
    t.equal(r.errors![0]!.extensions.status, 422, 'the REST status, in extensions');
    t.ok(r.errors![0]!.extensions.violations!.some((v) => v.rule === rule), `${rule} named in violations`);
    t.same(r.data, { requestInterview: null });
    t.notOk(JSON.stringify(r).includes('    at '), 'no stack trace');
  };
  await refused({ ...GOOD_REQUEST, topics: ['a', 'b', 'c'] }, 'too_many_topics');
  await refused({ ...GOOD_REQUEST, requestedMinutes: 14 }, 'duration_out_of_range');
  await refused({ ...GOOD_REQUEST, requestedMinutes: 31 }, 'duration_out_of_range');
  await refused({ ...GOOD_REQUEST, message: 'Are you hiring? Any openings on your team for 20 minutes?' }, 'job_request');
  const row = await db.prisma.interview.findUniqueOrThrow({ where: { id } });
  t.equal(row.state, 'prospect', 'refusals change nothing');
  t.equal(row.version, 1);
  t.equal(await db.prisma.event.count({ where: { interviewId: id } }), 1, 'and write no event');

  const advised = await q(REQUEST, { id, input: { channel: 'phone', topics: ['design'], requestedMinutes: 15, message: 'Would you be my mentor?' } });
  t.same(advised.errors, undefined);
  const rules = advised.data!.requestInterview.advisories.map((x: { rule: string }) => x.rule).sort();
  for (const r of ['cold_contact', 'mentorship_ask', 'no_research', 'phone_channel', 'time_ask_missing']) t.ok(rules.includes(r), `advisory ${r}`);
  t.same(advised.data!.requestInterview.event.data.advisories.map((x: { rule: string }) => x.rule).sort(), rules, 'advisories are recorded in the event');

  const wrong = await q(THANK, { id, input: { channel: 'email' } });
  t.same(codes(wrong), ['invalid_transition']);
  t.equal(wrong.errors![0]!.extensions.status, 409);
  t.equal(wrong.errors![0]!.extensions.state, 'requested');
  t.same(wrong.errors![0]!.extensions.violations!.map((v) => v.rule), ['invalid_transition']);

  const stale = await q(action('cancelInterview', 'EndInterviewInput'), { id, v: 1, input: { reason: 'changed my mind' } });
  t.same(codes(stale), ['version_conflict'], 'expectedVersion is If-Match');
  t.equal(stale.errors![0]!.extensions.status, 412);
  t.equal(stale.errors![0]!.extensions.currentVersion, 2);
  const fresh = await q(action('cancelInterview', 'EndInterviewInput'), { id, v: 2 });
  t.equal(fresh.data!.cancelInterview.interview.state, 'cancelled', 'the current version goes through (input may be omitted)');

  const missing = await q(action('expireInterview'), { id: 'int_01jdz3v4k8q2w5e7r9t1y3v5k7' });
  t.same(codes(missing), ['not_found']);
});

t.test('policy: updateInstitution regrades the rules for the same mutations', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const patched = await q(`mutation { updateInstitution(input: { timeZone: "Europe/Paris", policy: { maxTopics: 3, ruleSeverity: { phone_channel: "error" } } }) { timeZone policy { maxTopics ruleSeverity } } }`);
  t.same(patched.errors, undefined);
  t.same(patched.data!.updateInstitution, { timeZone: 'Europe/Paris', policy: { maxTopics: 3, ruleSeverity: { phone_channel: 'error' } } });
  const s = await seeker(a);
  const c = await contact(a);
  const id = (await q(CREATE, { input: { seekerId: s.id, contactId: c.id } })).data!.createInterview.interview.id;
  const three = await q(REQUEST, { id, input: { ...GOOD_REQUEST, topics: ['a', 'b', 'c'], channel: 'phone' } });
  t.same(codes(three), ['action_refused']);
  t.same(three.errors![0]!.extensions.violations!.map((v) => v.rule), ['phone_channel'], 'three topics now fine; phone now an error');
  const sm = await q(`{ stateMachine { rules { code kind } mermaid } }`);
  t.equal(sm.data!.stateMachine.rules.find((r: { code: string }) => r.code === 'phone_channel').kind, 'refusal');
  const contradicting = await q(`mutation { updateInstitution(input: { policy: { minRequestedMinutes: 45 } }) { id } }`);
  t.same(codes(contradicting), ['validation_failed']);
  const badTz = await q(`mutation { updateInstitution(input: { timeZone: "Mars/Olympus" }) { id } }`);
  t.same(codes(badTz), ['validation_failed']);
  t.equal(badTz.errors![0]!.extensions.violations![0]!.field, 'input.timeZone');
});

t.test('add_referral over GraphQL: the new contact, introducedBy and referrals', async (t) => {
  const { app, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const s = await seeker(a);
  const c = await contact(a);
  const id = (await q(CREATE, { input: { seekerId: s.id, contactId: c.id, questions: ['What do you wish you had known?'] } })).data!.createInterview.interview.id;
  await q(REQUEST, { id, input: GOOD_REQUEST });
  await q(SCHEDULE, { id, input: { scheduledAt: '2026-12-04T15:00:00Z', mode: 'phone' } });
  clock.now = new Date('2026-12-04T16:00:00Z');
  const met = await q(MEET, { id, input: { askedForReferral: true, actualMinutes: 20 } });
  t.same(met.data!.meetInterview.advisories.map((x: { rule: string }) => x.rule), ['not_confirmed']);
  const res = await q(
    `mutation($id: ID!) { addReferral(id: $id, input: { name: "Sam Okafor", organization: "Beta Labs", mayUseName: true }) {
      interview { state } event { type } referral { contact { id name mayUseName introducedBy { id } } interview { id state referredFrom { id } introducedBy { id } } } } }`,
    { id },
  );
  t.same(res.errors, undefined);
  const p = res.data!.addReferral;
  t.equal(p.event.type, 'interview.referral_added');
  t.equal(p.interview.state, 'met', 'the source interview stays where it was');
  t.equal(p.referral.contact.introducedBy.id, c.id);
  t.equal(p.referral.contact.mayUseName, true);
  t.equal(p.referral.interview.state, 'prospect');
  t.equal(p.referral.interview.referredFrom.id, id);
  t.equal(p.referral.interview.introducedBy.id, c.id);
  const back = await q(`query($id: ID!, $c: ID!) { interview(id: $id) { referrals { id } } contact(id: $c) { referrals { name } } }`, { id, c: c.id });
  t.same(back.data!.interview.referrals, [{ id: p.referral.interview.id }]);
  t.same(back.data!.contact.referrals, [{ name: 'Sam Okafor' }]);
});
