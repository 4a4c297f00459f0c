import t from 'tap';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { contact } from '../helpers/fixtures.js';

// PUT /v1/{seekers,contacts}/by-external-id/{externalId}: create or update in
// one call, with the single writes' events and codes.

const events = (db: Awaited<ReturnType<typeof buildTestApp>>['db'], type: string) => db.prisma.event.findMany({ where: { type }, orderBy: { sequence: 'asc' } });

t.test('create, unchanged, update and merge, each with its status, header and event', async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const put = (body: Record<string, unknown>, id = 'crm-1') => a.call({ method: 'PUT', url: `/v1/seekers/by-external-id/${id}`, payload: body });

  const created = await put({ name: 'Ada Student', email: 'ada@example.edu', notes: 'Career changer' });
  t.equal(created.statusCode, 201, created.body);
  t.equal(created.headers['rapport-upsert'], 'created');
  t.match(created.json(), { externalId: 'crm-1', name: 'Ada Student', email: 'ada@example.edu', notes: 'Career changer', id: /^skr_/ });
  const id = created.json().id as string;
  const [ev] = await events(db, 'seeker.created');
  t.equal(ev?.subjectId, id);
  t.match(ev?.data, { seeker: { id, externalId: 'crm-1', name: 'Ada Student' } }, 'the event carries the record, as POST does');

  clock.now = new Date('2026-12-02T12:00:00Z');
  const same = await put({ name: 'Ada Student', email: 'ada@example.edu', notes: 'Career changer' });
  t.equal(same.statusCode, 200);
  t.equal(same.headers['rapport-upsert'], 'unchanged');
  t.equal(same.json().updatedAt, created.json().updatedAt, 'nothing written');
  t.equal(await db.prisma.event.count({ where: { subjectId: id } }), 1, 'no event when nothing changed');

  // Fields left out are kept; the body's externalId may repeat the path's.
  const renamed = await put({ externalId: 'crm-1', name: 'Ada Lovelace' });
  t.equal(renamed.statusCode, 200);
  t.equal(renamed.headers['rapport-upsert'], 'updated');
  t.match(renamed.json(), { id, name: 'Ada Lovelace', email: 'ada@example.edu', notes: 'Career changer', updatedAt: '2026-12-02T12:00:00.000Z' });
  const [upd] = await events(db, 'seeker.updated');
  t.same((upd!.data as { changes: unknown }).changes, { name: { previous: 'Ada Student', current: 'Ada Lovelace' } }, 'only what changed');

  // null clears.
  const cleared = await put({ name: 'Ada Lovelace', email: null });
  t.equal(cleared.headers['rapport-upsert'], 'updated');
  t.equal(cleared.json().email, null);
  t.equal(cleared.json().notes, 'Career changer');
  t.equal(await db.prisma.seeker.count(), 1);
  t.equal(await db.prisma.event.count({ where: { subjectId: id } }), 3);

  // The record is the one PATCH and GET see.
  const got = await a.call({ method: 'GET', url: `/v1/seekers/${id}` });
  t.same(got.json(), cleared.json());
});

t.test('contacts: tags, booleans, the introducer rules and the codes of a single write', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const put = (id: string, body: Record<string, unknown>) => a.call({ method: 'PUT', url: `/v1/contacts/by-external-id/${encodeURIComponent(id)}`, payload: body });
  const intro = await contact(a, { name: 'Sam Okafor' });

  const c = await put('c-1', { name: 'Pat Rivera', tags: ['data', 'alumni'], introducedById: intro.id, mayUseName: true });
  t.equal(c.statusCode, 201, c.body);
  t.match(c.json(), { tags: ['data', 'alumni'], introducedById: intro.id, mayUseName: true, organization: null });
  const again = await put('c-1', { name: 'Pat Rivera', tags: ['data', 'alumni'] });
  t.equal(again.headers['rapport-upsert'], 'unchanged', 'left-out fields are not cleared');
  const retagged = await put('c-1', { name: 'Pat Rivera', tags: [] });
  t.equal(retagged.headers['rapport-upsert'], 'updated');
  t.same(retagged.json().tags, []);

  const dangling = await put('c-2', { name: 'X', introducedById: 'con_01jdz3v4k8q2w5e7r9t1y3v5k7' });
  t.equal(dangling.statusCode, 422);
  t.equal(dangling.json().code, 'related_not_found');
  const self = await put('c-1', { name: 'Pat Rivera', introducedById: c.json().id });
  t.equal(self.statusCode, 400);
  t.equal(self.json().code, 'validation_failed');
  t.match(self.json().violations, [{ rule: 'self_reference', field: 'introducedById' }]);
  // A loop through an update: Sam introduced Pat, so Pat cannot introduce Sam.
  const loop = await a.call({ method: 'PATCH', url: `/v1/contacts/${intro.id}`, payload: { introducedById: c.json().id } });
  t.equal(loop.statusCode, 400);
  const bad = await put('c-3', { name: '', email: 'not-an-email' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'validation_failed');
  t.ok((bad.json().violations as { field: string }[]).some((v) => v.field === 'body.email'));
  t.equal(await db.prisma.contact.count(), 2, 'refusals wrote nothing');
  t.equal(await db.prisma.event.count({ where: { type: 'contact.created' } }), 2);
});

