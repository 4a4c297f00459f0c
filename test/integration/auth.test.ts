import { randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, createTenant, OPERATOR_TOKEN } from '../helpers/app.js';
import { newId } from '../../src/ids.js';
import { hashKey } from '../../src/services/api-keys.js';
import type { Database } from '../../src/db/database.js';

// API keys (Bearer, per institution, scoped read < write < admin), the
// operator token, and the public health routes. Every /v1 operation of the
// OpenAPI document is checked, so a new route cannot ship unauthenticated.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];
interface Doc {
  paths: Record<string, Partial<Record<Method, unknown>>>;
}

/** An API key made straight in the database, as an admin tool would. */
async function makeKey(db: Database, institutionId: string, scopes: string[]): Promise<{ id: string; secret: string }> {
  const secret = `rk_${randomBytes(24).toString('base64url')}`;
  const id = newId('apiKey');
  await db.prisma.apiKey.create({
    data: { id, institutionId, name: `test ${scopes.join('+') || 'no scopes'}`, prefix: secret.slice(0, 10), hash: hashKey(secret), scopes },
  });
  return { id, secret };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

function isProblem(t: Test, res: LightMyRequestResponse, status: number, code: string, label: string) {
  t.equal(res.statusCode, status, `${label}: ${status} (${res.body.slice(0, 140)})`);
  t.match(res.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
  const body = res.json<Record<string, unknown>>();
  t.equal(body.code, code, `${label}: code ${code}`);
  t.equal(body.status, status, `${label}: status in the body`);
  for (const k of ['type', 'title', 'detail']) t.type(body[k], 'string', `${label}: ${k}`);
}

/** Every /v1 operation of the live document, with ids filled in (well-formed, not necessarily existing). */
async function v1Operations(app: FastifyInstance) {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>();
  const ops: { method: Method; url: string; label: string }[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of METHODS) {
      if (!byMethod[method]) continue;
      const url = path.replace(/\{[^}]+\}/g, (m) => `${m.includes('id') ? 'int' : 'x'}_00000000000000000000000000`);
      ops.push({ method, url, label: `${method.toUpperCase()} ${path}` });
    }
  }
  return ops;
}

