import { readFileSync } from 'node:fs';
import t from 'tap';
import type { InjectOptions } from 'fastify';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { makeSchemaTools, METHODS, type Doc, type Method, type Operation } from '../helpers/openapi-schema.js';

// Two institutions on one database. Whatever B sends about A's records answers
// 404 not_found (never 403, never data), B's lists never show A's rows, B
// cannot point its own records at A's, and nothing of A changes. The routes
// come from the OpenAPI document, so a new route with an {id} is covered the
// day it is added.

const NOW = new Date('2026-12-01T12:00:00Z');

/** A fingerprint of every row that belongs to one institution. */
async function fingerprintOf(db: { prisma: { $queryRawUnsafe<T>(q: string, ...v: unknown[]): Promise<T> } }, institutionId: string) {
  const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'institution_id' ORDER BY 1",
  );
  const parts = [
    `SELECT 'institutions' AS name, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM institutions x WHERE id = $1`,
    ...tables.map((r) => `SELECT '${r.name}', count(*)::int, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${r.name}" x WHERE institution_id = $1`),
  ];
  const rows = await db.prisma.$queryRawUnsafe<{ name: string; n: number; h: string }[]>(parts.join(' UNION ALL '), institutionId);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
}

t.test("another institution's records answer 404 everywhere and never leak", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const A = await createTenant(app, 'Institution A');
  const B = await createTenant(app, 'Institution B');

  // A's records carry markers that must never appear in an answer to B.
  const SECRET = 'zq-secret-of-a';
  const aSeeker = await seeker(A, { name: `Ada ${SECRET}`, email: 'ada.secret@a.example.edu', externalId: 'shared-external-id', notes: SECRET });
  const aContact = await contact(A, { name: `Pat ${SECRET}`, researchNotes: SECRET, externalId: 'shared-contact-id' });
  const aReferral = await contact(A, { name: `Sam ${SECRET}`, introducedById: aContact.id });
  const aSeeker2 = await seeker(A, { name: `Bea ${SECRET}` });
  const created = await A.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: aSeeker.id, contactId: aContact.id, topics: [SECRET], notes: SECRET } });
  t.equal(created.statusCode, 201, `A's interview created (${created.body.slice(0, 120)})`);
  const aInterview = created.json<{ id: string }>();
  // A webhook endpoint of A's; the request below owes it a delivery.
  const aEndpoint = (await A.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: { url: 'https://a.example.edu/hooks', description: SECRET } })).json<{ id: string }>();
  await act(A, aInterview.id, 'request', GOOD_REQUEST);
  // Scheduled, so that A can read every sub-resource, the calendar invite included.
  await act(A, aInterview.id, 'schedule', { scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), mode: 'phone' });
  const aDelivery = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: aEndpoint.id } });
  // A second key of A's, which B must neither see nor revoke.
  const aKey = (await A.call({ method: 'POST', url: '/v1/api-keys', payload: { name: `Portal ${SECRET}`, scopes: ['read'] } })).json<{ id: string }>();
  const aEvents = (await db.prisma.event.findMany({ where: { institutionId: A.institutionId }, select: { id: true } })).map((e) => e.id);
  t.ok(aEvents.length >= 6, 'A has a history of events');

  // B's own records, so that every list has something of B's in it.
  const bSeeker = await seeker(B, { name: 'Bo Student' });
  const bContact = await contact(B, { name: 'Cy Mentor' });
  const bCreated = await B.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: bSeeker.id, contactId: bContact.id } });
  t.equal(bCreated.statusCode, 201, `B's interview created (${bCreated.body.slice(0, 120)})`);
  const bInterview = bCreated.json<{ id: string }>();

  const aIds: Record<string, string> = { skr: aSeeker.id, con: aContact.id, int: aInterview.id, evt: aEvents[0]!, ins: A.institutionId, whe: aEndpoint.id, whd: aDelivery.id, key: aKey.id };
  const bIds: Record<string, string> = { skr: bSeeker.id, con: bContact.id, int: bInterview.id, ins: B.institutionId };
  const allAIds = [aSeeker.id, aSeeker2.id, aContact.id, aReferral.id, aInterview.id, A.institutionId, aEndpoint.id, aDelivery.id, aKey.id, ...aEvents];
  /** What in an answer to B would be A's: its markers, or any id of A's other than the one B sent. */
  const leaks = (body: string, sent: string[] = []) => [
    ...(body.includes(SECRET) ? ['A\'s text'] : []),
    ...(body.includes('ada.secret@') ? ['A\'s email'] : []),
    ...allAIds.filter((id) => !sent.includes(id) && body.includes(id)),
  ];

  const aBefore = await fingerprintOf(db, A.institutionId);

  const live = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>();
  const committed = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Doc;
  const ops = new Map<string, { method: Method; path: string; op: Operation | undefined }>();
  for (const doc of [committed, live]) {
    for (const [path, byMethod] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const method of METHODS) if (byMethod[method]) ops.set(`${method} ${path}`, { method, path, op: live.paths[path]?.[method] ?? byMethod[method] });
    }
  }
  const forB = makeSchemaTools(live, (p) => bIds[p], 'Tenancy probe');

  /**
   * A record of A's for an id kind no fixture above makes (a route added
   * later): created through the collection the route lives under.
   */
  const aRecordOf = async (prefix: string, path: string): Promise<string | undefined> => {
    if (aIds[prefix]) return aIds[prefix];
    const collection = path.slice(0, path.indexOf('/{'));
    const create = live.paths[collection]?.post;
    if (!create) return undefined;
    const forA = makeSchemaTools(live, (p) => aIds[p], 'Tenancy probe');
    const res = await A.call({ method: 'POST', url: collection, payload: forA.bodyOf(create) as object });
    const id = res.statusCode < 300 ? (res.json<{ id?: string }>().id ?? undefined) : undefined;
    if (id?.startsWith(`${prefix}_`)) aIds[prefix] = id;
    return aIds[prefix];
  };

  await t.test("every route with an id answers 404 not_found on A's ids", async (t) => {
    const withIds = [...ops.values()].filter((o) => o.path.includes('{'));
    t.ok(withIds.length >= 20, `${withIds.length} operations take an id`);
    for (const { method, path, op } of withIds) {
      // An upsert by B's own key: B's PUT makes B's record, never touches A's (upsert.test.ts, 'tenancy and scopes').
      if (path.includes('/by-external-id/')) continue;
      const label = `${method.toUpperCase()} ${path}`;
      let url = path;
      const sent: string[] = [];
      let missing: string | undefined;
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        const param = op?.parameters?.find((p) => p.in === 'path' && p.name === name);
        const prefix = forB.prefixOf(param?.schema);
        const id = prefix ? await aRecordOf(prefix, path) : undefined;
        if (!id) missing = `${name} (${prefix ?? 'no id pattern'})`;
        else {
          sent.push(id);
          url = url.replace(`{${name}}`, id);
        }
      }
      if (missing) {
        t.fail(`${label}: no record of A's for ${missing}; add one to tenancy.test.ts`);
        continue;
      }
      const body = forB.bodyOf(op);
      const req: InjectOptions = { method: method.toUpperCase(), url };
      if (body !== undefined) req.payload = body as object;
      const res = await B.call(req);
      t.equal(res.statusCode, 404, `${label} with B's key on A's id: 404 (${res.body.slice(0, 160)})`);
      t.match(res.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
      t.equal(res.json<{ code?: string }>().code, 'not_found', `${label}: code not_found`);
      t.same(leaks(res.body, sent), [], `${label}: nothing of A's in the answer`);
      if (method === 'get') {
        const own = await A.call({ method: 'GET', url });
        t.equal(own.statusCode, 200, `${label}: A itself reads it (so the 404 is about tenancy)`);
      }
    }
  });

  await t.test("lists and the change feed show none of A's rows", async (t) => {
    const lists = [...ops.values()].filter((o) => o.method === 'get' && !o.path.includes('{'));
    t.ok(lists.length >= 5, `${lists.length} collection reads`);
    for (const { path, op } of lists) {
      const pageable = op?.parameters?.some((p) => p.in === 'query' && p.name === 'limit');
      const res = await B.call({ method: 'GET', url: pageable ? `${path}?limit=100` : path });
      t.equal(res.statusCode, 200, `GET ${path}: 200`);
      t.same(leaks(res.body), [], `GET ${path}: nothing of A's`);
    }
    const timeline = await B.call({ method: 'GET', url: `/v1/interviews/${bInterview.id}/events?limit=100` });
    t.equal(timeline.statusCode, 200);
    t.same(leaks(timeline.body), [], "B's own timeline: nothing of A's");
    const feed = await B.call({ method: 'GET', url: '/v1/events?limit=100' });
    t.ok(feed.json<{ data: unknown[] }>().data.length >= 3, "B's feed has B's events");

    // Filters and cursors that name A's records find nothing of A's.
    const probes = [
      `/v1/interviews?seekerId=${aSeeker.id}`,
      `/v1/interviews?contactId=${aContact.id}`,
      `/v1/interviews?seekerId=${aSeeker.id}&contactId=${aContact.id}&state=requested`,
      `/v1/events?after=${aEvents[0]!}`,
      `/v1/events?types=interview.requested,seeker.created`,
    ];
    const aPage = await A.call({ method: 'GET', url: '/v1/seekers?limit=1' });
    const aCursor = aPage.json<{ nextCursor: string | null }>().nextCursor;
    t.ok(aCursor, 'A has a next-page cursor');
    for (const list of ['/v1/seekers', '/v1/contacts', '/v1/interviews', `/v1/interviews/${bInterview.id}/events`]) probes.push(`${list}?cursor=${encodeURIComponent(aCursor!)}`);
    const aTimeline = await A.call({ method: 'GET', url: `/v1/interviews/${aInterview.id}/events?limit=1` });
    const aEventCursor = aTimeline.json<{ nextCursor: string | null }>().nextCursor;
    if (aEventCursor) probes.push(`/v1/interviews/${bInterview.id}/events?cursor=${encodeURIComponent(aEventCursor)}`);
    for (const url of probes) {
      const res = await B.call({ method: 'GET', url });
      t.ok(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500), `GET ${url}: 200 or a 4xx, not ${res.statusCode}`);
      // Ids B itself sent (in the query or inside a cursor) may be echoed back.
      const cursor = new URL(url, 'http://x').searchParams.get('cursor');
      const echoed = `${url} ${cursor ? Buffer.from(cursor.replace(/^c1\./, ''), 'base64url').toString('utf8') : ''}`;
      t.same(leaks(res.body, allAIds.filter((id) => echoed.includes(id))), [], `GET ${url}: nothing of A's`);
      if (res.statusCode === 200 && url.includes('Id=')) t.same(res.json<{ data: unknown[] }>().data, [], `GET ${url}: empty`);
    }
  });

  await t.test("B cannot point its records at A's", async (t) => {
    const refused = async (method: 'POST' | 'PATCH', url: string, payload: object, label: string) => {
      const res = await B.call({ method, url, payload });
      t.equal(res.statusCode, 422, `${label}: 422 (${res.body.slice(0, 160)})`);
      t.equal(res.json<{ code?: string }>().code, 'related_not_found', `${label}: related_not_found`);
      t.same(leaks(res.body, Object.values(payload).filter((v): v is string => typeof v === 'string')), [], `${label}: nothing else of A's`);
    };
    await refused('POST', '/v1/interviews', { seekerId: aSeeker.id, contactId: aContact.id }, "an interview of A's seeker and contact");
    await refused('POST', '/v1/interviews', { seekerId: aSeeker.id, contactId: bContact.id }, "an interview of A's seeker");
    await refused('POST', '/v1/interviews', { seekerId: bSeeker.id, contactId: aContact.id }, "an interview with A's contact");
    await refused('POST', '/v1/contacts', { name: 'Intro', introducedById: aContact.id }, "a contact introduced by A's contact");
    await refused('PATCH', `/v1/contacts/${bContact.id}`, { introducedById: aContact.id }, "B's contact re-pointed at A's contact");
    const filtered = await B.call({ method: 'GET', url: `/v1/interviews?seekerId=${bSeeker.id}` });
    t.equal(filtered.json<{ data: unknown[] }>().data.length, 1, "B's interview is still B's only one");

    // externalId is unique per institution: B may reuse A's, and learns nothing from it.
    const twin = await B.call({ method: 'POST', url: '/v1/seekers', payload: { name: 'Twin', externalId: 'shared-external-id' } });
    t.equal(twin.statusCode, 201, `B may use an externalId A uses (${twin.body.slice(0, 120)})`);
    const twinContact = await B.call({ method: 'POST', url: '/v1/contacts', payload: { name: 'Twin', externalId: 'shared-contact-id' } });
    t.equal(twinContact.statusCode, 201, `B may use a contact externalId A uses (${twinContact.body.slice(0, 120)})`);
  });

  t.same(await fingerprintOf(db, A.institutionId), aBefore, "not one of A's rows changed");
  const still = await A.call({ method: 'GET', url: `/v1/interviews/${aInterview.id}` });
  t.equal(still.json<{ state: string; version: number }>().state, 'scheduled', "A's interview is where A left it");
  t.equal(still.json<{ version: number }>().version, 3);
  const seekerStill = await A.call({ method: 'GET', url: `/v1/seekers/${aSeeker.id}` });
  t.equal(seekerStill.statusCode, 200, "A's seeker survived B's DELETE");
});
