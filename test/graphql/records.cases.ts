import t from 'tap';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { contact, GOOD_REQUEST, interview, seeker } from '../helpers/fixtures.js';
import { codes, gql, rawGql } from './helpers.js';

t.test('seekers and contacts: create, read, list, update, delete, with the REST codes', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const q = gql(a);

  const made = await q(`mutation { createSeeker(input: { name: "Ada Student", email: "ada@example.edu", externalId: "S-1" }) { seeker { id name email } } }`);
  t.same(made.errors, undefined);
  const sid = made.data!.createSeeker.seeker.id as string;
  t.equal(await db.prisma.event.count({ where: { subjectId: sid, type: 'seeker.created' } }), 1, 'the same event as REST');

  const dup = await q(`mutation { createSeeker(input: { name: "Twin", externalId: "S-1" }) { seeker { id } } }`);
  t.same(codes(dup), ['external_id_taken']);
  t.equal(dup.errors![0]!.extensions.status, 409);

  const upd = await q(`mutation($id: ID!) { updateSeeker(id: $id, input: { email: null, notes: "Career changer" }) { seeker { email notes } } }`, { id: sid });
  t.same(upd.data!.updateSeeker.seeker, { email: null, notes: 'Career changer' }, 'null clears a nullable field');

  const c = await q(`mutation { createContact(input: { name: "Pat Rivera", tags: ["data"], howWeMet: "Alumni mixer" }) { contact { id tags introducedBy { id } } } }`);
  const cid = c.data!.createContact.contact.id as string;
  const intro = await q(`mutation($c: ID!) { createContact(input: { name: "Sam Okafor", introducedById: $c }) { contact { introducedBy { name } } } }`, { c: cid });
  t.equal(intro.data!.createContact.contact.introducedBy.name, 'Pat Rivera');
  const dangling = await q(`mutation { createContact(input: { name: "Dangling", introducedById: "con_01jdz3v4k8q2w5e7r9t1y3v5k7" }) { contact { id } } }`);
  t.same(codes(dangling), ['related_not_found']);
  const self = await q(`mutation($c: ID!) { updateContact(id: $c, input: { introducedById: $c }) { contact { id } } }`, { c: cid });
  t.same(codes(self), ['validation_failed']);

  const list = await q(`{ seekers(first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } } contacts { totalCount edges { cursor node { name } } pageInfo { endCursor } } }`);
  t.equal(list.data!.seekers.totalCount, 1);
  t.equal(list.data!.contacts.totalCount, 2);
  t.equal(list.data!.contacts.pageInfo.endCursor, list.data!.contacts.edges[1].cursor);

  const iv = await q(`mutation($s: ID!, $c: ID!) { createInterview(input: { seekerId: $s, contactId: $c }) { interview { id } } }`, { s: sid, c: cid });
  const busy = await q(`mutation($c: ID!) { deleteContact(id: $c) { id deleted } }`, { c: cid });
  t.same(codes(busy), ['resource_in_use']);
  t.equal(await db.prisma.event.count({ where: { subjectId: cid, type: 'contact.deleted' } }), 0, 'no orphan event');
  const noSeeker = await q(`mutation($c: ID!) { createInterview(input: { seekerId: "skr_01jdz3v4k8q2w5e7r9t1y3v5k7", contactId: $c }) { interview { id } } }`, { c: cid });
  t.same(codes(noSeeker), ['related_not_found']);
  t.ok(iv.data!.createInterview.interview.id);

  const s2 = await seeker(a, { name: 'To delete' });
  const del = await q(`mutation($id: ID!) { deleteSeeker(id: $id) { id deleted } }`, { id: s2.id });
  t.same(del.data!.deleteSeeker, { id: s2.id, deleted: true });
  const gone = await q(`query($id: ID!) { seeker(id: $id) { id } }`, { id: s2.id });
  t.same(gone.data, { seeker: null });
  t.same(codes(gone), ['not_found']);
});

