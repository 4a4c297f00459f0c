import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, interview, seeker } from '../helpers/fixtures.js';

// The whole walk runs on PostgreSQL and, as the smoke suite, on the embedded database.
for (const embedded of [false, true]) t.test(`prospect to following_up over REST (${embedded ? 'embedded' : 'PostgreSQL'})`, async (t) => {
  const { app, clock } = await buildTestApp(t, { embedded, now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const iv = await interview(a);
  t.equal(iv.state, 'prospect');

  const requested = await act(a, iv.id, 'request', GOOD_REQUEST);
  t.equal(requested.interview.state, 'requested');
  t.same(requested.advisories, [], 'a well-formed request draws no advice');
  t.equal(requested.event.type, 'interview.requested');

  const scheduled = await act(a, iv.id, 'schedule', { scheduledAt: '2026-12-08T15:00:00Z', mode: 'video', location: 'https://meet.example/pat', durationMinutes: 20 });
  t.equal(scheduled.interview.state, 'scheduled');

  clock.now = new Date('2026-12-05T12:00:00Z');
  const confirmed = await act(a, iv.id, 'confirm', { channel: 'email' });
  t.equal(confirmed.interview.state, 'confirmed');
  t.same(confirmed.advisories, []);

  clock.now = new Date('2026-12-08T16:00:00Z');
  const met = await act(a, iv.id, 'meet', { heldAt: '2026-12-08T15:00:00Z', actualMinutes: 20, askedForReferral: true, notes: 'Suggested I talk to Sam.' });
  t.equal(met.interview.state, 'met');
  t.same(met.advisories, []);

  clock.now = new Date('2026-12-09T09:00:00Z');
  const thanked = await act(a, iv.id, 'thank', { channel: 'email' });
  t.equal(thanked.interview.state, 'thanked');
  t.same(thanked.advisories, []);

  clock.now = new Date('2027-02-15T09:00:00Z');
  const followed = await act(a, iv.id, 'follow-up', { channel: 'email', kind: 'update', note: 'Started the course you recommended.' });
  t.equal(followed.interview.state, 'following_up');
  t.equal(followed.event.type, 'interview.followed_up');
  t.equal(followed.interview.version, 7, 'six actions after creation');

  const timeline = await a.call({ method: 'GET', url: `/v1/interviews/${iv.id}/events` });
  t.same(
    timeline.json().data.map((e: { type: string }) => e.type),
    ['interview.created', 'interview.requested', 'interview.scheduled', 'interview.confirmed', 'interview.met', 'interview.thanked', 'interview.followed_up'],
  );
  const seqs = timeline.json().data.map((e: { sequence: number }) => e.sequence);
  t.same([...seqs].sort((x, y) => x - y), seqs, 'timeline is in sequence order');

  const got = await a.call({ method: 'GET', url: `/v1/interviews/${iv.id}` });
  t.equal(got.headers.etag, '"7"');
  t.same(
    got.json().availableActions.map((x: { action: string }) => x.action).sort(),
    ['add_referral', 'close', 'follow_up'],
    'following_up allows follow_up, close and add_referral',
  );
});

t.test('advice where the guidance is ignored, refusals where it is broken', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const s = await seeker(a);
  const cold = await contact(a, { howWeMet: null, researchNotes: null });
  const created = await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.id, contactId: cold.id } });
  const id = created.json().id as string;

  const refused = async (payload: Record<string, unknown>, rule: string) => {
    const res = await a.call({ method: 'POST', url: `/v1/interviews/${id}/request`, payload });
    t.equal(res.statusCode, 422, `${rule}: 422`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.equal(res.json().code, 'action_refused');
    t.ok(res.json().violations.some((v: { rule: string }) => v.rule === rule), `${rule} named`);
  };
  await refused({ ...GOOD_REQUEST, topics: ['a', 'b', 'c'] }, 'too_many_topics');
  await refused({ ...GOOD_REQUEST, requestedMinutes: 14 }, 'duration_out_of_range');
  await refused({ ...GOOD_REQUEST, requestedMinutes: 31 }, 'duration_out_of_range');
  await refused({ ...GOOD_REQUEST, message: 'Are you hiring? Any openings on your team for 20 minutes?' }, 'job_request');

  const still = await a.call({ method: 'GET', url: `/v1/interviews/${id}` });
  t.equal(still.json().state, 'prospect', 'refusals change nothing');
  t.equal(still.json().version, 1);

  const advised = await a.call({ method: 'POST', url: `/v1/interviews/${id}/request`, payload: { channel: 'phone', topics: ['design'], requestedMinutes: 15, message: 'Would you be my mentor?' } });
  t.equal(advised.statusCode, 200, advised.body);
  const rules = advised.json().advisories.map((x: { rule: string }) => x.rule).sort();
  for (const r of ['cold_contact', 'mentorship_ask', 'no_research', 'phone_channel', 'time_ask_missing']) t.ok(rules.includes(r), `advisory ${r}`);
  t.same(advised.json().event.data.advisories.map((x: { rule: string }) => x.rule).sort(), rules, 'advisories are recorded in the event');

  const wrong = await a.call({ method: 'POST', url: `/v1/interviews/${id}/thank`, payload: { channel: 'email' } });
  t.equal(wrong.statusCode, 409);
  t.equal(wrong.json().code, 'invalid_transition');
});

t.test('add_referral creates a contact introduced by this one and a linked prospect', async (t) => {
  const { app, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const iv = await interview(a);
  await act(a, iv.id, 'request', GOOD_REQUEST);
  await act(a, iv.id, 'schedule', { scheduledAt: '2026-12-04T15:00:00Z', mode: 'phone' });
  clock.now = new Date('2026-12-04T16:00:00Z');
  await act(a, iv.id, 'meet', { askedForReferral: true, actualMinutes: 20 });
  const res = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/add-referral`, payload: { name: 'Sam Okafor', organization: 'Beta Labs', mayUseName: true } });
  t.equal(res.statusCode, 200, res.body);
  const { referral, interview: source, event } = res.json();
  t.equal(event.type, 'interview.referral_added');
  t.equal(source.state, 'met', 'the source interview stays where it was');
  t.equal(referral.contact.introducedById, iv.contactId);
  t.equal(referral.contact.mayUseName, true);
  t.equal(referral.interview.state, 'prospect');
  t.equal(referral.interview.referredFromInterviewId, iv.id);
  t.equal(referral.interview.seekerId, iv.seekerId);
});
