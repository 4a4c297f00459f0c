import t from 'tap';
import { getIntrospectionQuery } from 'graphql';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { interview } from '../helpers/fixtures.js';
import { codes, gql } from './helpers.js';

t.test('depth and cost limits answer query_too_complex before anything runs; introspection is exempt', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const q = gql(a);
  const iv = await interview(a);

  // interview › referredFrom × 10 › id: 12 levels.
  const deep = `{ interview(id: "${iv.id}") { ${'referredFrom { '.repeat(10)}id${' }'.repeat(10)} } }`;
  const tooDeep = await q(deep);
  t.equal(tooDeep.status, 400);
  t.same(tooDeep.data, null, 'nothing executed');
  t.same(codes(tooDeep), ['query_too_complex']);
  t.match(tooDeep.errors![0]!.message, /12 levels deep; the limit is 10/);
  t.match(tooDeep.errors![0]!.extensions, { limit: 'depth', depth: 12, maxDepth: 10, status: 400 });

  const viaFragments = await q(`query { interview(id: "${iv.id}") { ...A } } fragment A on Interview { referredFrom { ...B } } fragment B on Interview { referredFrom { ${'referredFrom { '.repeat(8)}id${' }'.repeat(8)} } }`);
  t.same(codes(viaFragments), ['query_too_complex'], 'fragments count too');

  const costly = await q(`{ interviews(first: 100) { edges { node { events(first: 100) { edges { node { id type sequence } } } } } } }`);
  t.same(codes(costly), ['query_too_complex']);
  t.match(costly.errors![0]!.extensions, { limit: 'cost' });
  const variable = await q(`query($n: Int) { interviews(first: $n) { edges { node { events(first: $n) { edges { node { id type data } } } } } } }`, { n: 2 });
  t.same(codes(variable), ['query_too_complex'], 'a variable page size is costed at the maximum');

  const fine = await q(`{ interviews(first: 50) { edges { node { seeker { name } contact { name } availableActions { action } } } } }`);
  t.same(fine.errors, undefined, "the issue's query is within limits");

  const introspection = await q(getIntrospectionQuery());
  t.same(introspection.errors, undefined, 'the full introspection query (GraphiQL, codegen) passes');
  t.ok(introspection.data!.__schema.types.some((x: { name: string }) => x.name === 'Interview'));
  t.equal(await db.prisma.event.count({ where: { institutionId: a.institutionId } }), 4, 'no query wrote anything');
});

t.test('GraphiQL is served at /graphiql', async (t) => {
  const { app } = await buildTestApp(t);
  const page = await app.inject({ method: 'GET', url: '/graphiql' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  const config = await app.inject({ method: 'GET', url: '/graphiql/config.js' });
  t.match(config.body, /GRAPHQL_ENDPOINT = '\/graphql'/);
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  t.notOk(Object.keys(doc.paths).some((p) => p.startsWith('/graph')), 'GraphQL routes stay out of the OpenAPI document');
});