t.test('externalId: validated with clear 400s, any printable text goes through the path', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const put = (raw: string, body: Record<string, unknown> = { name: 'Ada' }) => a.call({ method: 'PUT', url: `/v1/seekers/by-external-id/${raw}`, payload: body });

  for (const [raw, rule] of [
    ['tab%09inside', 'control characters'],
    ['line%0Abreak', 'control characters'],
    ['nul%00', 'control characters'],
    ['%20padded', 'whitespace'],
    ['padded%20', 'whitespace'],
  ] as const) {
    const res = await put(raw);
    t.equal(res.statusCode, 400, raw);
    t.equal(res.json().code, 'validation_failed', raw);
    t.match(res.json().violations, [{ field: 'params.externalId', message: new RegExp(rule) }], raw);
  }
  // 255 (UTF-16 units, as zod counts) fit in a path, even percent-encoded non-ASCII; 256 are refused by the schema.
  const longest = await put(encodeURIComponent('é'.repeat(253) + '😀'));
  t.equal(longest.statusCode, 201, `255 characters: ${longest.body.slice(0, 200)}`);
  const long = await put('x'.repeat(256));
  t.equal(long.statusCode, 400, `too long: ${long.statusCode}`);
  t.match(long.json(), { code: 'validation_failed', violations: [{ field: 'params.externalId' }] });

  const mismatch = await put('crm-9', { name: 'Ada', externalId: 'crm-8' });
  t.equal(mismatch.statusCode, 400);
  t.match(mismatch.json(), { code: 'validation_failed', violations: [{ rule: 'external_id_mismatch', field: 'body.externalId' }] });
  const badBody = await put('crm-9', { name: 'Ada', externalId: 'a\tb' });
  t.equal(badBody.statusCode, 400, 'the body externalId follows the same rule');

  const odd = 'Ünïcødé/ID with spaces & ?#';
  const ok = await put(encodeURIComponent(odd));
  t.equal(ok.statusCode, 201, ok.body);
  t.equal(ok.json().externalId, odd, 'percent-encoded slashes, spaces and reserved characters arrive intact');
  t.equal((await put(encodeURIComponent(odd))).headers['rapport-upsert'], 'unchanged');
  t.equal(await db.prisma.seeker.count(), 2, 'the longest id and this one; every refusal wrote nothing');
});

t.test('20 concurrent PUTs of one externalId: one row, one created event, no 5xx', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const body = { name: 'Pat Rivera', organization: 'Acme', tags: ['x'] };
  const results = await Promise.all(Array.from({ length: 20 }, () => a.call({ method: 'PUT', url: '/v1/contacts/by-external-id/race-1', payload: body })));
  const statuses = results.map((r) => r.statusCode);
  t.same(statuses.filter((s) => s >= 500), [], 'no server error');
  t.equal(statuses.filter((s) => s === 201).length, 1, 'one created');
  t.equal(statuses.filter((s) => s === 200).length, 19, 'the others found it');
  t.same([...new Set(results.map((r) => r.json().id as string))].length, 1, 'all answer the same record');
  t.same(results.map((r) => r.headers['rapport-upsert']).sort(), ['created', ...Array<string>(19).fill('unchanged')]);
  t.equal(await db.prisma.contact.count({ where: { externalId: 'race-1' } }), 1);
  t.equal(await db.prisma.event.count({ where: { type: 'contact.created' } }), 1);
  t.equal(await db.prisma.event.count({ where: { type: 'contact.updated' } }), 0);

  // Racing different bodies: still one row, and each update an event of a real change.
  const racing = await Promise.all(
    Array.from({ length: 20 }, (_, n) => a.call({ method: 'PUT', url: '/v1/contacts/by-external-id/race-2', payload: { name: `Version ${n % 4}` } })),
  );
  t.same(racing.filter((r) => r.statusCode >= 500).map((r) => r.body), []);
  t.equal(await db.prisma.contact.count({ where: { externalId: 'race-2' } }), 1);
  t.equal(await db.prisma.event.count({ where: { type: 'contact.created', subjectId: racing[0]!.json().id } }), 1);
  const updates = racing.filter((r) => r.headers['rapport-upsert'] === 'updated').length;
  t.equal(await db.prisma.event.count({ where: { type: 'contact.updated', subjectId: racing[0]!.json().id } }), updates, 'one event per real change');
});

t.test('tenancy and scopes', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  const mine = await a.call({ method: 'PUT', url: '/v1/seekers/by-external-id/shared-1', payload: { name: 'Ada' } });
  const theirs = await b.call({ method: 'PUT', url: '/v1/seekers/by-external-id/shared-1', payload: { name: 'Bea' } });
  t.equal(mine.statusCode, 201);
  t.equal(theirs.statusCode, 201, 'the same externalId in another institution is another record');
  t.not(mine.json().id, theirs.json().id);
  t.equal((await a.call({ method: 'GET', url: `/v1/seekers/${mine.json().id}` })).json().name, 'Ada', 'untouched');
  // B cannot reach A's contact as an introducer.
  const c = await contact(a);
  const cross = await b.call({ method: 'PUT', url: '/v1/contacts/by-external-id/x', payload: { name: 'X', introducedById: c.id } });
  t.equal(cross.statusCode, 422);

  const readKey = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'reader', ['read'], new Date()));
  const ro = await app.inject({ method: 'PUT', url: '/v1/seekers/by-external-id/shared-1', headers: { authorization: `Bearer ${readKey.secret}` }, payload: { name: 'Z' } });
  t.equal(ro.statusCode, 403);
  t.equal(ro.json().code, 'insufficient_scope');
  const anon = await app.inject({ method: 'PUT', url: '/v1/seekers/by-external-id/shared-1', payload: { name: 'Z' } });
  t.equal(anon.statusCode, 401);
});