t.test('API keys', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const ops = await v1Operations(app);
  t.ok(ops.length >= 25, `${ops.length} /v1 operations in the document`);
  const call = (o: InjectOptions) => app.inject(o);

  await t.test('no Authorization header: 401 on every /v1 operation, before the body is even read', async (t) => {
    for (const op of ops) {
      const req: InjectOptions = { method: op.method.toUpperCase(), url: op.url };
      // A malformed body must not turn a 401 into a 400: nothing is parsed before authentication.
      if (op.method !== 'get') Object.assign(req, { payload: '{', headers: { 'content-type': 'application/json' } });
      const res = await call(req);
      isProblem(t, res, 401, 'unauthorized', `${op.label} without a key`);
    }
  });

  await t.test('401s say how to authenticate (RFC 9110 §15.5.2: WWW-Authenticate)', async (t) => {
    const res = await call({ method: 'GET', url: '/v1/seekers' });
    t.match(String(res.headers['www-authenticate'] ?? ''), /^Bearer\b/i, 'WWW-Authenticate: Bearer …');
  });

  await t.test('malformed, unknown and revoked keys: 401', async (t) => {
    const headers: [string, string][] = [
      ['Basic scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
      ['"Bearer" alone', 'Bearer'],
      ['"Bearer " and nothing', 'Bearer '],
      ['two tokens', 'Bearer a b'],
      ['the key and more', `Bearer ${a.key} extra`],
      ['no scheme', a.key],
      ['Token scheme', `Token ${a.key}`],
      ['a key with a character more', `Bearer ${a.key}x`],
      ['a key with a character less', `Bearer ${a.key.slice(0, -1)}`],
      ['an unknown key of the right shape', `Bearer rk_${randomBytes(24).toString('base64url')}`],
      ['a key without the rk_ prefix', `Bearer ${a.key.slice(3)}`],
      ['a 10,000-character key', `Bearer rk_${'x'.repeat(10_000)}`],
      ['the operator token', `Bearer ${OPERATOR_TOKEN}`],
      ['SQL in the key', "Bearer rk_' OR '1'='1"],
    ];
    for (const [label, authorization] of headers) {
      for (const req of [{ method: 'GET', url: '/v1/seekers' }, { method: 'POST', url: '/v1/seekers', payload: { name: 'Nobody' } }] as const) {
        isProblem(t, await call({ ...req, headers: { authorization } }), 401, 'unauthorized', `${req.method} with ${label}`);
      }
    }
    t.equal((await call({ method: 'GET', url: '/v1/seekers', headers: { authorization: `bearer ${a.key}` } })).statusCode, 200, 'the scheme is case-insensitive');
    t.equal((await call({ method: 'GET', url: '/v1/seekers', headers: { authorization: `Bearer   ${a.key}  ` } })).statusCode, 200, 'extra spaces around the key are fine');

    const revocable = await makeKey(db, a.institutionId, ['admin']);
    t.equal((await call({ method: 'GET', url: '/v1/seekers', headers: bearer(revocable.secret) })).statusCode, 200, 'a fresh key works');
    await db.prisma.apiKey.update({ where: { id: revocable.id }, data: { revokedAt: new Date() } });
    isProblem(t, await call({ method: 'GET', url: '/v1/seekers', headers: bearer(revocable.secret) }), 401, 'unauthorized', 'a revoked key');
    isProblem(t, await call({ method: 'POST', url: '/v1/seekers', headers: bearer(revocable.secret), payload: { name: 'Nobody' } }), 401, 'unauthorized', 'a revoked key writing');
    t.equal(await db.prisma.seeker.count({ where: { name: 'Nobody' } }), 0, 'no refused request wrote anything');
  });

  await t.test('scopes: read < write < admin', async (t) => {
    const read = await makeKey(db, a.institutionId, ['read']);
    const write = await makeKey(db, a.institutionId, ['write']);
    const admin = await makeKey(db, a.institutionId, ['admin']);
    const none = await makeKey(db, a.institutionId, []);
    const webhooksOnly = await makeKey(db, a.institutionId, ['webhooks']);

    // read: every GET passes authentication, every write is refused with 403;
    // webhook endpoints (URLs, delivery logs) need the webhooks scope even to
    // read; a seeker's privacy export (the whole dossier) and the API keys need admin.
    const notForReadKeys = (url: string) => url.startsWith('/v1/webhook-endpoints') || url.startsWith('/v1/api-keys') || /^\/v1\/seekers\/[^/]+\/export$/.test(url);
    for (const op of ops) {
      const req: InjectOptions = { method: op.method.toUpperCase(), url: op.url, headers: bearer(read.secret) };
      if (op.method !== 'get') Object.assign(req, { payload: {} });
      const res = await call(req);
      if (op.method === 'get' && !notForReadKeys(op.url)) t.notOk([401, 403].includes(res.statusCode), `${op.label} with a read key: allowed (${res.statusCode})`);
      else isProblem(t, res, 403, 'insufficient_scope', `${op.label} with a read key`);
    }
    t.equal(await db.prisma.seeker.count(), 0, 'read-only requests wrote nothing');

    const w = (o: InjectOptions) => call({ ...o, headers: bearer(write.secret) });
    t.equal((await w({ method: 'GET', url: '/v1/seekers' })).statusCode, 200, 'write implies read');
    const created = await w({ method: 'POST', url: '/v1/seekers', payload: { name: 'Written' } });
    t.equal(created.statusCode, 201, `a write key creates (${created.body.slice(0, 120)})`);
    const id = created.json<{ id: string }>().id;
    t.equal((await w({ method: 'PATCH', url: `/v1/seekers/${id}`, payload: { notes: 'edited' } })).statusCode, 200, 'a write key edits');
    isProblem(t, await w({ method: 'PATCH', url: '/v1/institution', payload: { name: 'Hijacked' } }), 403, 'insufficient_scope', 'PATCH /v1/institution with a write key');
    t.equal((await w({ method: 'GET', url: '/v1/institution' })).json<{ name: string }>().name, 'Test Career Centre', 'the institution kept its name');

    const ad = (o: InjectOptions) => call({ ...o, headers: bearer(admin.secret) });
    t.equal((await ad({ method: 'GET', url: '/v1/seekers' })).statusCode, 200, 'admin reads');
    t.equal((await ad({ method: 'POST', url: '/v1/seekers', payload: { name: 'By admin' } })).statusCode, 201, 'admin writes');
    const renamed = await ad({ method: 'PATCH', url: '/v1/institution', payload: { name: 'Renamed Centre' } });
    t.equal(renamed.statusCode, 200, `admin changes the institution (${renamed.body.slice(0, 120)})`);
    t.equal(renamed.json<{ name: string }>().name, 'Renamed Centre');
    t.equal((await ad({ method: 'DELETE', url: `/v1/seekers/${id}` })).statusCode, 200, 'admin deletes');

    for (const [label, key] of [['no scopes', none], ['only webhooks', webhooksOnly]] as const) {
      isProblem(t, await call({ method: 'GET', url: '/v1/seekers', headers: bearer(key.secret) }), 403, 'insufficient_scope', `GET with a key of ${label}`);
      isProblem(t, await call({ method: 'POST', url: '/v1/seekers', headers: bearer(key.secret), payload: { name: 'x' } }), 403, 'insufficient_scope', `POST with a key of ${label}`);
    }
    t.equal((await call({ method: 'GET', url: '/v1/webhook-endpoints', headers: bearer(webhooksOnly.secret) })).statusCode, 200, 'the webhooks scope reads webhook endpoints');
  });
});

