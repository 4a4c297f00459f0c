import t from 'tap';
import { RETRY_DELAYS_MS } from '../../src/jobs/retry-policy.js';
import { createTenant } from '../helpers/app.js';
import { seeker } from '../helpers/fixtures.js';
import { codes, gql } from '../graphql/helpers.js';
import { buildWebhookApp, createEndpoint, deliveries, receiver, testWorker } from '../helpers/webhooks.js';

// The attempt log: one row per request, written with its delivery's update,
// listed over REST and GraphQL with the usual cursor pages and tenancy.

const T0 = new Date();
const at = (ms: number) => new Date(T0.getTime() + ms);

interface AttemptView {
  id: string;
  deliveryId: string;
  endpointId: string;
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number | null;
  error: string | null;
  outcome: string;
  nextAttemptAt: string | null;
}

const ATTEMPT_FIELDS = 'id attempt attemptedAt statusCode durationMs error outcome nextAttemptAt';
const GQL_ATTEMPTS = `query($id: ID!, $first: Int, $after: String) { webhookEndpoint(id: $id) { deliveries(first: 1) { edges { node { id
  attemptLog(first: $first, after: $after) { edges { cursor node { ${ATTEMPT_FIELDS} } } pageInfo { hasNextPage endCursor } } } } } } }`;

