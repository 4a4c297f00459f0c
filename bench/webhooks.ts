/**
 * `npm run bench:webhooks`: webhook delivery to a local receiver, on a fresh
 * PostgreSQL database. Four scenarios, each through the real processes:
 *
 *   single  the API with its in-process worker (WORKERS=true, the default);
 *           one writer, 50 events a second: latency with nothing queued.
 *   steady  the same, events written by 8 clients at BENCH_WH_RATE per
 *           second for BENCH_WH_SECONDS: latency at an ordinary load.
 *   burst   the same, BENCH_WH_BURST events written as fast as
 *           BENCH_WH_CLIENTS concurrent clients can: deliveries per second
 *           (first write to last delivery) and latency under load.
 *   drain   the API with WORKERS=false builds a backlog (BENCH_WH_BACKLOG
 *           events × BENCH_WH_ENDPOINTS endpoints), then 1, and on a second
 *           backlog 2, `src/worker.ts` processes deliver it: deliveries per
 *           second, first to last delivery.
 *
 * Latency is the receiver's arrival time minus the event's `createdAt` (set
 * when the writing request began), both on this machine's clock. The
 * receiver runs in this process, beside the load generator; the 2 cores are
 * shared by all of them and PostgreSQL, as they would be on one small host.
 *
 *   BENCH_PG_URL   admin URL (default postgres://rapport:rapport@127.0.0.1:5432/postgres)
 *   BENCH_WH_DB    database to drop and create (default rapport_bench_webhooks)
 *
 * Nothing here asserts a time; it only reports.
 */
import { api as call, dbUrl, dropBenchDatabase, freePort, freshBenchDatabase } from './common.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const DB_NAME = env.BENCH_WH_DB ?? 'rapport_bench_webhooks';
const RATE = num(env.BENCH_WH_RATE, 100);
const SECONDS = num(env.BENCH_WH_SECONDS, 5);
const BURST = num(env.BENCH_WH_BURST, 2000);
const CLIENTS = num(env.BENCH_WH_CLIENTS, 16);
const BACKLOG = num(env.BENCH_WH_BACKLOG, 1000);
const ENDPOINTS = num(env.BENCH_WH_ENDPOINTS, 8);
const OPERATOR_TOKEN = 'bench-operator-token-0123456789';

const log = (msg: string) => process.stderr.write(`bench:webhooks: ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children = new Set<ChildProcess>();

interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(entry: string, childEnv: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: env.PATH, HOME: env.HOME, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: dbUrl(DB_NAME), WEBHOOK_ALLOW_PRIVATE: 'true', ...childEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => (children.delete(proc), resolve(code))));
  return { proc, output: () => out, exited };
}

async function stop(child: Child) {
  if (child.proc.exitCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(timer);
}

async function startApi(workers: boolean): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const child = start('src/server.ts', { PORT: String(port), HOST: '127.0.0.1', OPERATOR_TOKEN, WORKERS: String(workers) });
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 60_000; ; ) {
    if (child.proc.exitCode !== null) throw new Error(`the API exited:\n${child.output()}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return { child, base };
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`the API is not ready:\n${child.output()}`);
    await sleep(50);
  }
}

// ---- the receiver: records the arrival of each delivery

interface Arrival {
  at: number;
  createdAt: number;
  path: string;
  /** The seeker the event is about, to match it with its write's answer. */
  subject: string | undefined;
}

class Receiver {
  arrivals: Arrival[] = [];
  server: Server;
  url = '';
  constructor() {
    this.server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { createdAt: string; data: { seeker?: { id: string } } };
        this.arrivals.push({ at, createdAt: Date.parse(body.createdAt), path: req.url ?? '/', subject: body.data.seeker?.id });
        res.writeHead(204).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
  }
  async listen() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }
  async waitFor(n: number, timeoutMs = 120_000) {
    const until = Date.now() + timeoutMs;
    while (this.arrivals.length < n) {
      if (Date.now() > until) throw new Error(`the receiver got ${this.arrivals.length} of ${n} deliveries`);
      await sleep(5);
    }
  }
  take(): Arrival[] {
    const a = this.arrivals;
    this.arrivals = [];
    return a;
  }
}

// ---- measures

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN;
}

/** Event-to-delivery, and (second pair) from the moment the writer had its answer. */
function latency(arrivals: Arrival[], answered: Map<string, number>) {
  const ms = arrivals.map((a) => a.at - a.createdAt).sort((a, b) => a - b);
  const after = arrivals
    .map((a) => (a.subject && answered.has(a.subject) ? a.at - answered.get(a.subject)! : NaN))
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
  return { p50: pct(ms, 0.5), p99: pct(ms, 0.99), max: ms[ms.length - 1] ?? NaN, p50AfterAnswer: pct(after, 0.5), p99AfterAnswer: pct(after, 0.99) };
}

