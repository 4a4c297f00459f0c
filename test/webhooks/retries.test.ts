import t from 'tap';
import { MAX_ATTEMPTS, parseRetryAfter, RETRY_DELAYS_MS, retryDelay } from '../../src/jobs/retry-policy.js';
import { createTenant, type Tenant } from '../helpers/app.js';
import { seeker } from '../helpers/fixtures.js';
import { buildWebhookApp, createEndpoint, days, deliveries, getEndpoint, hours, receiver, seconds, testWorker } from '../helpers/webhooks.js';

// Failure handling on a movable clock: the retry schedule, Retry-After, 410,
// disabling after five days (never after a brief outage), re-enabling, and
// receivers that are slow, redirect or talk too much. Nothing here sleeps
// longer than a short timeout.

const T0 = new Date();
const at = (ms: number) => new Date(T0.getTime() + ms);

async function feedTypes(a: Tenant) {
  return (await a.call({ method: 'GET', url: '/v1/events?limit=100' })).json<{ data: { type: string; data: Record<string, unknown> }[] }>().data;
}

t.test('the schedule: first retry within seconds, spread over about three days, with jitter', async (t) => {
  const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
  t.equal(MAX_ATTEMPTS, 10);
  t.equal(RETRY_DELAYS_MS[0], seconds(5));
  t.ok(total > days(2.5) && total < days(3.5), `${(total / 3_600_000).toFixed(1)} h in all`);
  t.equal(retryDelay(1, 0.5), seconds(5), 'no jitter at the middle');
  t.equal(retryDelay(1, 0), seconds(4), '-20 %');
  t.equal(retryDelay(1, 0.999_999), seconds(6), '+20 %');
  t.equal(retryDelay(MAX_ATTEMPTS, 0.5), null, 'spent after the last attempt');
  t.equal(parseRetryAfter('120', T0), seconds(120));
  t.equal(parseRetryAfter(new Date(T0.getTime() + seconds(30)).toUTCString(), T0), seconds(30) - (T0.getTime() % 1000), 'an HTTP-date');
  t.equal(parseRetryAfter('999999999', T0), days(1), 'capped at a day');
  t.equal(parseRetryAfter('soon', T0), null);
});

t.test('a failing receiver is retried on the schedule, then the delivery is failed; the endpoint stays on', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  rx.answer = () => ({ status: 500, body: `database down\n${'x'.repeat(5_000)}` });
  const ep = await createEndpoint(A, { url: rx.url });
  await seeker(A);
  const worker = testWorker(t, ta);

  await worker.tick();
  let [d] = await deliveries(A, ep.id);
  t.match(d, { status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: at(seconds(5)).toISOString() });
  t.match(d!.lastError, /^HTTP 500: database down x+$/);
  t.ok(d!.lastError!.length < 220, 'the body is quoted, briefly');
  t.match(await worker.tick(), { attempts: 0 }, 'not before it is due');

  let elapsed = 0;
  for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
    elapsed += delay;
    ta.clock.now = at(elapsed);
    t.match(await worker.tick(), { attempts: 1 }, `retry ${i + 1} after ${delay / 1000} s`);
  }
  t.equal(rx.received.length, MAX_ATTEMPTS);
  t.same(new Set(rx.received.map((r) => r.headers['webhook-id'])).size, 1, 'the same webhook-id every time');
  [d] = await deliveries(A, ep.id);
  t.match(d, { status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
  const endpoint = await getEndpoint(A, ep.id);
  t.match(endpoint, { enabled: true, failingSince: T0.toISOString() }, 'three days of failures do not disable');

  // Back up: the next event goes through and the failure streak ends.
  rx.answer = () => ({ status: 200 });
  await seeker(A, { name: 'Next' });
  await worker.tick();
  t.match(await getEndpoint(A, ep.id), { enabled: true, failingSince: null });
});

