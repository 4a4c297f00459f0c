import t from 'tap';
import { buildTestApp, createTenant, withKey } from '../helpers/app.js';
import { codes, gql } from './helpers.js';

// API keys over GraphQL: REST's /v1/api-keys services, scope and codes.

const KEY = 'id name prefix scopes createdAt revokedAt';

t.test('create, list, read and revoke; the admin scope; another institution sees nothing', async (t) => {
  const { app } = await buildTestApp(t, { now: new Date('2026-12-01T12:00:00Z') });
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  const q = gql(a);

  const made = await q(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${KEY} } } }`, { input: { name: 'Portal', scopes: ['read'] } });
  t.same(made.errors, undefined);
  const { secret, apiKey } = made.data!.createApiKey as { secret: string; apiKey: { id: string; prefix: string } };
  t.match(secret, /^rk_/, 'the secret, once');
  t.match(apiKey, { name: 'Portal', scopes: ['read'], revokedAt: null, prefix: secret.slice(0, 10) });

  const reader = gql(withKey(a, secret));
  t.same((await reader(`{ seekers(first: 1) { edges { node { id } } } }`)).errors, undefined, 'the new key reads');
  t.same(codes(await reader(`{ apiKeys { edges { node { id } } } }`)), ['insufficient_scope'], 'but is no admin');

  const list = await q(`{ apiKeys(first: 1) { edges { node { scopes } } pageInfo { hasNextPage endCursor } } }`);
  t.same(list.data!.apiKeys.edges, [{ node: { scopes: ['admin'] } }]);
  const next = await q(`query($after: String) { apiKeys(first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, { after: list.data!.apiKeys.pageInfo.endCursor });
  t.same(next.data!.apiKeys, { edges: [{ node: { id: apiKey.id } }], pageInfo: { hasNextPage: false } });
  t.equal((await q(`query($id: ID!) { apiKey(id: $id) { id } }`, { id: apiKey.id })).data!.apiKey.id, apiKey.id);

  const theirs = gql(b);
  t.same(codes(await theirs(`query($id: ID!) { apiKey(id: $id) { id } }`, { id: apiKey.id })), ['not_found'], "another institution's key: not_found");
  t.same(codes(await theirs(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id })), ['not_found']);
  t.same((await theirs(`{ apiKeys { edges { node { id } } } }`)).data!.apiKeys.edges.length, 1, 'B lists only its own');

  const revoked = await q(`mutation($id: ID!) { revokeApiKey(id: $id, idempotencyKey: "revoke-1") { id revokedAt } }`, { id: apiKey.id });
  t.same(revoked.data!.revokeApiKey, { id: apiKey.id, revokedAt: '2026-12-01T12:00:00.000Z' });
  t.same(codes(await reader(`{ seekers(first: 1) { edges { node { id } } } }`)), ['unauthorized'], 'the revoked key stops working');

  const [own] = (await q(`{ apiKeys { edges { node { id scopes revokedAt } } } }`)).data!.apiKeys.edges.map((e: { node: { id: string } }) => e.node);
  t.same(codes(await q(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: own.id })), ['last_admin_key'], 'the same guard as REST');
  t.same(codes(await q(`mutation { createApiKey(input: { name: "x", scopes: ["root"] }) { secret } }`)), ['validation_failed']);
  t.same(codes(await q(`mutation { createApiKey(input: { name: "x", scopes: ["read"] }, idempotencyKey: "k") { secret } }`)), ['validation_failed'], 'no idempotencyKey on createApiKey');
});