async function tenant(base: string, name: string, receiver: Receiver, endpoints: number) {
  const created = await call<{ apiKey: { secret: string } }>(base, 'POST', '/operator/institutions', OPERATOR_TOKEN, { name });
  const key = created.apiKey.secret;
  for (let i = 0; i < endpoints; i++) await call(base, 'POST', '/v1/webhook-endpoints', key, { url: `${receiver.url}/${name}/${i}` });
  return key;
}

/** Writes n seekers; returns when each write was answered, by seeker id. */
async function write(base: string, key: string, n: number, clients: number, ratePerSecond?: number): Promise<Map<string, number>> {
  const answered = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      if (ratePerSecond) {
        const due = t0 + (i * 1000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const created = await call<{ id: string }>(base, 'POST', '/v1/seekers', key, { name: `Seeker ${i}` });
      answered.set(created.id, Date.now());
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return answered;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  log(`fresh database ${DB_NAME}`);
  await freshBenchDatabase(DB_NAME);
  const receiver = new Receiver();
  await receiver.listen();
  const none = { p50: NaN, p99: NaN, max: NaN, p50AfterAnswer: NaN, p99AfterAnswer: NaN };
  const rows: ({ scenario: string; deliveries: number; perSecond: number } & typeof none)[] = [];

  // steady and burst: the API's own worker.
  {
    const api = await startApi(true);
    const key = await tenant(api.base, 'live', receiver, 1);
    const warm = 50;
    await write(api.base, key, warm, 4);
    await receiver.waitFor(warm);
    receiver.take();

    log('single: 200 events from one writer, 50/s, 1 endpoint, in-process worker');
    const singleAnswers = await write(api.base, key, 200, 1, 50);
    await receiver.waitFor(200);
    const one = receiver.take();
    rows.push({ scenario: 'one writer, 50/s, 1 endpoint', deliveries: one.length, perSecond: NaN, ...latency(one, singleAnswers) });

    const steady = Math.round(RATE * SECONDS);
    log(`steady: ${steady} events at ${RATE}/s, 1 endpoint, in-process worker`);
    const steadyAnswers = await write(api.base, key, steady, 8, RATE);
    await receiver.waitFor(steady);
    const s = receiver.take();
    rows.push({ scenario: `steady ${RATE}/s, 1 endpoint`, deliveries: s.length, perSecond: NaN, ...latency(s, steadyAnswers) });

    log(`burst: ${BURST} events from ${CLIENTS} clients, 1 endpoint, in-process worker`);
    const t0 = Date.now();
    const burstAnswers = await write(api.base, key, BURST, CLIENTS);
    const written = Date.now();
    await receiver.waitFor(BURST);
    const b = receiver.take();
    const span = Math.max(...b.map((a) => a.at)) - t0;
    log(`burst: writes took ${written - t0} ms, last delivery ${span} ms after the first write`);
    rows.push({ scenario: `burst, ${CLIENTS} writers, 1 endpoint`, deliveries: b.length, perSecond: (b.length * 1000) / span, ...latency(b, burstAnswers) });
    await stop(api.child);
  }

  // drain: a backlog, then 1 or 2 worker processes.
  {
    const api = await startApi(false);
    for (const workers of [1, 2]) {
      const name = `drain${workers}`;
      const key = await tenant(api.base, name, receiver, ENDPOINTS);
      log(`${name}: backlog of ${BACKLOG} events × ${ENDPOINTS} endpoints`);
      await write(api.base, key, BACKLOG, CLIENTS);
      receiver.take();
      const procs = Array.from({ length: workers }, () => start('src/worker.ts', { WEBHOOK_CONCURRENCY: String(ENDPOINTS) }));
      const total = BACKLOG * ENDPOINTS;
      await receiver.waitFor(total);
      const d = receiver.take();
      const first = Math.min(...d.map((a) => a.at));
      const last = Math.max(...d.map((a) => a.at));
      rows.push({ scenario: `drain, ${workers} worker process${workers > 1 ? 'es' : ''}, ${ENDPOINTS} endpoints`, deliveries: d.length, perSecond: (d.length * 1000) / (last - first), ...none });
      await Promise.all(procs.map(stop));
    }
    await stop(api.child);
  }

  receiver.server.closeAllConnections();
  receiver.server.close();

  const lines = [
    '| scenario | deliveries | deliveries/s | p50 ms | p99 ms | max ms | p50 ms after the write answered | p99 ms after |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.scenario} | ${r.deliveries} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.p50AfterAnswer)} | ${fmt(r.p99AfterAnswer)} |`),
  ];
  process.stdout.write(`\nWebhook delivery to a local receiver. Latency: receiver arrival − event createdAt (the write's start); "after the write answered": arrival − the moment the writer had its 201.\n\n${lines.join('\n')}\n\n`);
  process.stdout.write(`${JSON.stringify({ webhooks: rows })}\n`);
  await dropBenchDatabase(DB_NAME).catch((err: unknown) => log(`could not drop ${DB_NAME}: ${String(err)}`));
}

main().catch(async (err: unknown) => {
  console.error(err);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
});
