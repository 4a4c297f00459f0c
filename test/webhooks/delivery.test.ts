import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { appendEvent } from '../../src/services/events.js';
import { createTenant } from '../helpers/app.js';
import { act, GOOD_REQUEST, interview, seeker } from '../helpers/fixtures.js';
import { buildWebhookApp, createEndpoint, deliveries, hours, receiver, testWorker } from '../helpers/webhooks.js';

// Real deliveries to local receivers, verified with the `standardwebhooks`
// package as a receiver would: headers, signature, body, order, filters, the
// test event, redelivery and secret rotation.

t.test('each event reaches the endpoint once, signed per Standard Webhooks, in sequence order', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app, 'Webhook U');
  const rx = await receiver(t);
  const ep = await createEndpoint(A, { url: `${rx.url}/hooks/rapport`, description: 'CRM sync' });
  t.match(ep.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a whsec_ secret of 32 bytes, shown on create');

  const iv = await interview(A);
  await act(A, iv.id, 'request', GOOD_REQUEST);
  const worker = testWorker(t, ta);
  const pass = await worker.tick();
  t.match(pass, { attempts: 4, delivered: 4, failedAttempts: 0 });
  t.equal(rx.received.length, 4, 'seeker, contact, interview created, then requested');

  // The institution's own creation came before the endpoint: not sent.
  const feed = (await A.call({ method: 'GET', url: '/v1/events?limit=100' })).json<{ data: { id: string; type: string; sequence: number }[] }>().data;
  t.equal(feed.shift()?.type, 'institution.created');
  const wh = new Webhook(ep.secret);
  for (const [i, got] of rx.received.entries()) {
    t.equal(got.path, '/hooks/rapport');
    t.equal(got.headers['content-type'], 'application/json');
    const payload = wh.verify(got.body, got.headers as Record<string, string>) as { id: string };
    t.same(payload, feed[i], `delivery ${i + 1} is the event exactly as GET /v1/events shows it`);
    t.equal(got.headers['webhook-id'], payload.id, 'webhook-id is the event id');
    t.match(got.headers['webhook-timestamp'], /^\d{10}$/);
    t.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got.body, got.headers as Record<string, string>), 'another secret does not verify');
  }
  t.same(rx.bodies().map((b) => b.sequence), [2, 3, 4, 5], 'in sequence order');
  t.same(rx.bodies().map((b) => b.type), ['seeker.created', 'contact.created', 'interview.created', 'interview.requested']);

  const log = await deliveries(A, ep.id);
  t.same(log.map((d) => d.sequence), [5, 4, 3, 2], 'the delivery log, newest first');
  for (const d of log) t.match(d, { status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null, deliveredAt: String });
  t.ok(log.every((d) => typeof d.lastDurationMs === 'number'), 'with the duration of the attempt');
  t.match(await worker.tick(), { attempts: 0 }, 'nothing is sent twice');

  // Pagination of the log.
  const first = (await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${ep.id}/deliveries?limit=3` })).json<{ data: { sequence: number }[]; nextCursor: string }>();
  t.same(first.data.map((d) => d.sequence), [5, 4, 3]);
  const second = (await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${ep.id}/deliveries?limit=3&cursor=${encodeURIComponent(first.nextCursor)}` })).json<{ data: { sequence: number }[]; nextCursor: null }>();
  t.same(second.data.map((d) => d.sequence), [2]);
  t.equal(second.nextCursor, null);
  const one = await A.call({ method: 'GET', url: `/v1/webhook-endpoints/deliveries/${log[0]!.id}` });
  t.equal(one.statusCode, 200);
  t.equal(one.json<{ eventType: string }>().eventType, 'interview.requested');
});

t.test('eventTypes filters, exact or by category; an empty list means everything', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  await createEndpoint(A, { url: `${rx.url}/all` });
  await createEndpoint(A, { url: `${rx.url}/interviews`, eventTypes: ['interview.*'] });
  await createEndpoint(A, { url: `${rx.url}/seekers`, eventTypes: ['seeker.created', 'seeker.deleted'] });
  const s = await seeker(A);
  await A.call({ method: 'PATCH', url: `/v1/seekers/${s.id}`, payload: { name: 'Renamed' } });
  await interview(A);
  await testWorker(t, ta).tick();
  const by = (path: string) => rx.received.filter((r) => r.path === path).map((r) => (JSON.parse(r.body) as { type: string }).type);
  t.same(by('/all'), ['seeker.created', 'seeker.updated', 'seeker.created', 'contact.created', 'interview.created']);
  t.same(by('/interviews'), ['interview.created']);
  t.same(by('/seekers'), ['seeker.created', 'seeker.created']);
});

