import { request } from 'node:http';
import t from 'tap';
import { guardedLookup, isBlockedAddress, registrationProblem } from '../../src/jobs/address-guard.js';
import { Sender } from '../../src/jobs/sender.js';
import { createTenant } from '../helpers/app.js';
import { seeker } from '../helpers/fixtures.js';
import { buildWebhookApp, createEndpoint, deliveries, receiver, testWorker } from '../helpers/webhooks.js';

// No webhook reaches loopback, private, link-local or metadata addresses
// unless WEBHOOK_ALLOW_PRIVATE=true: refused at registration when the URL says
// so, and checked again at every send on what the host resolves to.

t.test('which addresses are blocked', async (t) => {
  const blocked = [
    '127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '100.100.100.200', '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1', '2001:db8::1', 'not-an-address',
  ];
  const allowed = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'];
  for (const ip of blocked) t.ok(isBlockedAddress(ip), `${ip} is blocked`);
  for (const ip of allowed) t.notOk(isBlockedAddress(ip), `${ip} is allowed`);

  t.match(registrationProblem(new URL('http://127.0.0.1:8080/x')), /127\.0\.0\.1/);
  t.match(registrationProblem(new URL('http://[::1]/x')), /::1/);
  t.match(registrationProblem(new URL('http://LOCALHOST/x')), /localhost/);
  t.match(registrationProblem(new URL('http://api.localhost/x')), /local machine/);
  t.equal(registrationProblem(new URL('https://crm.example.edu/hooks')), undefined, 'names are checked at send time, when resolved');
});

t.test('the guarded lookup refuses a name that resolves to a blocked address', async (t) => {
  const lookup = guardedLookup(false);
  const err = await new Promise<Error | null>((resolve) => lookup('localhost', { all: true }, (e) => resolve(e)));
  t.match(err, { name: 'BlockedAddressError', message: /localhost resolves to (127\.0\.0\.1|::1)/ });
  const ok = await new Promise<unknown>((resolve) => guardedLookup(true)('localhost', {}, (e, address) => resolve(e ?? address)));
  t.match(ok, /^(127\.0\.0\.1|::1)$/, 'allowed when private addresses are');

  // And an actual request through it never connects.
  const rx = await receiver(t);
  const res = await new Promise<string>((resolve) => {
    const req = request(`http://localhost:${rx.port}/`, { method: 'POST', lookup: guardedLookup(false) }, () => resolve('connected'));
    req.on('error', (e) => resolve(e.message));
    req.end();
  });
  t.match(res, /resolves to/);
  t.equal(rx.received.length, 0);
});

t.test('registration refuses private URLs unless WEBHOOK_ALLOW_PRIVATE=true', async (t) => {
  const ta = await buildWebhookApp(t, { allowPrivate: false });
  const A = await createTenant(ta.app);
  for (const url of ['http://127.0.0.1:9/x', 'http://localhost:3000/hook', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/hook', 'http://[::ffff:192.168.0.1]/']) {
    const res = await A.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: { url } });
    t.equal(res.statusCode, 422, `${url}: 422`);
    t.match(res.json(), { code: 'webhook_url_not_allowed', violations: [{ rule: 'private_address', field: 'url' }] });
  }
  for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/x', 'not a url']) {
    const res = await A.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: { url } });
    t.equal(res.statusCode, 400, `${url}: 400`);
  }
  const good = await A.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: { url: 'https://crm.example.edu/hooks/rapport' } });
  t.equal(good.statusCode, 201);
  const ep = good.json<{ id: string }>();
  const patched = await A.call({ method: 'PATCH', url: `/v1/webhook-endpoints/${ep.id}`, payload: { url: 'http://192.168.1.10/' } });
  t.equal(patched.statusCode, 422, 'a PATCH is checked too');
});

t.test('at send time, every resolved address is checked: nothing reaches a private receiver', async (t) => {
  // Registered where private URLs are allowed; delivered by a worker where they are not.
  const ta = await buildWebhookApp(t);
  const A = await createTenant(ta.app);
  const rx = await receiver(t);
  const eps = [
    await createEndpoint(A, { url: `http://localhost:${rx.port}/by-name` }),
    await createEndpoint(A, { url: `http://127.0.0.1:${rx.port}/literal` }),
    await createEndpoint(A, { url: `http://[::ffff:127.0.0.1]:${rx.port}/mapped` }),
  ];
  await seeker(A);
  const worker = testWorker(t, ta, { allowPrivate: false });
  t.match(await worker.tick(), { attempts: 3, delivered: 0 });
  t.equal(rx.received.length, 0, 'the receiver got nothing');
  for (const ep of eps) {
    const [d] = await deliveries(A, ep.id);
    t.match(d, { status: 'pending', attempts: 1, lastStatusCode: null, lastError: /^blocked: / }, `${ep.url}: blocked, and logged as such`);
  }

  // The same deliveries go through where private addresses are allowed.
  for (const ep of eps) {
    const [d] = await deliveries(A, ep.id);
    await A.call({ method: 'POST', url: `/v1/webhook-endpoints/deliveries/${d!.id}/redeliver` });
  }
  await testWorker(t, ta, { allowPrivate: true }).tick();
  t.same(rx.received.map((r) => r.path).sort(), ['/by-name', '/literal', '/mapped']);
});

t.test('only http and https are sent to', async (t) => {
  const sender = new Sender({ allowPrivate: true, timeoutMs: 1_000 });
  t.teardown(() => sender.close());
  const r = await sender.send('file:///etc/passwd', {}, '{}', new Date());
  t.match(r, { status: null, error: /only http and https/ });
});