t.test('five days of failures disable the endpoint, with an event; a brief outage does not; re-enabling resumes where it stopped', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const watcher = await receiver(t);
  let down = true;
  rx.answer = () => (down ? { status: 502 } : { status: 204 });
  const ep = await createEndpoint(A, { url: rx.url });
  await createEndpoint(A, { url: watcher.url, eventTypes: ['webhook_endpoint.*'] });
  const worker = testWorker(t, ta);
  const step = async (ms: number, event = true) => {
    ta.clock.now = new Date(ta.clock.now.getTime() + ms);
    if (event) await seeker(A, { name: `At ${ta.clock.now.toISOString()}` });
    await worker.drain();
  };

  // Two days down, then back: still enabled, streak over.
  await step(0);
  for (let i = 0; i < 4; i++) await step(hours(12));
  t.match(await getEndpoint(A, ep.id), { enabled: true, failingSince: T0.toISOString() });
  down = false;
  await step(hours(1));
  t.match(await getEndpoint(A, ep.id), { enabled: true, failingSince: null }, 'two days of failures, then a success: never disabled');

  // Down again, for good: disabled five days after the first failure, not before.
  down = true;
  await step(hours(1));
  const streakStart = ta.clock.now;
  let hoursDown = 0;
  while ((await getEndpoint(A, ep.id)).enabled) {
    await step(hours(6));
    hoursDown += 6;
    if (hoursDown > 24 * 6) break;
  }
  t.equal(hoursDown, 24 * 5, 'disabled at the first failed attempt five days into the streak');
  const off = await getEndpoint(A, ep.id);
  t.match(off, { enabled: false, disabledReason: 'failing', failingSince: streakStart.toISOString() });
  const disabledEvent = (await feedTypes(A)).find((e) => e.type === 'webhook_endpoint.disabled');
  t.match(disabledEvent?.data, { reason: 'failing', lastStatusCode: 502, webhookEndpoint: { id: ep.id, enabled: false }, actor: { type: 'system' } });
  t.equal(watcher.received.length, 1, 'the other endpoint was told');
  t.equal(JSON.parse(watcher.received[0]!.body).type, 'webhook_endpoint.disabled');

  // While off, events queue for it, unscheduled, and nothing is sent.
  const sentBefore = rx.received.length;
  await step(hours(12));
  await step(days(2));
  t.equal(rx.received.length, sentBefore, 'nothing is sent to a disabled endpoint');
  const waiting = (await deliveries(A, ep.id, 'status=pending&limit=100'));
  t.ok(waiting.length >= 3 && waiting.every((d) => d.nextAttemptAt === null), `${waiting.length} deliveries wait, unscheduled`);
  const spent = await deliveries(A, ep.id, 'status=failed&limit=100');
  t.ok(spent.length >= 3, `${spent.length} ran out of attempts during the streak`);

  // Re-enabled: everything undelivered since the streak began goes out, in order.
  down = false;
  const on = await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${ep.id}`, payload: { enabled: true } });
  t.match(on.json(), { enabled: true, disabledReason: null, failingSince: null });
  await worker.drain();
  const log = await deliveries(A, ep.id, 'limit=100');
  t.ok(log.length > 25, `${log.length} deliveries`);
  t.same(log.filter((d) => d.status !== 'delivered'), [], 'all delivered now, the ones that had run out of attempts too');
  const resumed = rx.received.slice(sentBefore).map((r) => JSON.parse(r.body) as { sequence: number; type: string });
  t.same(resumed.map((b) => b.sequence), [...resumed.map((b) => b.sequence)].sort((a, b) => a - b), 'in sequence order');
  t.ok(resumed.some((b) => b.type === 'webhook_endpoint.disabled'), 'including the event saying it was disabled');
});

t.test('410 Gone disables at once; what was queued waits for a re-enable', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  rx.answer = () => ({ status: 410 });
  const ep = await createEndpoint(A, { url: rx.url });
  await seeker(A);
  await seeker(A, { name: 'Second' });
  const worker = testWorker(t, ta);
  t.match(await worker.tick(), { attempts: 1, disabled: 1 }, 'one attempt, then off');
  t.match(await getEndpoint(A, ep.id), { enabled: false, disabledReason: 'gone' });
  t.ok((await feedTypes(A)).some((e) => e.type === 'webhook_endpoint.disabled' && (e.data as { reason: string }).reason === 'gone'));
  const log = await deliveries(A, ep.id);
  t.same(log.map((d) => [d.status, d.nextAttemptAt]), [['pending', null], ['pending', null]], 'both paused');

  await seeker(A, { name: 'While gone' });
  t.equal((await deliveries(A, ep.id)).length, 2, 'a receiver that said 410 gets nothing new queued');

  rx.answer = () => ({ status: 204 });
  await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${ep.id}`, payload: { enabled: true } });
  await worker.tick();
  t.same((await deliveries(A, ep.id)).map((d) => d.status), ['delivered', 'delivered']);
  t.equal(rx.received.length, 3, 'the 410 attempt, then both');
});

