import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, interview, seeker } from '../helpers/fixtures.js';

t.test('PATCH writes the row and an *.updated event carrying previous values', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const c = await contact(a, { title: 'Analyst', tags: ['data'] });
  const res = await a.call({ method: 'PATCH', url: `/v1/contacts/${c.id}`, payload: { title: 'Staff Engineer', tags: ['data', 'platform'], email: null } });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().title, 'Staff Engineer');
  const ev = await db.prisma.event.findFirstOrThrow({ where: { subjectId: c.id, type: 'contact.updated' } });
  const data = ev.data as { changes: Record<string, { previous: unknown; current: unknown }> };
  t.same(data.changes, {
    title: { previous: 'Analyst', current: 'Staff Engineer' },
    tags: { previous: ['data'], current: ['data', 'platform'] },
  }, 'only what changed, with its previous value');

  const same = await a.call({ method: 'PATCH', url: `/v1/contacts/${c.id}`, payload: { title: 'Staff Engineer' } });
  t.equal(same.statusCode, 200);
  t.equal(await db.prisma.event.count({ where: { subjectId: c.id, type: 'contact.updated' } }), 1, 'a no-op PATCH emits nothing');
});

t.test('DELETE removes a record with a *.deleted event; a referenced one answers 409', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const s = await seeker(a);
  const del = await a.call({ method: 'DELETE', url: `/v1/seekers/${s.id}` });
  t.equal(del.statusCode, 200);
  t.same(del.json(), { id: s.id, deleted: true });
  t.equal((await a.call({ method: 'GET', url: `/v1/seekers/${s.id}` })).statusCode, 404);
  t.equal(await db.prisma.event.count({ where: { subjectId: s.id, type: 'seeker.deleted' } }), 1);

  const iv = await interview(a);
  const busy = await a.call({ method: 'DELETE', url: `/v1/contacts/${iv.contactId}` });
  t.equal(busy.statusCode, 409);
  t.equal(busy.json().code, 'resource_in_use');
  t.equal(await db.prisma.event.count({ where: { subjectId: iv.contactId, type: 'contact.deleted' } }), 0, 'no orphan event');
  t.ok(await db.prisma.contact.findUnique({ where: { id: iv.contactId } }), 'row still there');
});

t.test('externalId is unique per institution, with a clean 409', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other');
  await seeker(a, { externalId: 'S-1' });
  const dup = await a.call({ method: 'POST', url: '/v1/seekers', payload: { name: 'Dup', externalId: 'S-1' } });
  t.equal(dup.statusCode, 409);
  t.equal(dup.json().code, 'external_id_taken');
  const other = await b.call({ method: 'POST', url: '/v1/seekers', payload: { name: 'Fine', externalId: 'S-1' } });
  t.equal(other.statusCode, 201, 'another institution may use the same externalId');
});

t.test('cursor pagination is stable under inserts and filters combine', async (t) => {
  const { app, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const s = await seeker(a);
  const c = await contact(a);
  const ids: string[] = [];
  for (let n = 0; n < 7; n++) {
    const r = await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.id, contactId: c.id } });
    ids.push(r.json().id);
  }
  const p1 = await a.call({ method: 'GET', url: '/v1/interviews?limit=3' });
  t.same(p1.json().data.map((x: { id: string }) => x.id), ids.slice(0, 3));
  // Inserted between pages: must not shift what the next page holds.
  await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.id, contactId: c.id } });
  const p2 = await a.call({ method: 'GET', url: `/v1/interviews?limit=3&cursor=${p1.json().nextCursor}` });
  t.same(p2.json().data.map((x: { id: string }) => x.id), ids.slice(3, 6));
  const p3 = await a.call({ method: 'GET', url: `/v1/interviews?limit=3&cursor=${p2.json().nextCursor}` });
  t.equal(p3.json().data.length, 2, 'the last original plus the new one');
  t.equal(p3.json().nextCursor, null);

  clock.now = new Date('2026-12-02T12:00:00Z');
  await act(a, ids[1]!, 'request', GOOD_REQUEST);
  const requested = await a.call({ method: 'GET', url: `/v1/interviews?state=requested&seekerId=${s.id}&contactId=${c.id}` });
  t.same(requested.json().data.map((x: { id: string }) => x.id), [ids[1]]);
  const since = await a.call({ method: 'GET', url: '/v1/interviews?updatedSince=2026-12-02T00:00:00Z' });
  t.same(since.json().data.map((x: { id: string }) => x.id), [ids[1]]);
  const many = await a.call({ method: 'GET', url: '/v1/interviews?state=prospect,requested&limit=100' });
  t.equal(many.json().data.length, 8);
  const dflt = await a.call({ method: 'GET', url: '/v1/seekers' });
  t.equal(dflt.statusCode, 200);
});