t.test('seekers(ids:) and contacts(ids:) as REST ?ids=, with totalCount of the named ones', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await seeker(a, { name: `S${i}` })).id);
  const theirs = (await seeker(b)).id;
  const q = gql(a);
  const res = await q(`query($ids: [ID!]) { seekers(ids: $ids, first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`, { ids: [ids[2], theirs, ids[0]] });
  t.same(res.errors, undefined);
  t.same(res.data!.seekers, { totalCount: 2, edges: [{ node: { id: ids[0] } }], pageInfo: { hasNextPage: true } }, "A's named seekers only, paged");
  const rest = (await a.call({ method: 'GET', url: `/v1/seekers?ids=${[ids[2], theirs, ids[0]].join(',')}` })).json<{ data: { id: string }[] }>().data.map((s) => s.id);
  const all = (await q(`query($ids: [ID!]) { seekers(ids: $ids) { edges { node { id } } } }`, { ids: [ids[2], theirs, ids[0]] })).data!.seekers.edges.map((e: { node: { id: string } }) => e.node.id);
  t.same(all, rest, 'the same answer as REST');
  const c = await contact(a, { name: 'Pat' });
  t.same((await q(`query($ids: [ID!]) { contacts(ids: $ids) { totalCount } }`, { ids: [c.id] })).data!.contacts.totalCount, 1);
  const [i1, i2] = [await interview(a, { seekerId: ids[0], contactId: c.id }), await interview(a, { seekerId: ids[1], contactId: c.id })];
  await interview(a, { seekerId: ids[2], contactId: c.id });
  const named = await q(`query($ids: [ID!]) { interviews(filter: { ids: $ids }) { totalCount edges { node { id } } } }`, { ids: [i2.id, i1.id] });
  t.same(named.data!.interviews, { totalCount: 2, edges: [{ node: { id: i1.id } }, { node: { id: i2.id } }].sort((x, y) => (x.node.id < y.node.id ? -1 : 1)) }, 'InterviewFilter.ids');
  const bad = await q(`{ seekers(ids: ["con_01jdz3v4k8q2w5e7r9t1y3v5z8"]) { totalCount } }`);
  t.same(codes(bad), ['validation_failed']);
  t.match(bad.errors![0]!.extensions.violations![0]!.field, /^args\.ids/);
});

