// Pieces every bench script needs: where PostgreSQL is, a database URL by
// name, one-off admin statements, and a free port for a child server; and,
// for the scripts that load a running Rapport (bench/run.ts, bench/graphql.ts),
// their shared knobs, child processes, CPU accounting from /proc, the seed
// through the REST API and the exit handling.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Request, Result } from 'autocannon';
import pg from 'pg';
import { dropDatabase } from '../test/helpers/database.js';

export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://rapport:rapport@127.0.0.1:5432/postgres';

export function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the admin connection (CREATE/DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Drops the bench database (retrying while autovacuum holds it). */
export function dropBenchDatabase(name: string): Promise<void> {
  return dropDatabase(ADMIN_URL, name);
}

/** A new, empty bench database in place of any left by an earlier run. */
export async function freshBenchDatabase(name: string): Promise<string> {
  await dropBenchDatabase(name);
  await admin(`CREATE DATABASE "${name}"`);
  return dbUrl(name);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

// ---- knobs shared by bench/run.ts and bench/graphql.ts

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
export const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
/** Seconds per measured run. */
export const DURATION = num(env.BENCH_DURATION, 10);
/** Seconds of warm-up per server (or side) and scenario. */
export const WARMUP = num(env.BENCH_WARMUP, 3);
/** autocannon connections (and, where a script drives its own client, open sockets). */
export const CONNECTIONS = num(env.BENCH_CONNECTIONS, 20);
/** Interviews seeded and round-robined over. */
export const INTERVIEWS = num(env.BENCH_INTERVIEWS, 50);
/** Measured rounds, alternating servers (or sides). */
export const ROUNDS = num(env.BENCH_ROUNDS, 1);
export const OPERATOR_TOKEN = 'bench-operator-token-0123456789';

export const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- child processes

const children = new Set<ChildProcess>();
const stopping = new Set<ChildProcess>();

export interface Child {
  proc: ChildProcess;
  /** The last lines the child wrote, for error messages. */
  tail: () => string;
  exited: Promise<number | null>;
}

export function start(name: string, args: string[], childEnv: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let buf = '';
  const keep = (chunk: Buffer) => {
    buf = (buf + chunk.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => {
      children.delete(proc);
      resolve(code);
    });
  });
  void exited.then((code) => {
    if (code !== null && code !== 0 && !stopping.has(proc)) log(`${name} exited with ${code}:\n${buf}`);
  });
  return { proc, tail: () => buf, exited };
}

export async function stop(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  stopping.add(child.proc);
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
export async function waitReady(url: string, child: Child, since: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${url}: the process exited (${child.proc.exitCode}):\n${child.tail()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${url}: not ready after ${timeoutMs} ms:\n${child.tail()}`);
    await sleep(5);
  }
}

/** `npm run build` (unless BENCH_SKIP_BUILD=1), then scripts/ensure-postgres.sh. */
export function buildAndEnsurePostgres(): void {
  if (env.BENCH_SKIP_BUILD !== '1') {
    log('npm run build');
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    // tsc still emits on type errors; say so loudly and measure what it emitted.
    if (b.status !== 0) log('WARNING: npm run build reported errors; benchmarking the dist/ it emitted anyway');
  }
  const ensure = spawnSync('bash', ['scripts/ensure-postgres.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (ensure.status !== 0) throw new Error('scripts/ensure-postgres.sh failed');
}

/**
 * `node dist/server.js` (or RAPPORT_SERVER, with RAPPORT_NODE_OPTIONS) on
 * database `url` and a free port, in production mode, logging at `warn`;
 * resolves once /health/ready answers 200.
 */
export async function startRapport(url: string): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const extra = env.RAPPORT_NODE_OPTIONS ? env.RAPPORT_NODE_OPTIONS.split(/\s+/).filter(Boolean) : [];
  const child = start('rapport', [...extra, env.RAPPORT_SERVER ?? 'dist/server.js'], {
    ...env,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    OPERATOR_TOKEN,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/health/ready`, child, performance.now());
  return { child, base };
}

const cleanups: (() => Promise<void> | void)[] = [];
/** Runs at exit, after the children are killed: success, failure or SIGINT. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

async function cleanup() {
  for (const proc of children) {
    stopping.add(proc);
    proc.kill('SIGKILL');
  }
  for (const fn of cleanups.splice(0)) {
    try {
      await fn();
    } catch (err) {
      log(`cleanup: ${String(err)}`);
    }
  }
}

/** Runs `main`, then kills what it left running; exit code 1 on failure, 130 on SIGINT. */
export function runBench(main: () => Promise<void>): void {
  process.on('SIGINT', () => {
    void cleanup().then(() => process.exit(130));
  });
  main()
    .then(cleanup)
    .catch(async (err: unknown) => {
      console.error('bench failed:', err);
      await cleanup();
      process.exitCode = 1;
    });
}

// ---- measuring

export function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

// CPU time (ms) of one process, and of every PostgreSQL process, from /proc (Linux).
const TICK_MS = 1000 / (Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100);
function ticksOf(stat: string): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
}
export function cpuMs(pid: number): number {
  try {
    return ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) * TICK_MS;
  } catch {
    return NaN;
  }
}
/**
 * CPU ms per PostgreSQL process serving database `db` (its title names it),
 * plus the WAL writer they all share; diff two of these with pgCpuSince.
 */
