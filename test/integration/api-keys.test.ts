import t from 'tap';
import { revokeApiKey, type ApiKeyView } from '../../src/services/api-key-admin.js';
import { buildTestApp, createTenant, withKey } from '../helpers/app.js';

// /v1/api-keys: an institution's admins issue, list and revoke its keys
// themselves; secrets shown once, never stored or logged in clear.

type KeyView = ApiKeyView & { secret?: string };

t.test('issue, use, list, read and revoke a key', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const A = await createTenant(app);
  const res = await A.call({ method: 'POST', url: '/v1/api-keys', payload: { name: 'Career portal', scopes: ['read'] } });
  t.equal(res.statusCode, 201, res.body);
  t.equal(res.headers['cache-control'], 'no-store');
  const made = res.json<KeyView>();
  t.match(made, { id: /^key_/, name: 'Career portal', scopes: ['read'], createdAt: '2026-12-01T12:00:00.000Z', revokedAt: null, secret: /^rk_/ });
  t.equal(made.prefix, made.secret!.slice(0, 10));
  const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: made.id } });
  t.notOk(JSON.stringify(stored).includes(made.secret!), 'only a hash is stored');

  const portal = withKey(A, made.secret!);
  t.equal((await portal.call({ method: 'GET', url: '/v1/seekers' })).statusCode, 200, 'the new key reads');
  const write = await portal.call({ method: 'POST', url: '/v1/seekers', payload: { name: 'Nope' } });
  t.equal(write.statusCode, 403, 'and cannot write: its scope is read');
  t.equal(write.json<{ code: string }>().code, 'insufficient_scope');
  t.equal((await portal.call({ method: 'GET', url: '/v1/api-keys' })).statusCode, 403, 'keys are for admins');

  const list = await A.call({ method: 'GET', url: '/v1/api-keys?limit=1' });
  t.equal(list.statusCode, 200);
  const first = list.json<{ data: KeyView[]; nextCursor: string }>();
  t.equal(first.data.length, 1);
  const rest = (await A.call({ method: 'GET', url: `/v1/api-keys?cursor=${first.nextCursor}` })).json<{ data: KeyView[]; nextCursor: null }>();
  t.same([...first.data, ...rest.data].map((k) => k.scopes), [['admin'], ['read']], 'the first admin key and the new one, in order');
  t.equal(rest.nextCursor, null);
  t.notOk(list.body.includes('rk_') && list.body.includes(made.secret!), 'no secret in a list');
  t.notOk(list.body.includes('hash'));
  const { secret: _shownOnce, ...view } = made;
  t.same((await A.call({ method: 'GET', url: `/v1/api-keys/${made.id}` })).json(), view);

  const revoked = await A.call({ method: 'DELETE', url: `/v1/api-keys/${made.id}` });
  t.equal(revoked.statusCode, 200);
  t.equal(revoked.json<KeyView>().revokedAt, '2026-12-01T12:00:00.000Z');
  const refused = await portal.call({ method: 'GET', url: '/v1/seekers' });
  t.equal(refused.statusCode, 401, 'a revoked key stops working at once');
  const again = await A.call({ method: 'DELETE', url: `/v1/api-keys/${made.id}` });
  t.same(again.json(), revoked.json(), 'revoking again answers the key as it is');

  const events = (await A.call({ method: 'GET', url: '/v1/events?types=api_key.created,api_key.revoked' })).json<{ data: { type: string; data: { apiKey: KeyView } }[] }>().data;
  t.same(
    events.map((e) => [e.type, e.data.apiKey.id]),
    [
      ['api_key.created', made.id],
      ['api_key.revoked', made.id],
    ],
    'one event each, revoking twice made one',
  );
  t.notOk(JSON.stringify(events).includes(made.secret!), 'events never carry the secret');
});

t.test('Idempotency-Key is not honoured: no secret is kept with a saved answer', async (t) => {
  const { app, db } = await buildTestApp(t);
  const A = await createTenant(app);
  const send = () => A.call({ method: 'POST', url: '/v1/api-keys', headers: { 'idempotency-key': 'key-1' }, payload: { name: 'Portal', scopes: ['read'] } });
  const [one, two] = [(await send()).json<KeyView>(), (await send()).json<KeyView>()];
  t.not(one.id, two.id, 'a retry makes another key');
  t.equal(await db.prisma.idempotencyKey.count(), 0, 'nothing saved');
});