t.test('ids= fetches named seekers or contacts in one call, in id order, paged, this institution only', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  const mine = [];
  for (let i = 0; i < 4; i++) mine.push((await seeker(a, { name: `S${i}` })).id);
  const theirs = (await seeker(b, { name: 'Theirs' })).id;
  const unknown = 'skr_01jdz3v4k8q2w5e7r9t1y3v5z8';
  const list = async (who: typeof a, query: string) => {
    const res = await who.call({ method: 'GET', url: `/v1/seekers?${query}` });
    t.equal(res.statusCode, 200, `${query}: ${res.body.slice(0, 120)}`);
    return res.json<{ data: { id: string }[]; nextCursor: string | null }>();
  };
  const wanted = [mine[3]!, mine[0]!, unknown, theirs, mine[2]!];
  t.same((await list(a, `ids=${wanted.join(',')}`)).data.map((s) => s.id), [mine[0], mine[2], mine[3]], "the named ones that are A's, in id order; unknown and B's left out");
  const first = await list(a, `ids=${wanted.join(',')}&limit=2`);
  t.same(first.data.map((s) => s.id), [mine[0], mine[2]]);
  const second = await list(a, `ids=${wanted.join(',')}&limit=2&cursor=${first.nextCursor}`);
  t.same([second.data.map((s) => s.id), second.nextCursor], [[mine[3]], null], 'pages like the whole list');
  t.same((await list(b, `ids=${mine.join(',')}`)).data, [], "B asking for A's ids gets nothing");

  const c1 = await contact(a, { name: 'Pat' });
  await contact(a, { name: 'Sam' });
  t.same((await a.call({ method: 'GET', url: `/v1/contacts?ids=${c1.id}` })).json<{ data: { id: string }[] }>().data.map((c) => c.id), [c1.id], 'contacts too');
  const i1 = await interview(a, { seekerId: mine[0], contactId: c1.id });
  const i2 = await interview(a, { seekerId: mine[1], contactId: c1.id });
  await interview(a, { seekerId: mine[2], contactId: c1.id });
  const ivs = await a.call({ method: 'GET', url: `/v1/interviews?ids=${i2.id},${i1.id}&seekerId=${mine[0]}` });
  t.same(ivs.json<{ data: { id: string }[] }>().data.map((i) => i.id), [i1.id], 'interviews too, and with the other filters');

  for (const [query, why] of [
    ['ids=', 'empty'],
    [`ids=${mine[0]},not-an-id`, 'a malformed id'],
    [`ids=${c1.id}`, "a contact's id on seekers"],
    [`ids=${Array.from({ length: 101 }, () => unknown).join(',')}`, '101 ids'],
  ]) {
    const res = await a.call({ method: 'GET', url: `/v1/seekers?${query}` });
    t.equal(res.statusCode, 400, `${why}: 400`);
    t.match(res.json(), { code: 'validation_failed', violations: [{ field: /^querystring\.ids/ }] }, `${why}: names ids`);
  }
});

t.test('the change feed pages with after= and filters by type', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  for (let n = 0; n < 5; n++) await seeker(a, { name: `S${n}` });
  const first = await a.call({ method: 'GET', url: '/v1/events?limit=2' });
  t.same(first.json().data.map((e: { sequence: number }) => e.sequence), [1, 2]);
  const next = await a.call({ method: 'GET', url: `/v1/events?limit=10&after=${first.json().nextCursor}` });
  t.same(next.json().data.map((e: { sequence: number }) => e.sequence), [3, 4, 5, 6]);
  t.equal(next.json().nextCursor, null);
  const typed = await a.call({ method: 'GET', url: '/v1/events?types=institution.created' });
  t.same(typed.json().data.map((e: { type: string }) => e.type), ['institution.created']);
  t.match(typed.json().data[0].data.actor, { type: 'operator' });
});

t.test('institution settings: PATCH policy changes what the rules say', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const patched = await a.call({ method: 'PATCH', url: '/v1/institution', payload: { timeZone: 'Europe/Paris', policy: { maxTopics: 3, ruleSeverity: { phone_channel: 'error' } } } });
  t.equal(patched.statusCode, 200, patched.body);
  t.equal(patched.json().policy.maxTopics, 3);
  t.equal(patched.json().timeZone, 'Europe/Paris');
  const iv = await interview(a);
  const three = await a.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, payload: { ...GOOD_REQUEST, topics: ['a', 'b', 'c'], channel: 'phone' } });
  t.equal(three.statusCode, 422);
  t.same(three.json().violations.map((v: { rule: string }) => v.rule), ['phone_channel'], 'three topics now fine; phone now an error');
  const sm = await a.call({ method: 'GET', url: '/v1/state-machine' });
  t.equal(sm.json().rules.find((r: { code: string }) => r.code === 'phone_channel').kind, 'refusal');
  t.match(sm.json().mermaid, /stateDiagram-v2/);
  const badTz = await a.call({ method: 'PATCH', url: '/v1/institution', payload: { timeZone: 'Mars/Olympus' } });
  t.equal(badTz.statusCode, 400);
});

t.test('a policy patch that contradicts the stored policy is a 400 and changes nothing', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const res = await a.call({ method: 'PATCH', url: '/v1/institution', payload: { policy: { minRequestedMinutes: 45 } } });
  t.equal(res.statusCode, 400, res.body);
  t.equal(res.json().code, 'validation_failed');
  const after = await a.call({ method: 'GET', url: '/v1/institution' });
  t.equal(after.json().policy.minRequestedMinutes, 15);
});

t.test('introductions cannot form a loop', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const x = await contact(a, { name: 'X' });
  const y = await contact(a, { name: 'Y', introducedById: x.id });
  const z = await contact(a, { name: 'Z', introducedById: y.id });
  const loop = await a.call({ method: 'PATCH', url: `/v1/contacts/${x.id}`, payload: { introducedById: z.id } });
  t.equal(loop.statusCode, 400, loop.body);
  t.equal(loop.json().violations[0].rule, 'introduction_loop');
  const self = await a.call({ method: 'PATCH', url: `/v1/contacts/${x.id}`, payload: { introducedById: x.id } });
  t.equal(self.statusCode, 400);
  const fine = await a.call({ method: 'PATCH', url: `/v1/contacts/${z.id}`, payload: { introducedById: x.id } });
  t.equal(fine.statusCode, 200, 'moving an introduction up the tree is fine');
});