function postgresCpu(db: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const title = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ')) continue;
      if (title.includes(` ${db} `) || title.includes('walwriter')) out.set(d, ticksOf(readFileSync(`/proc/${d}/stat`, 'utf8')) * TICK_MS);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
/** Backends that ended meanwhile (idle ones of the other pool) drop out; new ones count from zero. */
function pgCpuSince(db: string, before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ms] of postgresCpu(db)) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/** What one timed run produced, whoever drove the load. */
export interface Load {
  /** Units (requests, or pages) per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Units answered 2xx. */
  ok: number;
  /** Non-2xx answers, errors and timeouts. */
  bad: number;
  /** Units attempted: the divisor of the CPU figures. */
  units: number;
}

export function fromAutocannon(r: Result): Load {
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors + r.timeouts, units: r.requests.total };
}

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  bad: number;
  /** CPU milliseconds per unit (request or page): the server process, and all PostgreSQL processes. */
  cpu: number;
  pgCpu: number;
}

/** Runs `run` and charges the CPU that process `pid` and database `db`'s PostgreSQL processes spent meanwhile to its units. */
export async function measure(pid: number, db: string, run: () => Promise<Load>): Promise<Figures> {
  const [c0, p0] = [cpuMs(pid), postgresCpu(db)];
  const r = await run();
  const [c1, pg1] = [cpuMs(pid), pgCpuSince(db, p0)];
  const n = r.units || 1;
  return { rps: r.rps, p50: r.p50, p99: r.p99, total: r.ok, bad: r.bad, cpu: (c1 - c0) / n, pgCpu: pg1 / n };
}

/** One thing measured under load: a server, or one API of a server. */
export interface Target {
  name: string;
  pid: number;
}

/**
 * WARMUP seconds of every scenario on every target, then ROUNDS rounds of
 * every scenario on every target in turn, DURATION seconds each, CPU charged
 * to the target's process and database `db`. `unit` names what `run` counts
 * (request, page). Answers the figures by `${scenario}:${target.name}`.
 */
