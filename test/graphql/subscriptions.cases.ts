import t from 'tap';
import { issueApiKey, revokeApiKey } from '../../src/services/api-key-admin.js';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { GOOD_REQUEST, interview } from '../helpers/fixtures.js';
import { freePort, spawnTs, waitFor } from '../helpers/process.js';
import { create, follow, following, listen } from './subscribe.js';

// The `events` subscription over a real WebSocket (graphql-transport-ws, the
// graphql-ws client): the caller's institution only, in sequence order, fed by
// the event log through PostgreSQL LISTEN/NOTIFY, so an event written by
// another process arrives too.

t.test("a subscriber gets its institution's events in order, and another institution's subscriber nothing", async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app, 'A');
  const b = await createTenant(app, 'B');
  const url = await listen(app);
  const subA = follow(t, url, a.key);
  const subB = follow(t, url, b.key);
  const typed = follow(t, url, a.key, { types: ['contact.created'] });
  await following(app, a.institutionId, 2);
  await following(app, b.institutionId, 1);

  for (const name of ['One', 'Two', 'Three']) await create(a, name);
  await a.call({ method: 'POST', url: '/v1/contacts', payload: { name: 'Pat' } });
  await waitFor('A receives four events', () => (subA.got.length >= 4 ? true : undefined), 30_000);
  t.same(subA.got.map((e) => e.type), ['seeker.created', 'seeker.created', 'seeker.created', 'contact.created']);
  t.same(subA.got.map((e) => e.sequence), [2, 3, 4, 5], 'in sequence order, nothing missed');
  t.same(subA.got.map((e) => (e.data.seeker as { name: string } | undefined)?.name).slice(0, 3), ['One', 'Two', 'Three']);
  await waitFor('the typed subscriber', () => (typed.got.length >= 1 ? true : undefined), 30_000);
  t.same(typed.got.map((e) => e.type), ['contact.created'], 'types filters');

  // B's subscription works (it sees its own event) and has seen none of A's.
  await create(b, 'Bee');
  await waitFor('B receives its own event', () => (subB.got.length >= 1 ? true : undefined), 30_000);
  t.same(subB.got.map((e) => [e.type, (e.data.seeker as { name: string }).name]), [['seeker.created', 'Bee']], "B never saw A's events");
  t.same(subA.errors, []);
});

t.test('a subscription needs a valid key; `after` replays from an event', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const url = await listen(app);
  const anonymous = follow(t, url, null);
  const forged = follow(t, url, 'rk_forged');
  await waitFor('errors', () => (anonymous.errors.length && forged.errors.length ? true : undefined), 30_000);
  t.equal(anonymous.errors[0]!.extensions?.code, 'unauthorized');
  t.equal(forged.errors[0]!.extensions?.code, 'unauthorized');

  await create(a, 'Before');
  const feed = (await a.call({ method: 'GET', url: '/v1/events' })).json().data as { id: string; sequence: number }[];
  const replay = follow(t, url, a.key, { after: feed[0]!.id });
  await following(app, a.institutionId);
  await create(a, 'After');
  await waitFor('replay and live', () => (replay.got.length >= 2 ? true : undefined), 30_000);
  t.same(replay.got.map((e) => (e.data.seeker as { name: string }).name), ['Before', 'After'], 'the backlog, then live, without a gap or a repeat');
  const badAfter = follow(t, url, a.key, { after: 'evt_01jdz3v4k8q2w5e7r9t1y3v5k7' });
  const badField = follow(t, url, a.key, {}, 'subscription { events { nope } }');
  await waitFor('refusals', () => (badAfter.errors.length && badField.errors.length ? true : undefined), 30_000);
  t.equal(badAfter.errors[0]!.extensions?.code, 'invalid_cursor');
  t.equal(badField.errors[0]!.extensions?.code, 'validation_failed', 'subscriptions are validated like queries');
});

t.test('revoking the key ends its open subscriptions; other keys keep theirs', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const url = await listen(app);
  const system = { type: 'system', id: 'test' } as const;
  const doomed = await issueApiKey(db, () => new Date(), system, { institutionId: a.institutionId, name: 'Portal', scopes: ['read'] });
  const ended = follow(t, url, doomed.secret);
  const stays = follow(t, url, a.key);
  await following(app, a.institutionId, 2);
  await create(a, 'Before');
  await waitFor('both see it', () => (ended.got.length && stays.got.length ? true : undefined), 30_000);

  await revokeApiKey(db, () => new Date(), system, doomed.apiKey.id);
  await waitFor('the revoked one ends', () => (ended.errors.length ? true : undefined), 30_000);
  t.equal(ended.errors[0]!.extensions?.code, 'unauthorized', ended.errors[0]!.message);
  await waitFor('the server lets go of it', () => (app.eventBus.subscriberCount(a.institutionId) === 1 ? true : undefined), 30_000);
  await create(a, 'After');
  await waitFor('the other key still follows', () => (stays.got.length >= 3 ? true : undefined), 30_000);
  t.same(stays.got.map((e) => e.type), ['seeker.created', 'api_key.revoked', 'seeker.created'], 'the other subscriber sees the revocation as an event, then goes on');
  t.same(ended.got.map((e) => e.type), ['seeker.created'], 'the revoked one got nothing after its revocation');
});

t.test('across processes on PostgreSQL: an event written by another API process arrives', async (t) => {
  const { app, databaseUrl } = await buildTestApp(t);
  const a = await createTenant(app);
  const url = await listen(app);
  const port = await freePort();
  const other = spawnTs('src/server.ts', [], { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  t.teardown(() => other.child.kill('SIGKILL'));
  await waitFor('the second process', async () => ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok ? true : undefined), 30_000);

  const sub = follow(t, url, a.key);
  await following(app, a.institutionId);
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { createSeeker(input: { name: "From elsewhere" }) { seeker { id } } }' }),
  });
  t.equal(res.status, 200);
  await waitFor('the event from the other process', () => (sub.got.length >= 1 ? true : undefined), 30_000);
  t.same(sub.got.map((e) => [e.type, (e.data.seeker as { name: string }).name]), [['seeker.created', 'From elsewhere']]);

  // An interview action taken over there arrives here too.
  const iv = await interview(a);
  const requested = await fetch(`http://127.0.0.1:${port}/v1/interviews/${iv.id}/request`, {
    method: 'POST',
    headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(GOOD_REQUEST),
  });
  t.equal(requested.status, 200);
  await waitFor('the action', () => (sub.got.some((e) => e.type === 'interview.requested') ? true : undefined), 30_000);
  t.same(sub.got.map((e) => e.type), ['seeker.created', 'seeker.created', 'contact.created', 'interview.created', 'interview.requested']);
  t.same(sub.got.map((e) => e.sequence), [2, 3, 4, 5, 6], 'one order across both processes');
});