t.test('the event log is the outbox: a rolled-back event leaves no delivery behind', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const ep = await createEndpoint(A, { url: rx.url });
  await t.rejects(
    ta.db.transaction(async (tx) => {
      await appendEvent(tx, A.institutionId, { type: 'system', id: 'test' }, ta.clock.now, { type: 'seeker.created', subjectType: 'seeker', subjectId: 'skr_x', data: {} });
      t.equal(await tx.webhookDelivery.count(), 1, 'the delivery row is written with the event');
      throw new Error('business rule failed');
    }),
  );
  t.equal(await ta.db.prisma.webhookDelivery.count(), 0, 'and rolled back with it');
  // A refused action writes neither.
  const iv = await interview(A);
  const refused = await A.call({ method: 'POST', url: `/v1/interviews/${iv.id}/request`, payload: { ...GOOD_REQUEST, message: 'Are you hiring? Any openings?' } });
  t.equal(refused.statusCode, 422);
  t.equal((await deliveries(A, ep.id)).length, 3, 'seeker, contact and interview created; nothing for the refusal');
});

t.test('POST /test sends webhook.test to that endpoint only; redeliver sends again with the same webhook-id', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const ep = await createEndpoint(A, { url: `${rx.url}/a`, eventTypes: ['contact.created'] });
  await createEndpoint(A, { url: `${rx.url}/b` });
  const res = await A.call({ method: 'POST', url: `/v1/webhook-endpoints/${ep.id}/test` });
  t.equal(res.statusCode, 202, res.body);
  const { event, delivery } = res.json<{ event: { id: string; type: string }; delivery: { id: string; status: string; eventId: string } }>();
  t.equal(event.type, 'webhook.test');
  t.match(delivery, { status: 'pending', eventId: event.id });
  await testWorker(t, ta).tick();
  t.equal(rx.received.length, 1, 'only the endpoint tested, whatever its filter');
  t.equal(rx.received[0]!.path, '/a');
  const body = new Webhook(ep.secret).verify(rx.received[0]!.body, rx.received[0]!.headers as Record<string, string>) as { type: string; data: { webhookEndpoint: { id: string } } };
  t.equal(body.type, 'webhook.test');
  t.equal(body.data.webhookEndpoint.id, ep.id);

  const again = await A.call({ method: 'POST', url: `/v1/webhook-endpoints/deliveries/${delivery.id}/redeliver` });
  t.equal(again.statusCode, 202, again.body);
  t.match(again.json(), { id: delivery.id, status: 'pending', attempts: 0, deliveredAt: null });
  await testWorker(t, ta).tick();
  t.equal(rx.received.length, 2);
  t.equal(rx.received[1]!.headers['webhook-id'], event.id, 'the same webhook-id, so a receiver can tell it is a duplicate');
  t.match((await deliveries(A, ep.id))[0], { status: 'delivered', attempts: 1 });

  // Disabled: neither a test nor a redelivery is accepted.
  await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${ep.id}`, payload: { enabled: false } });
  for (const url of [`/v1/webhook-endpoints/${ep.id}/test`, `/v1/webhook-endpoints/deliveries/${delivery.id}/redeliver`]) {
    const r = await A.call({ method: 'POST', url });
    t.equal(r.statusCode, 409, url);
    t.equal(r.json<{ code: string }>().code, 'webhook_endpoint_disabled');
  }
});

t.test('secret rotation: for 24 hours both secrets sign, then only the new one', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const ep = await createEndpoint(A, { url: rx.url });
  const worker = testWorker(t, ta);

  const rotated = await A.call({ method: 'POST', url: `/v1/webhook-endpoints/${ep.id}/rotate-secret` });
  t.equal(rotated.statusCode, 200, rotated.body);
  const { secret, previousSecretExpiresAt } = rotated.json<{ secret: string; previousSecretExpiresAt: string }>();
  t.not(secret, ep.secret);
  t.equal(previousSecretExpiresAt, new Date(ta.clock.now.getTime() + hours(24)).toISOString());
  t.notOk('secret' in (await A.call({ method: 'GET', url: `/v1/webhook-endpoints/${ep.id}` })).json(), 'a read never shows the secret');

  await seeker(A);
  await worker.tick();
  const during = rx.received[0]!;
  t.equal(String(during.headers['webhook-signature']).split(' ').length, 2, 'two signatures');
  for (const s of [secret, ep.secret]) t.ok(new Webhook(s).verify(during.body, during.headers as Record<string, string>), 'each secret verifies on its own');

  // 24 hours later the old secret is gone. (The timestamp is then a day
  // ahead of the real clock, so compare with the library's own signature.)
  ta.clock.now = new Date(ta.clock.now.getTime() + hours(24) + 1);
  await seeker(A, { name: 'Later' });
  await worker.tick();
  const after = rx.received[1]!;
  const sig = String(after.headers['webhook-signature']);
  t.equal(sig.split(' ').length, 1, 'one signature');
  const at = new Date(Number(after.headers['webhook-timestamp']) * 1000);
  t.equal(sig, new Webhook(secret).sign(String(after.headers['webhook-id']), at, after.body), 'made with the new secret');
});

t.test('the worker delivers on its own once started: woken by the commit, within milliseconds', async (t) => {
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  await createEndpoint(A, { url: rx.url });
  // The next poll is ten minutes away and waitFor gives up long before, so a
  // delivery at all means the commit's notification woke the worker.
  const worker = testWorker(t, ta, { listen: true, pollMs: 600_000 });
  await worker.start();
  ta.clock.now = new Date();
  await seeker(A);
  await rx.waitFor(1, 30_000);
  t.equal(rx.received.length, 1, 'delivered without waiting for a poll');
  await worker.stop();
});
