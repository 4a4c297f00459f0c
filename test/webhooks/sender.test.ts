import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { Sender } from '../../src/jobs/sender.js';

// One attempt over HTTP: what counts as delivered, how much of an answer is
// read, the deadline, Retry-After.

async function serve(t: { teardown(fn: () => unknown): void }, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

t.test('2xx is delivered; the answer is read up to a small cap, however much is sent', async (t) => {
  const sender = new Sender({ allowPrivate: true, timeoutMs: 5_000, maxResponseBytes: 1024 });
  t.teardown(() => sender.close());
  let written = 0;
  const url = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    // An endless answer: stops only when the client goes away.
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (!res.destroyed && written < 200 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  const r = await sender.send(url, {}, '{}', new Date());
  t.match(r, { status: 200, error: null });
  t.ok(written < 50 * 1024 * 1024, `the receiver could push only ${(written / 1024 / 1024).toFixed(1)} MiB before the connection was dropped`);
});

t.test('an error answer is quoted briefly; Retry-After is read; the deadline covers a stalled answer', async (t) => {
  // Answers that come at once get a wide deadline, so a busy machine cannot
  // turn them into timeouts; only the stalled one is meant to hit its 0.3 s.
  const sender = new Sender({ allowPrivate: true, timeoutMs: 10_000 });
  const impatient = new Sender({ allowPrivate: true, timeoutMs: 300 });
  t.teardown(() => {
    sender.close();
    impatient.close();
  });
  const five = await serve(t, (_req, res) => res.writeHead(500).end(`oops ${'y'.repeat(10_000)}`));
  const r = await sender.send(five, {}, '{}', new Date());
  t.equal(r.status, 500);
  t.match(r.error, /^HTTP 500: oops y+$/);
  t.ok(r.error!.length <= 220);

  const busy = await serve(t, (_req, res) => res.writeHead(429, { 'retry-after': '30' }).end());
  t.match(await sender.send(busy, {}, '{}', new Date()), { status: 429, retryAfterMs: 30_000 });

  // Headers sent, then the body never finishes.
  const stalled = await serve(t, (_req, res) => {
    res.writeHead(200);
    res.write('partial');
  });
  const s = await impatient.send(stalled, {}, '{}', new Date());
  t.match(s, { status: null, error: 'no answer within 0.3 s' });

  const refused = await sender.send('http://127.0.0.1:9/hook', {}, '{}', new Date());
  t.match(refused, { status: null, error: /connection refused/ });
});

t.test('the request: POST, JSON, the headers given, kept-alive connections reused', async (t) => {
  const sender = new Sender({ allowPrivate: true, timeoutMs: 2_000 });
  t.teardown(() => sender.close());
  const seen: { method?: string; headers: IncomingMessage['headers']; port?: number }[] = [];
  const url = await serve(t, (req, res) => {
    seen.push({ method: req.method, headers: req.headers, port: req.socket.remotePort });
    res.writeHead(204).end();
  });
  for (let i = 0; i < 3; i++) await sender.send(url, { 'webhook-id': `evt_${i}` }, '{"a":1}', new Date());
  t.equal(seen[0]!.method, 'POST');
  t.match(seen[0]!.headers, { 'content-type': 'application/json', 'content-length': '7', 'webhook-id': 'evt_0', 'user-agent': /^Rapport-Webhooks\// });
  t.equal(new Set(seen.map((s) => s.port)).size, 1, 'one connection for three requests');
});
