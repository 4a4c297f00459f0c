import t from 'tap';
import { Maintenance } from '../../src/jobs/index.js';
import { createTenant, type TestApp } from '../helpers/app.js';
import { seeker } from '../helpers/fixtures.js';
import { buildWebhookApp, createEndpoint, receiver, testWorker } from '../helpers/webhooks.js';

// Finished deliveries are deleted WEBHOOK_RETENTION_DAYS after their last
// attempt, with their attempt logs; pending ones and the events stay.

const T0 = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(T0.getTime() - n * DAY);
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function counts(ta: TestApp) {
  const [row] = await ta.db.sql.query<{ deliveries: number; attempts: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM webhook_deliveries) AS deliveries, (SELECT count(*)::int FROM webhook_attempts) AS attempts, (SELECT count(*)::int FROM events) AS events`,
  );
  return row!;
}

t.test('finished deliveries past retention go with their attempts; pending ones, recent ones and events stay', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const ep = await createEndpoint(A, { url: rx.url });
  const names = ['old delivered', 'old failed', 'recent delivered', 'old pending'];
  for (const name of names) await seeker(A, { name });
  await testWorker(t, ta).tick();
  t.equal(rx.received.length, 4, 'all four sent once');

  // Age them by hand: what each row would look like after weeks of history.
  const byName = async (name: string) =>
    (
      await ta.db.sql.query<{ id: string }>(
        `SELECT d.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.endpoint_id = $1 AND e.data->'seeker'->>'name' = $2`,
        [ep.id, name],
      )
    )[0]!.id;
  const set = (name: string, status: string, at: Date) =>
    byName(name).then((id) => ta.db.sql.query(`UPDATE webhook_deliveries SET status = $2, updated_at = $3 WHERE id = $1`, [id, status, at]));
  await set('old delivered', 'delivered', daysAgo(31));
  await set('old failed', 'failed', daysAgo(30.01));
  await set('recent delivered', 'delivered', daysAgo(29.99));
  await set('old pending', 'pending', daysAgo(40));
  const kept = [await byName('recent delivered'), await byName('old pending')].sort();
  const before = await counts(ta);

  const result = await new Maintenance({ db: ta.db, log: quiet, clock: () => T0 }).tick();
  t.equal(result.deliveries, 2, 'two finished deliveries older than 30 days');
  const left = (await ta.db.sql.query<{ id: string }>(`SELECT id FROM webhook_deliveries ORDER BY id`)).map((r) => r.id);
  t.same(left, kept, 'the recent one and the one still owed stay, however old');
  const after = await counts(ta);
  t.equal(after.attempts, before.attempts - 2, 'their attempt logs went with them');
  t.equal(after.events, before.events, 'the events stay: the change feed still has them');
  t.equal((await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${ep.id}/deliveries` })).json<{ data: unknown[] }>().data.length, 2);

  t.same(await new Maintenance({ db: ta.db, log: quiet, clock: () => T0 }).tick(), { idempotencyKeys: 0, deliveries: 0 }, 'a second pass finds nothing');
  const shorter = await new Maintenance({ db: ta.db, log: quiet, clock: () => T0, webhookRetentionDays: 7 }).tick();
  t.equal(shorter.deliveries, 1, 'WEBHOOK_RETENTION_DAYS=7 takes the 29-day-old one too');
  t.same((await ta.db.sql.query<{ status: string }>(`SELECT status FROM webhook_deliveries`)).map((r) => r.status), ['pending']);
});

t.test('a backlog larger than one batch is deleted in one pass, in batches', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const ep = await createEndpoint(A, { url: 'https://crm.example.edu/hooks' });
  await ta.db.sql.query(
    `INSERT INTO webhook_deliveries (id, institution_id, endpoint_id, event_id, event_type, sequence, status, attempts, created_at, updated_at)
     SELECT 'whd_old' || g, $1, $2, 'evt_old' || g, 'seeker.created', g, CASE WHEN g % 2 = 0 THEN 'delivered' ELSE 'failed' END, 1, $3, $3
     FROM generate_series(1, 2500) g`,
    [A.institutionId, ep.id, daysAgo(45)],
  );
  const logged: object[] = [];
  const log = { ...quiet, info: (o: object) => logged.push(o) };
  t.same(await new Maintenance({ db: ta.db, log, clock: () => T0 }).tick(), { idempotencyKeys: 0, deliveries: 2500 });
  t.equal((await counts(ta)).deliveries, 0);
  t.same(logged, [{ removed: 2500, retentionDays: 30 }], 'one log line says how many and why');
});

t.test('the embedded database prunes the same way', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0, embedded: true });
  const A = await createTenant(ta.app);
  const ep = await createEndpoint(A, { url: 'https://crm.example.edu/hooks' });
  await ta.db.sql.query(
    `INSERT INTO webhook_deliveries (id, institution_id, endpoint_id, event_id, event_type, sequence, status, attempts, created_at, updated_at)
     VALUES ('whd_a', $1, $2, 'evt_a', 'seeker.created', 1, 'delivered', 1, $3, $3), ('whd_b', $1, $2, 'evt_b', 'seeker.created', 2, 'pending', 0, $3, $3)`,
    [A.institutionId, ep.id, daysAgo(45)],
  );
  t.same(await new Maintenance({ db: ta.db, log: quiet, clock: () => T0 }).tick(), { idempotencyKeys: 0, deliveries: 1 });
  t.same((await ta.db.sql.query<{ id: string }>(`SELECT id FROM webhook_deliveries`)).map((r) => r.id), ['whd_b']);
});