t.test("the last working admin key cannot be revoked; two admins revoking each other leave one", async (t) => {
  const { app, db } = await buildTestApp(t);
  const A = await createTenant(app);
  const [own] = (await A.call({ method: 'GET', url: '/v1/api-keys' })).json<{ data: KeyView[] }>().data;
  const last = await A.call({ method: 'DELETE', url: `/v1/api-keys/${own!.id}` });
  t.equal(last.statusCode, 409);
  t.match(last.json(), { code: 'last_admin_key', detail: /last working admin key/ });
  t.equal((await db.prisma.apiKey.findUniqueOrThrow({ where: { id: own!.id } })).revokedAt, null, 'nothing changed');
  t.equal((await A.call({ method: 'GET', url: '/v1/events?types=api_key.revoked' })).json<{ data: unknown[] }>().data.length, 0, 'no event');

  const second = (await A.call({ method: 'POST', url: '/v1/api-keys', payload: { name: 'Second admin', scopes: ['admin'] } })).json<KeyView>();
  const B2 = withKey(A, second.secret!);
  const answers = await Promise.all([
    A.call({ method: 'DELETE', url: `/v1/api-keys/${second.id}` }),
    B2.call({ method: 'DELETE', url: `/v1/api-keys/${own!.id}` }),
  ]);
  const codes = answers.map((r) => r.statusCode).sort();
  // The loser either finds the last admin key (409) or, when the winner has
  // already committed by the time it authenticates, has no key any more (401).
  t.ok(codes[0] === 200 && (codes[1] === 409 || codes[1] === 401), `one revocation goes through (${codes.join(', ')})`);
  const working = await db.prisma.apiKey.count({ where: { institutionId: A.institutionId, revokedAt: null, scopes: { has: 'admin' } } });
  t.equal(working, 1, 'one admin key still works');

  // The same race below authentication, where both are sure to be in flight at once.
  const third = (await A.call({ method: 'POST', url: '/v1/api-keys', payload: { name: 'Third admin', scopes: ['admin'] } })).json<KeyView>();
  const survivor = (await A.call({ method: 'GET', url: '/v1/api-keys' })).json<{ data: KeyView[] }>().data.find((k) => !k.revokedAt && k.scopes.includes('admin') && k.id !== third.id)!;
  const actor = { type: 'system', id: 'test' } as const;
  const raced = await Promise.allSettled(
    [third.id, survivor.id].map((id) => revokeApiKey(db, () => new Date(), actor, id, { institutionId: A.institutionId })),
  );
  t.same(raced.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  t.match(raced.find((r) => r.status === 'rejected'), { reason: { code: 'last_admin_key' } });
  t.equal(await db.prisma.apiKey.count({ where: { institutionId: A.institutionId, revokedAt: null, scopes: { has: 'admin' } } }), 1, 'still one');
});

t.test('bad input is a 400 and writes nothing; only admins manage keys', async (t) => {
  const { app, db } = await buildTestApp(t);
  const A = await createTenant(app);
  const before = await db.prisma.apiKey.count();
  for (const payload of [{}, { name: 'x', scopes: [] }, { name: 'x', scopes: ['root'] }, { name: '', scopes: ['read'] }, { name: 'x', scopes: ['read'], institutionId: 'ins_x' }]) {
    const res = await A.call({ method: 'POST', url: '/v1/api-keys', payload });
    t.equal(res.statusCode, 400, JSON.stringify(payload));
    t.equal(res.json<{ code: string }>().code, 'validation_failed');
  }
  t.equal((await A.call({ method: 'GET', url: '/v1/api-keys/not-a-key' })).statusCode, 400);
  t.equal((await A.call({ method: 'DELETE', url: '/v1/api-keys/key_01jdz3v4k8q2w5e7r9t1y3v5z8' })).statusCode, 404);
  t.equal(await db.prisma.apiKey.count(), before);

  const writer = (await A.call({ method: 'POST', url: '/v1/api-keys', payload: { name: 'Writer', scopes: ['write', 'webhooks'] } })).json<KeyView>();
  const W = withKey(A, writer.secret!);
  for (const [method, url] of [
    ['POST', '/v1/api-keys'],
    ['GET', '/v1/api-keys'],
    ['GET', `/v1/api-keys/${writer.id}`],
    ['DELETE', `/v1/api-keys/${writer.id}`],
  ] as const) {
    const res = await W.call({ method, url, ...(method === 'POST' && { payload: { name: 'x', scopes: ['admin'] } }) });
    t.equal(res.statusCode, 403, `${method} ${url}`);
  }
});