t.test('the operator route', async (t) => {
  const { app, db } = await buildTestApp(t);
  const url = '/operator/institutions';
  const count = () => db.prisma.institution.count();
  const before = await count();

  const denied: [string, Record<string, string>][] = [
    ['no header', {}],
    ['a wrong token', bearer('not-the-operator-token-at-all')],
    ['the token and a character', bearer(`${OPERATOR_TOKEN}x`)],
    ['the token less a character', bearer(OPERATOR_TOKEN.slice(0, -1))],
    ['Basic with the token', { authorization: `Basic ${OPERATOR_TOKEN}` }],
    ['the token with no scheme', { authorization: OPERATOR_TOKEN }],
    ['"Bearer" alone', { authorization: 'Bearer' }],
  ];
  for (const [label, headers] of denied) {
    isProblem(t, await app.inject({ method: 'POST', url, headers, payload: { name: 'Sneaky College' } }), 401, 'unauthorized', `operator with ${label}`);
    // A malformed body does not get past authentication to a 400.
    isProblem(t, await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{' }), 401, 'unauthorized', `operator with ${label} and a bad body`);
  }
  const tenant = await createTenant(app, 'Key Holder College');
  isProblem(t, await app.inject({ method: 'POST', url, headers: bearer(tenant.key), payload: { name: 'Sneaky College' } }), 401, 'unauthorized', 'operator with an admin API key');
  t.equal(await count(), before + 1, 'no refused request created an institution');

  const bad: [string, unknown][] = [
    ['an empty object', {}],
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a name of the wrong type', { name: 42 }],
    ['a 201-character name', { name: 'x'.repeat(201) }],
    ['an unknown time zone', { name: 'Mars College', timeZone: 'Mars/Olympus_Mons' }],
    ['an unknown field', { name: 'Extra College', scopes: ['admin'] }],
    ['null', null],
    ['an array', [{ name: 'Array College' }]],
  ];
  for (const [label, payload] of bad) {
    const res = await app.inject({ method: 'POST', url, headers: { ...bearer(OPERATOR_TOKEN), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    isProblem(t, res, 400, 'validation_failed', `operator body with ${label}`);
  }
  t.equal(await count(), before + 1, 'no bad body created an institution');

  const res = await app.inject({ method: 'POST', url, headers: bearer(OPERATOR_TOKEN), payload: { name: 'Fresh College', timeZone: 'Europe/Paris' } });
  t.equal(res.statusCode, 201, `the operator creates an institution (${res.body.slice(0, 160)})`);
  const created = res.json<{ institution: { id: string; name: string; timeZone: string }; apiKey: { secret: string; scopes: string[] } }>();
  t.match(created.apiKey.secret, /^rk_[A-Za-z0-9_-]{20,}$/, 'the key secret starts with rk_');
  t.same(created.apiKey.scopes, ['admin'], 'the first key is an admin key');
  t.equal(created.institution.timeZone, 'Europe/Paris');
  const stored = await db.prisma.apiKey.findFirstOrThrow({ where: { institutionId: created.institution.id } });
  t.not(stored.hash, created.apiKey.secret, 'only a hash of the secret is stored');
  t.notOk(JSON.stringify(stored).includes(created.apiKey.secret), 'the secret appears nowhere in the row');

  const me = await app.inject({ method: 'GET', url: '/v1/institution', headers: bearer(created.apiKey.secret) });
  t.equal(me.statusCode, 200, 'the new key works');
  t.equal(me.json<{ id: string }>().id, created.institution.id, 'for the new institution');
  const write = await app.inject({ method: 'POST', url: '/v1/seekers', headers: bearer(created.apiKey.secret), payload: { name: 'First Student' } });
  t.equal(write.statusCode, 201, 'and can write');
  isProblem(t, await app.inject({ method: 'GET', url: '/v1/institution', headers: bearer(OPERATOR_TOKEN) }), 401, 'unauthorized', 'the operator token is not an API key');
});

t.test('health and documentation need no key', async (t) => {
  const { app } = await buildTestApp(t);
  for (const url of ['/health/live', '/health/ready']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 200, `${url}: 200 without a key`);
    t.same(res.json(), { status: 'ok' });
    const withJunk = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer junk' } });
    t.equal(withJunk.statusCode, 200, `${url}: a junk key does not matter`);
  }
  t.equal((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode, 200, '/openapi.json is public');
});
