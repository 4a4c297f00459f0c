import t from 'tap';
import { createTenant } from '../helpers/app.js';
import { spawnTs, waitFor, type Spawned } from '../helpers/process.js';
import { buildWebhookApp, createEndpoint, receiver } from '../helpers/webhooks.js';

// Scale-out: two real `src/worker.ts` processes on one PostgreSQL, 500 events
// fanned out to four endpoints. The receiver must get every (endpoint, event)
// exactly once — nothing lost, nothing twice — and, the receiver being
// healthy, each endpoint's events in sequence order. Each worker may serve
// two endpoints at a time, so both have to take part.

const EVENTS = 500;
const ENDPOINTS = 4;

interface StopLine {
  msg: string;
  attempts: number;
  delivered: number;
}

t.test('two worker processes deliver 500 events to 4 endpoints: each exactly once, in order', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const endpoints = [];
  for (let i = 0; i < ENDPOINTS; i++) endpoints.push(await createEndpoint(A, { url: `${rx.url}/e${i}` }));

  const env = { DATABASE_URL: ta.databaseUrl, WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_CONCURRENCY: '2', LOG_LEVEL: 'info', NODE_ENV: 'production' };
  const workers: Spawned[] = [spawnTs('src/worker.ts', [], env), spawnTs('src/worker.ts', [], env)];
  t.teardown(() => workers.forEach((w) => w.child.kill('SIGKILL')));
  for (const w of workers) await waitFor('a worker to start', () => (w.output().includes('webhook worker started') ? true : undefined), 90_000);

  // The API side: this process, no worker of its own.
  ta.clock.now = new Date();
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, EVENTS - i) }, (_, j) => A.call({ method: 'POST', url: '/v1/seekers', payload: { name: `Seeker ${i + j}` } })),
    );
  }
  await rx.waitFor(EVENTS * ENDPOINTS, 150_000); // a hang guard, not a speed check: CI runs three files at once on two cores
  const took = Date.now() - started;
  await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to show up

  t.equal(rx.received.length, EVENTS * ENDPOINTS, `${rx.received.length} requests for ${EVENTS} events × ${ENDPOINTS} endpoints (${took} ms)`);
  const eventIds = (await ta.db.prisma.event.findMany({ where: { institutionId: A.institutionId, type: 'seeker.created' }, select: { id: true } })).map((e) => e.id).sort();
  t.equal(eventIds.length, EVENTS);
  for (let i = 0; i < ENDPOINTS; i++) {
    const got = rx.received.filter((r) => r.path === `/e${i}`);
    const ids = got.map((r) => String(r.headers['webhook-id']));
    t.same([...ids].sort(), eventIds, `endpoint ${i}: every event exactly once`);
    const seqs = got.map((r) => (JSON.parse(r.body) as { sequence: number }).sequence);
    t.ok(seqs.every((s, k) => k === 0 || s > seqs[k - 1]!), `endpoint ${i}: in sequence order`);
  }
  const rows = await ta.db.prisma.webhookDelivery.groupBy({ by: ['status', 'attempts'], _count: true });
  t.same(rows.map((r) => [r.status, r.attempts, r._count]), [['delivered', 1, EVENTS * ENDPOINTS]], 'every delivery recorded once, as delivered at the first attempt');

  // A clean stop: both exit 0 and say what they did.
  for (const w of workers) w.child.kill('SIGTERM');
  const codes = await Promise.all(workers.map((w) => w.exited));
  t.same(codes, [0, 0], 'both exit 0 on SIGTERM');
  const stops = workers.map((w) =>
    w
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as StopLine)
      .find((l) => l.msg === 'webhook worker stopped'),
  );
  const delivered = stops.map((s) => s?.delivered ?? 0);
  t.equal(delivered[0]! + delivered[1]!, EVENTS * ENDPOINTS, `the two workers' counts add up (${delivered.join(' + ')})`);
  t.ok(delivered.every((n) => n > 0), 'both took part');
  t.same(stops.map((s) => s?.attempts), delivered, 'no failed attempt');
});