t.test('500, a timeout, then 200: three attempts in order, paged over REST and GraphQL, private to the institution', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const B = await createTenant(ta.app, 'Other Centre');
  const rx = await receiver(t);
  const answers = [{ status: 500, body: 'database down' }, { hang: true }, { status: 200 }];
  rx.answer = () => answers[Math.min(rx.received.length - 1, answers.length - 1)]!;
  const ep = await createEndpoint(A, { url: rx.url });
  const other = await createEndpoint(A, { url: `${rx.url}/other`, eventTypes: ['webhook.test'] });
  await seeker(A);
  const worker = testWorker(t, ta, { timeoutMs: 1_000, leaseMs: 10_000 });

  await worker.tick();
  ta.clock.now = at(RETRY_DELAYS_MS[0]!);
  await worker.tick();
  ta.clock.now = at(RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]!);
  await worker.tick();
  t.equal(rx.received.length, 3);
  const [d] = await deliveries(A, ep.id);
  t.match(d, { status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
  const url = `/v1/webhook-endpoints/${ep.id}/deliveries/${d!.id}/attempts`;

  const all = await A.call({ method: 'GET', url });
  t.equal(all.statusCode, 200, 'the owner reads the log');
  const { data, nextCursor } = all.json<{ data: AttemptView[]; nextCursor: string | null }>();
  t.equal(nextCursor, null);
  t.same(
    data.map((a) => [a.attempt, a.statusCode, a.outcome]),
    [
      [1, 500, 'retry_scheduled'],
      [2, null, 'retry_scheduled'],
      [3, 200, 'delivered'],
    ],
  );
  t.match(data[0], { deliveryId: d!.id, endpointId: ep.id, attemptedAt: T0.toISOString(), nextAttemptAt: at(RETRY_DELAYS_MS[0]!).toISOString() });
  t.match(data[0]!.error, /^HTTP 500: database down/);
  t.match(data[1], { attemptedAt: at(RETRY_DELAYS_MS[0]!).toISOString(), nextAttemptAt: at(RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]!).toISOString() });
  t.ok(data[1]!.error && data[1]!.error.length > 0, `the timeout says why (${data[1]!.error})`);
  t.match(data[2], { error: null, nextAttemptAt: null });
  t.ok(data.every((a) => a.id.startsWith('wha_') && typeof a.durationMs === 'number'));
  t.equal(await ta.db.prisma.webhookAttempt.count(), 3, 'each attempt recorded once');

  const first = await A.call({ method: 'GET', url: `${url}?limit=2` });
  const page1 = first.json<{ data: AttemptView[]; nextCursor: string | null }>();
  t.same(
    page1.data.map((a) => a.attempt),
    [1, 2],
  );
  t.type(page1.nextCursor, 'string');
  const page2 = (await A.call({ method: 'GET', url: `${url}?limit=2&cursor=${page1.nextCursor}` })).json<{ data: AttemptView[]; nextCursor: string | null }>();
  t.same(page2, { data: [data[2]], nextCursor: null }, 'the second page');

  // A redelivery restarts the delivery's count, not the log's numbering.
  t.equal((await A.call({ method: 'POST', url: `/v1/webhook-endpoints/deliveries/${d!.id}/redeliver` })).statusCode, 202);
  await worker.tick();
  const after = (await A.call({ method: 'GET', url: `${url}?cursor=${page1.nextCursor}` })).json<{ data: AttemptView[] }>().data;
  t.same(
    after.map((a) => [a.attempt, a.outcome]),
    [
      [3, 'delivered'],
      [4, 'delivered'],
    ],
  );

  const q = gql(A);
  const g1 = await q(GQL_ATTEMPTS, { id: ep.id, first: 2 });
  t.same(g1.errors, undefined);
  const log = g1.data!.webhookEndpoint.deliveries.edges[0].node.attemptLog;
  t.same(
    log.edges.map((e: { node: AttemptView }) => e.node),
    data.slice(0, 2).map(({ deliveryId: _d, endpointId: _e, ...rest }) => rest),
    'GraphQL: the same attempts',
  );
  t.same(log.pageInfo, { hasNextPage: true, endCursor: page1.nextCursor }, 'GraphQL: the same cursor as REST');
  const g2 = await q(GQL_ATTEMPTS, { id: ep.id, first: 10, after: log.pageInfo.endCursor });
  t.same(
    g2.data!.webhookEndpoint.deliveries.edges[0].node.attemptLog.edges.map((e: { node: AttemptView }) => e.node.attempt),
    [3, 4],
  );

  const problem = async (who: typeof A, u: string, status: number, code: string, label: string) => {
    const res = await who.call({ method: 'GET', url: u });
    t.equal(res.statusCode, status, `${label}: ${status}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`);
    t.equal(res.json<{ code: string }>().code, code, `${label}: ${code}`);
  };
  await problem(B, url, 404, 'not_found', "another institution's endpoint and delivery");
  await problem(A, `/v1/webhook-endpoints/${other.id}/deliveries/${d!.id}/attempts`, 404, 'not_found', 'a delivery not under that endpoint');
  await problem(A, `${url}?limit=0`, 400, 'validation_failed', 'limit 0');
  await problem(A, `${url}?limit=101`, 400, 'validation_failed', 'limit 101');
  await problem(A, `${url}?cursor=nonsense`, 400, 'invalid_cursor', 'a made-up cursor');
  await problem(A, `${url}?cursor=${encodeURIComponent('c1.' + Buffer.from(d!.id).toString('base64url'))}`, 400, 'invalid_cursor', "a delivery's cursor");
  await problem(A, `/v1/webhook-endpoints/${ep.id}/deliveries/not-an-id/attempts`, 400, 'validation_failed', 'a malformed delivery id');

  const gB = await gql(B)(GQL_ATTEMPTS, { id: ep.id, first: 2 });
  t.equal(gB.data!.webhookEndpoint, null, "GraphQL: B sees nothing of A's");
  t.same(codes(gB), ['not_found']);
  const gBad = await q(GQL_ATTEMPTS, { id: ep.id, first: 0 });
  t.same(codes(gBad), ['validation_failed'], 'GraphQL: first 0');
  const gCursor = await q(GQL_ATTEMPTS, { id: ep.id, first: 2, after: 'nonsense' });
  t.same(codes(gCursor), ['invalid_cursor'], 'GraphQL: a made-up cursor');
});

t.test('a 410 ends in outcome failed (no retry follows); deleting the endpoint drops its log', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  rx.answer = () => ({ status: 410 });
  const ep = await createEndpoint(A, { url: rx.url });
  await seeker(A);
  await testWorker(t, ta).tick();
  const [d] = await deliveries(A, ep.id);
  const res = await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${ep.id}/deliveries/${d!.id}/attempts` });
  t.match(res.json<{ data: AttemptView[] }>().data, [{ attempt: 1, statusCode: 410, outcome: 'failed', nextAttemptAt: null }], '410: no retry follows');
  t.equal((await A.call({ method: 'DELETE', url: `/v1/webhook-endpoints/${ep.id}` })).statusCode, 200);
  t.equal(await ta.db.prisma.webhookAttempt.count(), 0, 'the log goes with its deliveries');
});
