import t from 'tap';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { codes, gql, rawGql } from './helpers.js';

// Webhook endpoints over GraphQL: the REST services, scope and codes.

const FIELDS = 'id url description eventTypes enabled disabledReason previousSecretExpiresAt createdAt';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret webhookEndpoint { ${FIELDS} } } }`;

t.test('create, list, update, rotate, test, deliveries, redeliver, delete', async (t) => {
  const { app, db } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const q = gql(a);

  const made = await q(CREATE, { input: { url: 'https://crm.example.edu/hooks/rapport', description: 'CRM', eventTypes: ['interview.*'] } });
  t.same(made.errors, undefined);
  const secret = made.data!.createWebhookEndpoint.secret as string;
  t.match(secret, /^whsec_/, 'the secret, once');
  const ep = made.data!.createWebhookEndpoint.webhookEndpoint;
  t.match(ep, { url: 'https://crm.example.edu/hooks/rapport', description: 'CRM', eventTypes: ['interview.*'], enabled: true, disabledReason: null });

  const invalid = await q(CREATE, { input: { url: 'ftp://example.edu/x' } });
  t.same(codes(invalid), ['validation_failed']);
  t.equal(invalid.errors![0]!.extensions.violations![0]!.field, 'input.url');
  const private_ = await q(CREATE, { input: { url: 'http://127.0.0.1:9/x' } });
  t.same(codes(private_), ['webhook_url_not_allowed'], 'the REST address guard');
  const full = await createTenant(app, 'Full Centre');
  for (let n = 0; n < 20; n++) t.same((await gql(full)(CREATE, { input: { url: `https://crm.example.edu/hooks/${n}` } })).errors, undefined);
  t.same(codes(await gql(full)(CREATE, { input: { url: 'https://crm.example.edu/hooks/21' } })), ['webhook_endpoint_limit'], 'the same limit, the same code');

  const IDEM = `mutation($key: String) { createWebhookEndpoint(input: { url: "https://second.example.edu/hook" }, idempotencyKey: $key) { secret webhookEndpoint { id } } }`;
  const second = await q(IDEM, { key: 'wh-1' });
  t.same((await q(IDEM, { key: 'wh-1' })).data, second.data, 'idempotencyKey: the replay answers the same endpoint and secret');
  t.equal(await db.prisma.webhookEndpoint.count({ where: { institutionId: a.institutionId } }), 2, 'registered once');
  const list = await q(`{ webhookEndpoints(first: 1) { edges { cursor node { id url } } pageInfo { hasNextPage endCursor } } }`);
  t.same(list.errors, undefined);
  t.equal(list.data!.webhookEndpoints.edges[0].node.id, ep.id);
  t.equal(list.data!.webhookEndpoints.pageInfo.hasNextPage, true);
  const next = await q(`query($after: String) { webhookEndpoints(first: 1, after: $after) { edges { node { url } } pageInfo { hasNextPage } } }`, {
    after: list.data!.webhookEndpoints.pageInfo.endCursor,
  });
  t.same(next.data!.webhookEndpoints, { edges: [{ node: { url: 'https://second.example.edu/hook' } }], pageInfo: { hasNextPage: false } });
  t.notOk(JSON.stringify(list).includes('whsec_'), 'lists never show secrets');

  const upd = await q(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: null, eventTypes: [] }) { description eventTypes } }`, { id: ep.id });
  t.same(upd.data!.updateWebhookEndpoint, { description: null, eventTypes: [] });

  const rot = await q(`mutation($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret webhookEndpoint { previousSecretExpiresAt } } }`, { id: ep.id });
  t.match(rot.data!.rotateWebhookEndpointSecret.secret, /^whsec_/);
  t.not(rot.data!.rotateWebhookEndpointSecret.secret, secret, 'a new secret');
  t.equal(rot.data!.rotateWebhookEndpointSecret.webhookEndpoint.previousSecretExpiresAt, '2026-12-02T12:00:00.000Z', 'the old one signs for 24 hours');

  const test = await q(`mutation($id: ID!) { testWebhookEndpoint(id: $id) { event { id type } delivery { id endpointId eventId status } } }`, { id: ep.id });
  t.same(test.errors, undefined);
  const { event, delivery } = test.data!.testWebhookEndpoint;
  t.equal(event.type, 'webhook.test');
  t.match(delivery, { endpointId: ep.id, eventId: event.id, status: 'pending' });
  t.equal(await db.prisma.webhookDelivery.count({ where: { endpointId: ep.id } }), 1, 'one delivery');

  const one = await q(`query($id: ID!) { webhookEndpoint(id: $id) { id deliveries { edges { node { id eventType } } pageInfo { hasNextPage } } failed: deliveries(status: failed) { edges { node { id } } } } }`, { id: ep.id });
  t.same(one.errors, undefined);
  t.same(one.data!.webhookEndpoint.deliveries, { edges: [{ node: { id: delivery.id, eventType: 'webhook.test' } }], pageInfo: { hasNextPage: false } });
  t.same(one.data!.webhookEndpoint.failed.edges, []);

  const again = await q(`mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id status attempts } }`, { id: delivery.id });
  t.same(again.data!.redeliverWebhookDelivery, { id: delivery.id, status: 'pending', attempts: 0 });

  await q(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { enabled } }`, { id: ep.id });
  const paused = await q(`mutation($id: ID!) { testWebhookEndpoint(id: $id) { event { id } } }`, { id: ep.id });
  t.same(codes(paused), ['webhook_endpoint_disabled']);

  const del = await q(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id deleted } }`, { id: ep.id });
  t.same(del.data!.deleteWebhookEndpoint, { id: ep.id, deleted: true });
  const gone = await q(`query($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id: ep.id });
  t.same(codes(gone), ['not_found']);
});

