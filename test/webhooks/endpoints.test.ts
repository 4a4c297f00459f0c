import t from 'tap';
import { createApiKey } from '../../src/services/api-keys.js';
import { createTenant } from '../helpers/app.js';
import { seeker } from '../helpers/fixtures.js';
import { buildWebhookApp, createEndpoint, deliveries } from '../helpers/webhooks.js';

// /v1/webhook-endpoints as a resource: CRUD, validation, scope, the secret
// shown only on create and rotation, pausing, and tenancy.

t.test('create, read, list, change and delete an endpoint', async (t) => {
  const { app } = await buildWebhookApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const A = await createTenant(app);
  const res = await A.call({
    method: 'POST',
    url: '/v1/webhook-endpoints',
    payload: { url: 'https://crm.example.edu/hooks/rapport', description: 'CRM', eventTypes: ['interview.*', 'contact.created', 'interview.*'] },
  });
  t.equal(res.statusCode, 201, res.body);
  const created = res.json<Record<string, unknown> & { id: string; secret: string }>();
  t.match(created, {
    id: /^whe_[0-9a-z]{26}$/,
    url: 'https://crm.example.edu/hooks/rapport',
    description: 'CRM',
    eventTypes: ['interview.*', 'contact.created'],
    enabled: true,
    disabledReason: null,
    failingSince: null,
    previousSecretExpiresAt: null,
    createdAt: '2026-12-01T12:00:00.000Z',
    secret: /^whsec_/,
  });

  const got = (await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${created.id}` })).json<Record<string, unknown>>();
  const { secret: _secret, ...withoutSecret } = created;
  t.same(got, withoutSecret, 'a read is the same, without the secret');

  const second = await createEndpoint(A, { url: 'https://other.example.org/in' });
  const page1 = (await A.call({ method: 'GET', url: '/v1/webhook-endpoints?limit=1' })).json<{ data: { id: string }[]; nextCursor: string }>();
  t.same(page1.data.map((e) => e.id), [created.id]);
  const page2 = (await A.call({ method: 'GET', url: `/v1/webhook-endpoints?limit=1&cursor=${encodeURIComponent(page1.nextCursor)}` })).json<{ data: { id: string }[]; nextCursor: null }>();
  t.same(page2.data.map((e) => e.id), [second.id]);
  t.equal(page2.nextCursor, null);
  t.notOk(JSON.stringify(page1).includes('whsec_'), 'lists never show secrets');

  const patched = await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${created.id}`, payload: { eventTypes: [], description: null } });
  t.match(patched.json(), { eventTypes: [], description: null, url: 'https://crm.example.edu/hooks/rapport' });
  const off = await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${created.id}`, payload: { enabled: false } });
  t.match(off.json(), { enabled: false, disabledReason: 'manual', disabledAt: '2026-12-01T12:00:00.000Z' });
  const on = await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${created.id}`, payload: { enabled: true } });
  t.match(on.json(), { enabled: true, disabledReason: null, disabledAt: null });

  const del = await A.call({ method: 'DELETE', url: `/v1/webhook-endpoints/${created.id}` });
  t.same(del.json(), { id: created.id, deleted: true });
  t.equal((await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${created.id}` })).statusCode, 404);
});

t.test('bad input answers 400 with the field, never a 500', async (t) => {
  const { app } = await buildWebhookApp(t);
  const A = await createTenant(app);
  const bad: [unknown, string][] = [
    [{}, 'url'],
    [{ url: 'https://x.example', eventTypes: ['Interview Created'] }, 'eventTypes'],
    [{ url: 'https://x.example', eventTypes: 'interview.*' }, 'eventTypes'],
    [{ url: 'https://x.example', enabled: 'yes' }, 'enabled'],
    [{ url: 'https://x.example', secret: 'whsec_mine' }, 'secret'],
    [{ url: `https://x.example/${'a'.repeat(2_000)}` }, 'url'],
  ];
  for (const [payload, field] of bad) {
    const res = await A.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: payload as object });
    t.equal(res.statusCode, 400, `${JSON.stringify(payload).slice(0, 60)}: 400`);
    t.match(res.body, field);
  }
  const badId = await A.call({ method: 'GET', url: '/v1/webhook-endpoints/whe_nope' });
  t.equal(badId.statusCode, 400);
  const badStatus = await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${(await createEndpoint(A, { url: 'https://x.example' })).id}/deliveries?status=lost` });
  t.equal(badStatus.statusCode, 400);
});

t.test('the webhooks scope is needed', async (t) => {
  const { app, db } = await buildWebhookApp(t);
  const A = await createTenant(app);
  const rw = await db.transaction((tx) => createApiKey(tx, A.institutionId, 'rw', ['read', 'write'], new Date()));
  const hooks = await db.transaction((tx) => createApiKey(tx, A.institutionId, 'hooks', ['webhooks'], new Date()));
  const as = (secret: string) => app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: { authorization: `Bearer ${secret}` } });
  const refused = await as(rw.secret);
  t.equal(refused.statusCode, 403);
  t.equal(refused.json<{ code: string }>().code, 'insufficient_scope');
  t.equal((await as(hooks.secret)).statusCode, 200);
});

t.test("another institution's endpoints and deliveries answer 404, and its events never fan out to them", async (t) => {
  const { app } = await buildWebhookApp(t);
  const A = await createTenant(app, 'A');
  const B = await createTenant(app, 'B');
  const ep = await createEndpoint(A, { url: 'https://a.example.edu/hooks' });
  await seeker(A);
  await seeker(B);
  const [d] = await deliveries(A, ep.id);
  t.ok(d, "A's event made a delivery to A's endpoint");
  t.equal((await deliveries(A, ep.id)).length, 1, "B's event did not");
  const probes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, object?][] = [
    ['GET', `/v1/webhook-endpoints/${ep.id}`],
    ['PATCH', `/v1/webhook-endpoints/${ep.id}`, { enabled: false }],
    ['DELETE', `/v1/webhook-endpoints/${ep.id}`],
    ['POST', `/v1/webhook-endpoints/${ep.id}/rotate-secret`],
    ['POST', `/v1/webhook-endpoints/${ep.id}/test`],
    ['GET', `/v1/webhook-endpoints/${ep.id}/deliveries`],
    ['GET', `/v1/webhook-endpoints/deliveries/${d!.id}`],
    ['POST', `/v1/webhook-endpoints/deliveries/${d!.id}/redeliver`],
  ];
  for (const [method, url, payload] of probes) {
    const res = await B.call({ method, url, ...(payload && { payload }) });
    t.equal(res.statusCode, 404, `${method} ${url}: 404`);
    t.equal(res.json<{ code: string }>().code, 'not_found');
  }
  t.same((await B.call({ method: 'GET', url: '/v1/webhook-endpoints' })).json<{ data: unknown[] }>().data, [], "B's list is empty");
  t.match((await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${ep.id}` })).json(), { enabled: true }, 'and A is untouched');
});

