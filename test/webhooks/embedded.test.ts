import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { createTenant } from '../helpers/app.js';
import { buildWebhookApp, createEndpoint, deliveries, receiver, testWorker } from '../helpers/webhooks.js';

// The embedded database (PGlite, one connection) with the worker running in
// the API process, as `npm start` does by default: writes racing the worker's
// claims and records, woken by PGlite's own NOTIFY.

t.test('embedded: the in-process worker delivers while the API writes', async (t) => {
  const ta = await buildWebhookApp(t, { embedded: true });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const ep = await createEndpoint(A, { url: `${rx.url}/hook` });
  const worker = testWorker(t, ta, { listen: true, pollMs: 200 });
  await worker.start();

  const N = 30;
  for (let i = 0; i < N; i += 5) {
    const batch = await Promise.all(Array.from({ length: 5 }, (_, j) => A.call({ method: 'POST', url: '/v1/seekers', payload: { name: `S${i + j}` } })));
    t.ok(batch.every((r) => r.statusCode === 201), 'writes succeed while the worker runs');
  }
  await rx.waitFor(N, 20_000);
  await worker.stop();

  const wh = new Webhook(ep.secret);
  const seqs = rx.received.map((r) => (wh.verify(r.body, r.headers as Record<string, string>) as { sequence: number }).sequence);
  t.equal(new Set(seqs).size, N, 'each event once');
  t.same(seqs, [...seqs].sort((a, b) => a - b), 'in sequence order');
  t.ok((await deliveries(A, ep.id)).every((d) => d.status === 'delivered' && d.attempts === 1));
});
