import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { WebhookWorker, type WebhookWorkerOptions } from '../../src/jobs/webhook-worker.js';
import { OPERATOR_TOKEN, type TestApp, type Tenant } from './app.js';
import { freshDatabaseUrl, migratedDataDir } from './database.js';

// Webhook tests need what test/helpers/app.ts doesn't give: an app that
// accepts loopback URLs (WEBHOOK_ALLOW_PRIVATE=true, as the receivers here
// listen on 127.0.0.1), local HTTP receivers, and a worker on the test's
// movable clock that the test ticks by hand.

interface TestLike {
  teardown(fn: () => unknown): void;
}

export async function buildWebhookApp(t: TestLike, opts: { embedded?: boolean; now?: Date; allowPrivate?: boolean } = {}): Promise<TestApp> {
  const databaseUrl = opts.embedded ? undefined : await freshDatabaseUrl(t);
  const dataDir = opts.embedded ? await migratedDataDir(t) : '/nonexistent';
  const config = loadConfig(
    { OPERATOR_TOKEN, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, WEBHOOK_ALLOW_PRIVATE: opts.allowPrivate === false ? 'false' : 'true' },
    false,
  );
  const db = await openDatabase({ databaseUrl, dataDir, poolSize: 10 });
  const clock = { now: opts.now ?? new Date() };
  const app = await buildApp({ config, db, clock: () => clock.now });
  t.teardown(async () => {
    await app.close();
    await db.close();
  });
  return { app, db, databaseUrl, clock };
}

/** A worker on the test app's clock; no LISTEN, no loop unless started. Stopped at teardown. */
export function testWorker(t: TestLike, ta: TestApp, opts: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
  const worker = new WebhookWorker({ db: ta.db, clock: () => ta.clock.now, allowPrivate: true, listen: false, random: () => 0.5, timeoutMs: 10_000, leaseMs: 30_000, ...opts });
  t.teardown(() => worker.stop());
  return worker;
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the request had arrived whole. */
  at: number;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer nothing at all (the connection is dropped at teardown). */
  hang?: boolean;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** How the next requests are answered (default 204). */
  answer: (req: Received) => Answer;
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  bodies(): { id: string; type: string; sequence: number; data: Record<string, unknown> }[];
}

export async function receiver(t: TestLike, host = '127.0.0.1'): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const r: Receiver = {
    url: '',
    port: 0,
    received: [],
    answer: () => ({ status: 204 }),
    async waitFor(n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (r.received.length < n) {
        if (Date.now() > until) throw new Error(`receiver got ${r.received.length} requests, expected ${n}`);
        await new Promise((res) => setTimeout(res, 10));
      }
      return r.received;
    },
    bodies: () => r.received.map((x) => JSON.parse(x.body) as { id: string; type: string; sequence: number; data: Record<string, unknown> }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got: Received = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      r.received.push(got);
      const a = r.answer(got);
      if (a.hang) {
        hanging.add(res);
        return;
      }
      const send = () => {
        res.writeHead(a.status ?? 204, a.headers);
        res.end(a.body);
      };
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  r.port = (server.address() as AddressInfo).port;
  r.url = `http://${host.includes(':') ? `[${host}]` : host}:${r.port}`;
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return r;
}

export async function createEndpoint(a: Tenant, body: Record<string, unknown>) {
  const res = await a.call({ method: 'POST', url: '/v1/webhook-endpoints', payload: body });
  if (res.statusCode !== 201) throw new Error(`endpoint: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; secret: string; url: string; enabled: boolean }>();
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  sequence: number;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: string | null;
}

export async function deliveries(a: Tenant, endpointId: string, query = 'limit=100'): Promise<DeliveryView[]> {
  const res = await a.call({ method: 'GET', url: `/v1/webhook-endpoints/${endpointId}/deliveries?${query}` });
  if (res.statusCode !== 200) throw new Error(`deliveries: ${res.statusCode} ${res.body}`);
  return res.json<{ data: DeliveryView[] }>().data;
}

export async function getEndpoint(a: Tenant, id: string) {
  const res = await a.call({ method: 'GET', url: `/v1/webhook-endpoints/${id}` });
  if (res.statusCode !== 200) throw new Error(`endpoint: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; enabled: boolean; disabledReason: string | null; failingSince: string | null; disabledAt: string | null }>();
}

export const seconds = (n: number) => n * 1_000;
export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