t.test('tenancy and scope: another institution sees not_found; read is not enough', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other');
  const made = await gql(a)(CREATE, { input: { url: 'https://crm.example.edu/hook' } });
  const id = made.data!.createWebhookEndpoint.webhookEndpoint.id as string;
  const test = await gql(a)(`mutation($id: ID!) { testWebhookEndpoint(id: $id) { delivery { id } } }`, { id });
  const deliveryId = test.data!.testWebhookEndpoint.delivery.id as string;

  const qb = gql(b);
  t.same(codes(await qb(`query($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id })), ['not_found']);
  t.same(codes(await qb(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id } }`, { id })), ['not_found']);
  t.same(codes(await qb(`mutation($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }`, { id })), ['not_found']);
  t.same(codes(await qb(`mutation($id: ID!) { testWebhookEndpoint(id: $id) { event { id } } }`, { id })), ['not_found']);
  t.same(codes(await qb(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`, { id })), ['not_found']);
  t.same(codes(await qb(`mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id } }`, { id: deliveryId })), ['not_found']);
  t.same((await qb(`{ webhookEndpoints { edges { node { id } } } }`)).data!.webhookEndpoints.edges, []);
  t.same(codes(await qb(`{ webhookEndpoint(id: "not-an-id") { id } }`)), ['validation_failed']);

  const readKey = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'reader', ['read'], new Date()));
  const reader = { authorization: `Bearer ${readKey.secret}` };
  const list = await rawGql(app, '{ webhookEndpoints { edges { node { id } } } }', reader);
  t.same(codes(list), ['insufficient_scope']);
  t.equal(list.errors![0]!.extensions.status, 403);
  const create = await rawGql(app, 'mutation { createWebhookEndpoint(input: { url: "https://x.example.edu/h" }) { secret } }', reader);
  t.same(codes(create), ['insufficient_scope']);
  t.equal(await db.prisma.webhookEndpoint.count({ where: { institutionId: a.institutionId } }), 1);
});