export async function rounds<S extends string, T extends Target>(
  db: string,
  scenarios: readonly S[],
  targets: readonly T[],
  run: (scenario: S, target: T, seconds: number) => Promise<Load>,
  unit: (scenario: S) => string = () => 'req',
): Promise<Map<string, Figures[]>> {
  log(`warm-up: ${WARMUP} s per scenario on each of ${targets.map((t) => t.name).join(', ')}`);
  for (const s of scenarios) for (const t of targets) if (WARMUP > 0) await run(s, t, WARMUP);
  const results = new Map<string, Figures[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const s of scenarios) {
      for (const t of targets) {
        log(`round ${round}/${ROUNDS}: ${s} on ${t.name}, ${CONNECTIONS} connections, ${DURATION} s`);
        const r = await measure(t.pid, db, () => run(s, t, DURATION));
        const u = unit(s);
        log(`  ${r.rps.toFixed(0)} ${u}/s, p50 ${+r.p50.toFixed(1)} ms, p99 ${+r.p99.toFixed(1)} ms, CPU ${r.cpu.toFixed(2)} ms/${u} (PG ${r.pgCpu.toFixed(2)})`);
        if (r.bad > 0) log(`  ${r.bad} non-2xx/errors/timeouts out of ${r.total + r.bad}`);
        const k = `${s}:${t.name}`;
        results.set(k, [...(results.get(k) ?? []), r]);
      }
    }
  }
  return results;
}

/** An autocannon request: GET /v1/interviews/{id} with `key`, round-robin over `ids`. */
export function interviewReads(key: string, ids: readonly string[]): Request {
  let n = 0;
  return { method: 'GET', headers: { authorization: `Bearer ${key}` }, setupRequest: (req) => ({ ...req, path: `/v1/interviews/${ids[n++ % ids.length]}` }) };
}

export function mean(xs: Figures[]): Figures {
  const avg = (f: (x: Figures) => number) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
  return {
    rps: avg((x) => x.rps),
    p50: avg((x) => x.p50),
    p99: avg((x) => x.p99),
    total: avg((x) => x.total),
    bad: avg((x) => x.bad),
    cpu: avg((x) => x.cpu),
    pgCpu: avg((x) => x.pgCpu),
  };
}

export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;

export const loadAverage = (before: number[]) =>
  `Load average (1 min) before ${before[0]!.toFixed(1)}, after ${os.loadavg()[0]!.toFixed(1)}: anything else running on the ${os.cpus().length} cores skews both sides.`;

// ---- set-up through the REST API

export async function api<T>(base: string, method: string, route: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

// A time in the future, a different minute for each n: reschedule is legal forever.
const FUTURE = Date.now() + 30 * 86_400_000;
export const futureIso = (n: number) => new Date(FUTURE + (n % 100_000) * 60_000).toISOString();

/** An institution, 5 seekers, one contact per interview, and `interviews` interviews in `scheduled`, all through the REST API. */
export async function seed(base: string, interviews = INTERVIEWS): Promise<{ key: string; ids: string[] }> {
  const created = await api<{ apiKey: { secret: string } }>(base, 'POST', '/operator/institutions', OPERATOR_TOKEN, { name: 'Bench Career Centre' });
  const key = created.apiKey.secret;
  const seekers: string[] = [];
  for (let i = 0; i < 5; i++) seekers.push((await api<{ id: string }>(base, 'POST', '/v1/seekers', key, { name: `Seeker ${i}` })).id);
  const one = async (n: number) => {
    const contact = await api<{ id: string }>(base, 'POST', '/v1/contacts', key, {
      name: `Contact ${n}`,
      howWeMet: 'alumni directory',
      researchNotes: 'Leads a data team; wrote about hiring juniors.',
    });
    const interview = await api<{ id: string }>(base, 'POST', '/v1/interviews', key, {
      seekerId: seekers[n % seekers.length],
      contactId: contact.id,
      topics: ['x'],
      questions: ['q'],
    });
    await api(base, 'POST', `/v1/interviews/${interview.id}/request`, key, {
      channel: 'email',
      topics: ['x'],
      requestedMinutes: 20,
      message: 'Could I have 20 minutes?',
    });
    await api(base, 'POST', `/v1/interviews/${interview.id}/schedule`, key, { scheduledAt: futureIso(n), mode: 'phone' });
    return interview.id;
  };
  const ids: string[] = [];
  for (let i = 0; i < interviews; i += 5) {
    const batch = [];
    for (let j = i; j < Math.min(i + 5, interviews); j++) batch.push(one(j));
    ids.push(...(await Promise.all(batch)));
  }
  return { key, ids };
}
