import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { act, GOOD_REQUEST, interview } from '../helpers/fixtures.js';

// Twenty clients confirm the same meeting at once: exactly one wins, the rest
// get a clean 409 and no second event is written. On both databases.
for (const embedded of [false, true]) {
  t.test(`20 concurrent confirms on ${embedded ? 'the embedded database' : 'PostgreSQL'}`, async (t) => {
    const { app, db } = await buildTestApp(t, { embedded, now: new Date('2026-12-01T12:00:00Z') });
    const a = await createTenant(app);
    const iv = await interview(a);
    await act(a, iv.id, 'request', GOOD_REQUEST);
    await act(a, iv.id, 'schedule', { scheduledAt: '2026-12-05T15:00:00Z', mode: 'phone' });

    const results = await Promise.all(
      Array.from({ length: 20 }, () => a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/confirm`, payload: { channel: 'email' } })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    t.same(statuses, [200, ...Array<number>(19).fill(409)], 'one 200, nineteen 409');
    for (const r of results.filter((x) => x.statusCode === 409)) {
      t.equal(r.json().code, 'invalid_transition');
    }
    const confirmed = await db.prisma.event.count({ where: { interviewId: iv.id, type: 'interview.confirmed' } });
    t.equal(confirmed, 1, 'exactly one interview.confirmed event');
    const row = await db.prisma.interview.findUniqueOrThrow({ where: { id: iv.id } });
    t.equal(row.state, 'confirmed');
    t.equal(row.version, 4);
  });
}

t.test('event sequences stay gapless and unique under concurrent writes', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  await Promise.all(Array.from({ length: 30 }, (_, n) => a.call({ method: 'POST', url: '/v1/seekers', payload: { name: `Seeker ${n}` } })));
  const seqs = (await db.prisma.event.findMany({ where: { institutionId: a.institutionId }, orderBy: { sequence: 'asc' } })).map((e) => e.sequence);
  t.same(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  t.equal(seqs.length, 31, 'institution.created plus thirty seeker.created');
});

t.test('If-Match: a stale version answers 412 and changes nothing', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const iv = await interview(a);
  const read = await a.call({ method: 'GET', url: `/v1/interviews/${iv.id}` });
  const etag = read.headers.etag as string;
  t.equal(etag, '"1"');

  const ok = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, headers: { 'if-match': etag }, payload: GOOD_REQUEST });
  t.equal(ok.statusCode, 200);
  t.equal(ok.headers.etag, '"2"');

  const stale = await a.call({ method: 'PATCH', url: `/v1/interviews/${iv.id}`, headers: { 'if-match': etag }, payload: { notes: 'late edit' } });
  t.equal(stale.statusCode, 412);
  t.equal(stale.json().code, 'version_conflict');
  t.equal(stale.json().currentVersion, 2);

  const garbage = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/cancel`, headers: { 'if-match': 'nonsense' } });
  t.equal(garbage.statusCode, 412);

  const row = await db.prisma.interview.findUniqueOrThrow({ where: { id: iv.id } });
  t.equal(row.notes, null);
  t.equal(row.state, 'requested');
  t.equal(await db.prisma.event.count({ where: { interviewId: iv.id } }), 2);

  const fresh = await a.call({ method: 'PATCH', url: `/v1/interviews/${iv.id}`, headers: { 'if-match': '"2"' }, payload: { notes: 'fresh edit' } });
  t.equal(fresh.statusCode, 200);
  t.equal(fresh.json().version, 3);
});