t.test('at most 20 endpoints per institution, even when 25 are asked for at once', async (t) => {
  const { app, db } = await buildWebhookApp(t);
  const A = await createTenant(app);
  const B = await createTenant(app, 'Other Centre');
  const create = (a: typeof A, n: number) => a.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: { url: `https://crm.example.edu/hooks/${n}` } });
  const answers = await Promise.all(Array.from({ length: 25 }, (_, n) => create(A, n)));
  t.equal(answers.filter((r) => r.statusCode === 201).length, 20, 'twenty created');
  const refused = answers.filter((r) => r.statusCode !== 201);
  t.equal(refused.length, 5);
  for (const r of refused) {
    t.equal(r.statusCode, 422);
    t.equal(r.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(r.json(), { code: 'webhook_endpoint_limit', status: 422, limit: 20, detail: /already has 20 webhook endpoints/ });
  }
  t.equal(await db.prisma.webhookEndpoint.count({ where: { institutionId: A.institutionId } }), 20, 'and no more were stored');

  const other = await create(B, 0);
  t.equal(other.statusCode, 201, `another institution's endpoints are its own count: ${other.body}`);
  const [first] = answers.filter((r) => r.statusCode === 201).map((r) => r.json<{ id: string }>().id);
  t.equal((await A.call({ method: 'DELETE', url: `/v1/webhook-endpoints/${first}` })).statusCode, 200);
  t.equal((await create(A, 99)).statusCode, 201, 'deleting one makes room for one');
  t.equal((await create(A, 100)).statusCode, 422);
});
