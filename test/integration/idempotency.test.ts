import t from 'tap';
import { Maintenance } from '../../src/jobs/index.js';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { GOOD_REQUEST, interview } from '../helpers/fixtures.js';

t.test('a retry with the same key and body replays the first answer without running again', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const send = (payload: object, key = 'key-1') => a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': key }, payload });
  const first = await send({ name: 'Ada', email: 'ada@example.edu' });
  t.equal(first.statusCode, 201);
  const again = await send({ email: 'ada@example.edu', name: 'Ada' });
  t.equal(again.statusCode, 201, 'key order in the body does not matter');
  t.equal(again.body, first.body, 'byte for byte');
  t.equal(again.headers['content-type'], first.headers['content-type']);
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.equal(await db.prisma.seeker.count(), 1, 'one row');
  t.equal(await db.prisma.event.count({ where: { type: 'seeker.created' } }), 1, 'one event');

  const other = await send({ name: 'Someone else' });
  t.equal(other.statusCode, 422);
  t.equal(other.json().code, 'idempotency_key_reused');
  const elsewhere = await a.call({ method: 'POST', url: '/v1/contacts', headers: { 'idempotency-key': 'key-1' }, payload: { name: 'Ada', email: 'ada@example.edu' } });
  t.equal(elsewhere.statusCode, 422, 'the same key on another route is another request');

  const b = await createTenant(app, 'Other');
  const theirs = await b.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'key-1' }, payload: { name: 'Bea' } });
  t.equal(theirs.statusCode, 201, 'keys are per institution');

  const bad = await send({ name: 'Ada' }, 'has space');
  t.equal(bad.statusCode, 400);
});

t.test('ten concurrent duplicates: one write, one event, the rest replay or wait', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const iv = await interview(a);
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, headers: { 'idempotency-key': 'req-once' }, payload: GOOD_REQUEST }),
    ),
  );
  const ok = results.filter((r) => r.statusCode === 200);
  const busy = results.filter((r) => r.statusCode === 409);
  t.equal(ok.length + busy.length, 10, 'every answer is a 200 or a 409');
  t.ok(ok.length >= 1);
  for (const r of ok) t.equal(r.body, ok[0]!.body, 'every 200 is the same answer');
  for (const r of busy) t.equal(r.json().code, 'idempotency_in_progress');
  t.equal(await db.prisma.event.count({ where: { interviewId: iv.id, type: 'interview.requested' } }), 1, 'one event');
  const row = await db.prisma.interview.findUniqueOrThrow({ where: { id: iv.id } });
  t.equal(row.version, 2, 'one write');
});

t.test('refusals are replayed too; abandoned, committed and expired keys behave', async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const iv = await interview(a);
  const refused = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, headers: { 'idempotency-key': 'r1' }, payload: { ...GOOD_REQUEST, requestedMinutes: 45 } });
  t.equal(refused.statusCode, 422);
  const replay = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, headers: { 'idempotency-key': 'r1' }, payload: { ...GOOD_REQUEST, requestedMinutes: 45 } });
  t.equal(replay.statusCode, 422);
  t.equal(replay.body, refused.body);
  t.equal(replay.headers['content-type'], 'application/problem+json; charset=utf-8');

  // A claim left behind by a process that died before committing: taken over after the lock timeout.
  const now = clock.now;
  await db.prisma.idempotencyKey.create({
    data: { institutionId: a.institutionId, key: 'abandoned', requestHash: 'x', status: 'in_flight', lockedAt: new Date(now.getTime() - 120_000), expiresAt: new Date(now.getTime() + 3600_000) },
  });
  const hashOf = async (key: string) => (await db.prisma.idempotencyKey.findFirstOrThrow({ where: { key } })).requestHash;
  // Give the abandoned row the hash this request will have, by first using another key with the same body.
  await a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'probe' }, payload: { name: 'Probe' } });
  await db.prisma.idempotencyKey.update({ where: { institutionId_key: { institutionId: a.institutionId, key: 'abandoned' } }, data: { requestHash: await hashOf('probe') } });
  const takeover = await a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'abandoned' }, payload: { name: 'Probe' } });
  t.equal(takeover.statusCode, 201, 'an abandoned claim is taken over');

  // Committed but the answer was lost: never run twice.
  await db.prisma.idempotencyKey.create({
    data: { institutionId: a.institutionId, key: 'lost', requestHash: await hashOf('probe'), status: 'committed', lockedAt: new Date(now.getTime() - 120_000), expiresAt: new Date(now.getTime() + 3600_000) },
  });
  const lost = await a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'lost' }, payload: { name: 'Probe' } });
  t.equal(lost.statusCode, 409);

  // After 24 hours a key is forgotten: the same key runs anew, and the purge removes old keys.
  clock.now = new Date(now.getTime() + 25 * 3600_000);
  const fresh = await a.call({ method: 'POST', url: '/v1/seekers', headers: { 'idempotency-key': 'probe' }, payload: { name: 'Probe' } });
  t.equal(fresh.statusCode, 201);
  t.not(fresh.json().id, takeover.json().id);
  const logged: object[] = [];
  const log = { debug: () => undefined, info: (o: object) => logged.push(o), warn: () => undefined, error: () => undefined };
  const purged = (await new Maintenance({ db, log, clock: () => clock.now }).tick()).idempotencyKeys;
  t.ok(purged >= 3, `the maintenance job purged ${purged} expired keys`);
  t.same(logged, [{ removed: purged }]);
  t.equal(await db.prisma.idempotencyKey.count({ where: { key: 'probe' } }), 1, 'the fresh one stays');
});