t.test('interviews: filters, pages and updateInterview as on REST', async (t) => {
  const { app, clock } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const s = await seeker(a);
  const c = await contact(a);
  const ids: string[] = [];
  for (let n = 0; n < 5; n++) ids.push((await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.id, contactId: c.id } })).json().id);
  const LIST = `query($after: String, $f: InterviewFilter) { interviews(first: 2, after: $after, filter: $f) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
  const p1 = await q(LIST);
  t.same(p1.data!.interviews.edges.map((e: { node: { id: string } }) => e.node.id), ids.slice(0, 2));
  const p2 = await q(LIST, { after: p1.data!.interviews.pageInfo.endCursor });
  t.same(p2.data!.interviews.edges.map((e: { node: { id: string } }) => e.node.id), ids.slice(2, 4));
  const rest = await a.call({ method: 'GET', url: `/v1/interviews?limit=2&cursor=${p1.data!.interviews.pageInfo.endCursor}` });
  t.same(rest.json().data.map((x: { id: string }) => x.id), ids.slice(2, 4), 'GraphQL and REST cursors are the same');
  t.equal(p1.data!.interviews.totalCount, 5);

  clock.now = new Date('2026-12-02T12:00:00Z');
  await a.call({ method: 'POST', url: `/v1/interviews/${ids[1]}/request`, payload: GOOD_REQUEST });
  const requested = await q(LIST, { f: { state: ['requested'], seekerId: s.id, updatedSince: '2026-12-02T00:00:00Z' } });
  t.same(requested.data!.interviews.edges.map((e: { node: { id: string } }) => e.node.id), [ids[1]]);
  t.equal(requested.data!.interviews.totalCount, 1, 'totalCount follows the filter');

  const badCursor = await q(LIST, { after: 'junk' });
  t.same(codes(badCursor), ['invalid_cursor']);
  const badFirst = await q(`{ interviews(first: 0) { totalCount } }`);
  t.same(codes(badFirst), ['validation_failed']);
  t.equal(badFirst.errors![0]!.extensions.violations![0]!.field, 'args.first');

  const UPDATE = `mutation($id: ID!, $v: Int) { updateInterview(id: $id, input: { notes: "bring the portfolio" }, expectedVersion: $v) { interview { notes version } } }`;
  t.same(codes(await q(UPDATE, { id: ids[1], v: 1 })), ['version_conflict']);
  const ok = await q(UPDATE, { id: ids[1], v: 2 });
  t.same(ok.data!.updateInterview.interview, { notes: 'bring the portfolio', version: 3 });

  const feed = await q(`{ events(first: 2, types: ["interview.created"]) { edges { cursor node { type sequence } } pageInfo { hasNextPage endCursor } } }`);
  t.same(feed.data!.events.edges.map((e: { node: { type: string } }) => e.node.type), ['interview.created', 'interview.created']);
  t.equal(feed.data!.events.pageInfo.endCursor, feed.data!.events.edges[1].cursor);
  const next = await q(`query($after: ID) { events(first: 10, after: $after, types: ["interview.created"]) { edges { node { sequence } } pageInfo { hasNextPage } } }`, { after: feed.data!.events.pageInfo.endCursor });
  t.equal(next.data!.events.edges.length, 3);
  t.equal(next.data!.events.pageInfo.hasNextPage, false);
});

t.test("tenant isolation: another institution's ids are null with not_found, and nothing leaks through relations", async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app, 'A');
  const b = await createTenant(app, 'B');
  const iv = await interview(a);
  const qb = gql(b);
  const r = await qb(`query($i: ID!, $s: ID!, $c: ID!) { interview(id: $i) { id } seeker(id: $s) { id } contact(id: $c) { id } }`, { i: iv.id, s: iv.seekerId, c: iv.contactId });
  t.same(r.data, { interview: null, seeker: null, contact: null });
  t.same(codes(r), ['not_found', 'not_found', 'not_found']);
  const list = await qb(`{ interviews { totalCount edges { node { id } } } seekers { totalCount } contacts { totalCount } events { edges { node { type } } } }`);
  t.equal(list.data!.interviews.totalCount, 0);
  t.equal(list.data!.seekers.totalCount, 0);
  t.same(list.data!.events.edges.map((e: { node: { type: string } }) => e.node.type), ['institution.created']);
  const before = await db.prisma.event.count();
  const write = await qb(`mutation($i: ID!) { cancelInterview(id: $i) { interview { id } } }`, { i: iv.id });
  t.same(codes(write), ['not_found']);
  const cross = await qb(`mutation($s: ID!, $c: ID!) { createInterview(input: { seekerId: $s, contactId: $c }) { interview { id } } }`, { s: iv.seekerId, c: iv.contactId });
  t.same(codes(cross), ['related_not_found']);
  t.equal(await db.prisma.event.count(), before, 'nothing written');
});

t.test('auth: the same keys and scopes as REST', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const none = await rawGql(app, '{ institution { name } }');
  t.same(none.data, { institution: null });
  t.same(codes(none), ['unauthorized']);
  t.equal(none.errors![0]!.extensions.status, 401);
  const bad = await rawGql(app, '{ institution { name } }', { authorization: 'Bearer rk_not_a_key' });
  t.same(codes(bad), ['unauthorized']);
  const intro = await rawGql(app, '{ __schema { queryType { name } } }');
  t.same(intro.data, { __schema: { queryType: { name: 'Query' } } }, 'introspection needs no key');

  const readKey = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'reader', ['read'], new Date()));
  const reader = { authorization: `Bearer ${readKey.secret}` };
  const ok = await rawGql(app, '{ institution { name } }', reader);
  t.same(ok.data, { institution: { name: 'Test Career Centre' } });
  const w = await rawGql(app, 'mutation { createSeeker(input: { name: "X" }) { seeker { id } } }', reader);
  t.same(codes(w), ['insufficient_scope']);
  t.equal(w.errors![0]!.extensions.status, 403);
  const writeKey = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'writer', ['write'], new Date()));
  const admin = await rawGql(app, 'mutation { updateInstitution(input: { name: "Y" }) { name } }', { authorization: `Bearer ${writeKey.secret}` });
  t.same(codes(admin), ['insufficient_scope'], 'updateInstitution needs admin');
  t.equal(await db.prisma.seeker.count(), 0);
});

t.test('bad input over GraphQL: a coded error, never a 500 or a stack, and nothing written', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);
  const iv = await interview(a);
  const before = await db.prisma.event.count();
  const cases: [string, string, Record<string, unknown> | undefined, string][] = [
    ['syntax error', '{ interview(id: ', undefined, 'validation_failed'],
    ['unknown field', '{ interview(id: "x") { nope } }', undefined, 'validation_failed'],
    ['enum value that does not exist', `mutation { requestInterview(id: "${iv.id}", input: { channel: carrier_pigeon, topics: ["a"], requestedMinutes: 20 }) { event { id } } }`, undefined, 'validation_failed'],
    ['wrong variable type', 'mutation($m: Int!) { requestInterview(id: "x", input: { channel: email, topics: ["a"], requestedMinutes: $m }) { event { id } } }', { m: 'twenty' }, 'validation_failed'],
    ['an id of the wrong kind', `mutation { cancelInterview(id: "${iv.seekerId}") { event { id } } }`, undefined, 'validation_failed'],
    ['SQL-ish id', `mutation { cancelInterview(id: "' OR '1'='1' --") { event { id } } }`, undefined, 'validation_failed'],
    ['a date that is not one', `mutation { scheduleInterview(id: "${iv.id}", input: { scheduledAt: "2026-13-45T00:00:00Z", mode: video }) { event { id } } }`, undefined, 'validation_failed'],
    ['a DateTime given as a number', `mutation { scheduleInterview(id: "${iv.id}", input: { scheduledAt: 5, mode: video }) { event { id } } }`, undefined, 'validation_failed'],
    ['minutes out of the schema range', `mutation { requestInterview(id: "${iv.id}", input: { channel: email, topics: ["a"], requestedMinutes: 100000 }) { event { id } } }`, undefined, 'validation_failed'],
    ['a 200 KB topic', `mutation($t: String!) { requestInterview(id: "${iv.id}", input: { channel: email, topics: [$t], requestedMinutes: 20 }) { event { id } } }`, { t: 'x'.repeat(200_000) }, 'validation_failed'],
    ['not an e-mail', 'mutation { createSeeker(input: { name: "Ada", email: "not an email" }) { seeker { id } } }', undefined, 'validation_failed'],
    ['javascript: URL', 'mutation { createContact(input: { name: "Ada", linkedinUrl: "javascript:alert(1)" }) { contact { id } } }', undefined, 'validation_failed'],
    ['empty name', 'mutation { createSeeker(input: { name: "   " }) { seeker { id } } }', undefined, 'validation_failed'],
    ['unknown rule in a policy', 'mutation { updateInstitution(input: { policy: { ruleSeverity: { not_a_rule: "off" } } }) { id } }', undefined, 'validation_failed'],
    ['a mutation over GET is refused', '', undefined, 'method_not_allowed'],
  ];
  for (const [label, query, variables, code] of cases) {
    const res =
      label === 'a mutation over GET is refused'
        ? await a.call({ method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { deleteSeeker(id: "x") { id } }')}` })
        : await a.call({ method: 'POST', url: '/graphql', payload: { query, variables } });
    const body = res.json();
    t.ok(res.statusCode < 500, `${label}: ${res.statusCode}`);
    t.same(body.errors?.map((e: { extensions: { code: string } }) => e.extensions.code).slice(0, 1), [code], `${label}: ${code}`);
    t.notOk(/\n\s+at /.test(res.body), `${label}: no stack`);
  }
  const malformed = await a.call({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": ' });
  t.equal(malformed.statusCode, 400);
  t.equal(malformed.json().errors[0].extensions.code, 'malformed_json');
  const dropped = await q(`mutation($id: ID!) { requestInterview(id: $id, input: { channel: email, topics: ["data"], requestedMinutes: 20, message: null, sentAt: null }) { interview { state } } }`, { id: iv.id });
  t.equal(dropped.data!.requestInterview.interview.state, 'requested', 'null for an optional field means not given');
  t.equal(await db.prisma.event.count(), before + 1, 'only the valid request wrote anything');
});