t.test('429 or 503 with Retry-After: nothing goes to the endpoint before then', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  rx.answer = () => ({ status: 429, headers: { 'retry-after': '120' } });
  const ep = await createEndpoint(A, { url: rx.url });
  await seeker(A);
  await seeker(A, { name: 'Second' });
  const worker = testWorker(t, ta);
  t.match(await worker.tick(), { attempts: 1 }, 'the lane stops at the 429');
  t.match((await deliveries(A, ep.id)).map((d) => [d.sequence, d.attempts, d.nextAttemptAt]), [
    [Number, 0, T0.toISOString()],
    [Number, 1, at(seconds(120)).toISOString()],
  ]);

  ta.clock.now = at(seconds(60));
  await seeker(A, { name: 'Third' });
  t.match(await worker.tick(), { attempts: 0 }, 'a minute later: still waiting, new events too');

  rx.answer = () => ({ status: 503, headers: { 'retry-after': new Date(at(seconds(600)).getTime()).toUTCString() } });
  ta.clock.now = at(seconds(120));
  t.match(await worker.tick(), { attempts: 1 }, 'at 120 s it tries again: a 503 with an HTTP-date');
  ta.clock.now = at(seconds(599));
  t.match(await worker.tick(), { attempts: 0 });
  rx.answer = () => ({ status: 204 });
  ta.clock.now = at(seconds(600));
  t.match(await worker.tick(), { attempts: 3, delivered: 3 });
  const last = rx.bodies().slice(-3).map((b) => b.sequence);
  t.same(last, [...last].sort((a, b) => a - b), 'then in order');
});

t.test('slow receivers time out without holding up others; redirects are not followed', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const A = await createTenant(ta.app);
  const slow = await receiver(t);
  slow.answer = () => ({ hang: true });
  const fast = await receiver(t);
  const target = await receiver(t);
  const redirecting = await receiver(t);
  redirecting.answer = () => ({ status: 307, headers: { location: `${target.url}/elsewhere` } });
  const slowEp = await createEndpoint(A, { url: slow.url });
  const fastEp = await createEndpoint(A, { url: fast.url });
  const redirectEp = await createEndpoint(A, { url: redirecting.url });
  for (let i = 0; i < 3; i++) await seeker(A, { name: `S${i}` });

  // Causal, not a stopwatch: when the fast receiver takes its third delivery,
  // the slow lane must still be waiting on its first. The timeout is wide so a
  // busy CI machine cannot blur the two.
  let slowSeenWhenFastDone = -1;
  fast.answer = () => {
    if (fast.received.length === 3) slowSeenWhenFastDone = slow.received.length;
    return { status: 204 };
  };
  const worker = testWorker(t, ta, { timeoutMs: 1500, leaseMs: 20_000 });
  await worker.tick();
  t.equal(fast.received.length, 3);
  t.ok(slowSeenWhenFastDone === 0 || slowSeenWhenFastDone === 1, `the fast receiver had all three while the slow one was still on its first request (it had seen ${slowSeenWhenFastDone})`);
  t.equal(slow.received.length, 3, 'the slow one was tried in turn, one at a time');
  const slowLog = await deliveries(A, slowEp.id);
  t.ok(slowLog.every((d) => d.lastError === 'no answer within 1.5 s' && d.lastStatusCode === null && d.lastDurationMs! >= 1490));
  t.ok((await deliveries(A, fastEp.id)).every((d) => d.status === 'delivered'));

  t.equal(target.received.length, 0, 'the redirect target got nothing');
  const redirectLog = await deliveries(A, redirectEp.id);
  t.ok(redirectLog.every((d) => d.status === 'pending' && d.lastStatusCode === 307 && /redirect to .*elsewhere not followed/.test(d.lastError ?? '')));
});
