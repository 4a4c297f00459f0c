/**
 * `npm run bench`: Rapport against a bare fastify + pg baseline, side by side
 * in one run, on a fresh PostgreSQL database; then embedded (PGlite) cold
 * start to ready and RSS. Prints the figures; bench/RESULTS.md records them.
 *
 *   BENCH_DURATION     seconds per measured run (default 10)
 *   BENCH_WARMUP       seconds of warm-up per server and scenario (default 3)
 *   BENCH_CONNECTIONS  autocannon connections (default 20)
 *   BENCH_INTERVIEWS   interviews to round-robin over (default 50)
 *   BENCH_ROUNDS       measured rounds, alternating servers (default 1)
 *   BENCH_SKIP_BUILD=1 use dist/ as it is (default: npm run build first)
 *   BENCH_SKIP_EMBEDDED=1 skip the embedded start-up part
 *   BENCH_PG_URL       admin URL of the server (default postgres://rapport:rapport@127.0.0.1:5432/postgres)
 *   BENCH_DB           database to drop and create (default rapport_bench)
 *   BASELINE_DOMAIN=0                     passed to the baseline (see bench/baseline.ts)
 *   RAPPORT_NODE_OPTIONS extra node flags for the Rapport child (e.g. --cpu-prof)
 *   BENCH_SCENARIOS    read,action (default both), e.g. "read" to profile one
 *   RAPPORT_SERVER     the Rapport entry point (default dist/server.js), e.g. a patched copy to try a variant
 *
 * Nothing here asserts a time; it only reports.
 */
import { dropBenchDatabase, freePort, freshBenchDatabase } from './common.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const DURATION = num(env.BENCH_DURATION, 10);
const WARMUP = num(env.BENCH_WARMUP, 3);
const CONNECTIONS = num(env.BENCH_CONNECTIONS, 20);
const INTERVIEWS = num(env.BENCH_INTERVIEWS, 50);
const ROUNDS = num(env.BENCH_ROUNDS, 1);
const DB_NAME = env.BENCH_DB ?? 'rapport_bench';
const OPERATOR_TOKEN = 'bench-operator-token-0123456789';
const GOALS = { read: 0.75, action: 0.6 } as const;

const children = new Set<ChildProcess>();
const tmpDirs: string[] = [];

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));



interface Child {
  proc: ChildProcess;
  /** The last lines the child wrote, for error messages. */
  tail: () => string;
  exited: Promise<number | null>;
}

function start(name: string, args: string[], childEnv: NodeJS.ProcessEnv): Child {
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

const stopping = new Set<ChildProcess>();
async function stop(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  stopping.add(child.proc);
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
async function waitReady(url: string, child: Child, since: number, timeoutMs = 60_000): Promise<number> {
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

function memory(pid: number): { rssMb: number; peakMb: number } {
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
function cpuMs(pid: number): number {
  try {
    return ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) * TICK_MS;
  } catch {
    return NaN;
  }
}
/**
 * CPU ms per PostgreSQL process serving our database (its title names it),
 * plus the WAL writer they all share; diff two of these with pgCpuSince.
 */
function postgresCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const title = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ')) continue;
      if (title.includes(` ${DB_NAME} `) || title.includes('walwriter')) out.set(d, ticksOf(readFileSync(`/proc/${d}/stat`, 'utf8')) * TICK_MS);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
/** Backends that ended meanwhile (idle ones of the other pool) drop out; new ones count from zero. */
function pgCpuSince(before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ms] of postgresCpu()) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

// ---- set-up

async function api<T>(base: string, method: string, route: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** An institution, 5 seekers, one contact per interview, and INTERVIEWS interviews in `scheduled`, all through the REST API. */
async function seed(base: string): Promise<{ key: string; ids: string[] }> {
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
  for (let i = 0; i < INTERVIEWS; i += 5) {
    const batch = [];
    for (let j = i; j < Math.min(i + 5, INTERVIEWS); j++) batch.push(one(j));
    ids.push(...(await Promise.all(batch)));
  }
  return { key, ids };
}

// A time in the future, a different minute for each n: reschedule is legal forever.
const FUTURE = Date.now() + 30 * 86_400_000;
const futureIso = (n: number) => new Date(FUTURE + (n % 100_000) * 60_000).toISOString();

// ---- load

type Scenario = 'read' | 'action';

async function load(base: string, scenario: Scenario, key: string, ids: string[], seconds: number): Promise<Result> {
  let n = 0;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const request =
    scenario === 'read'
      ? { method: 'GET', headers: { authorization: headers.authorization }, setupRequest: (req: object) => ({ ...req, path: `/v1/interviews/${ids[n++ % ids.length]}` }) }
      : {
          method: 'POST',
          headers,
          setupRequest: (req: object) => {
            const i = n++;
            return { ...req, path: `/v1/interviews/${ids[i % ids.length]}/reschedule`, body: JSON.stringify({ scheduledAt: futureIso(i) }) };
          },
        };
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, requests: [request] });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  bad: number;
  /** CPU milliseconds per request: the server process, and all PostgreSQL processes. */
  cpu: number;
  pgCpu: number;
}

async function measure(pid: number, run: () => Promise<Result>): Promise<Figures> {
  const [c0, p0] = [cpuMs(pid), postgresCpu()];
  const r = await run();
  const [c1, pg1] = [cpuMs(pid), pgCpuSince(p0)];
  const n = r.requests.total || 1;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r['2xx'],
    bad: r.non2xx + r.errors + r.timeouts,
    cpu: (c1 - c0) / n,
    pgCpu: pg1 / n,
  };
}

function mean(xs: Figures[]): Figures {
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

const pad = (s: string, n: number) => s.padStart(n);
const f0 = (x: number) => x.toFixed(0);

function table(rows: { label: string; scenario: Scenario; r: Figures; b: Figures }[]): string {
  const head = `| scenario | Rapport req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | ratio | goal | CPU ms/req Rapport (PG) | baseline (PG) |`;
  const sep = `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |`;
  const lines = rows.map(({ label, scenario, r, b }) => {
    const ratio = r.rps / b.rps;
    const goal = GOALS[scenario];
    const verdict = `${ratio >= goal ? 'met' : 'missed'} (≥ ${goal * 100} %)`;
    return `| ${label} | ${pad(f0(r.rps), 6)} | ${r.p50} | ${r.p99} | ${pad(f0(b.rps), 6)} | ${b.p50} | ${b.p99} | ${(ratio * 100).toFixed(0)} % | ${verdict} | ${r.cpu.toFixed(2)} (${r.pgCpu.toFixed(2)}) | ${b.cpu.toFixed(2)} (${b.pgCpu.toFixed(2)}) |`;
  });
  return [head, sep, ...lines].join('\n');
}

// ---- embedded start-up

async function embeddedStart(dataDir: string, label: string) {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  delete childEnv.DATABASE_URL;
  const t0 = performance.now();
  const child = start(`rapport (embedded, ${label})`, [env.RAPPORT_SERVER ?? 'dist/server.js'], childEnv);
  try {
    const readyMs = await waitReady(`http://127.0.0.1:${port}/health/ready`, child, t0);
    const mem = memory(child.proc.pid!);
    return { label, readyMs, ...mem };
  } finally {
    await stop(child);
  }
}

// ---- main

async function main() {
  const t0 = performance.now();
  const loadBefore = os.loadavg();
  if (env.BENCH_SKIP_BUILD !== '1') {
    log('npm run build');
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    // tsc still emits on type errors; say so loudly and measure what it emitted.
    if (b.status !== 0) log('WARNING: npm run build reported errors; benchmarking the dist/ it emitted anyway');
  }
  const ensure = spawnSync('bash', ['scripts/ensure-postgres.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (ensure.status !== 0) throw new Error('scripts/ensure-postgres.sh failed');
  const url = await freshBenchDatabase(DB_NAME);

  const [rPort, bPort] = [await freePort(), await freePort()];
  const rBase = `http://127.0.0.1:${rPort}`;
  const bBase = `http://127.0.0.1:${bPort}`;
  const extra = env.RAPPORT_NODE_OPTIONS ? env.RAPPORT_NODE_OPTIONS.split(/\s+/).filter(Boolean) : [];
  const rapport = start('rapport', [...extra, env.RAPPORT_SERVER ?? 'dist/server.js'], {
    ...env,
    DATABASE_URL: url,
    PORT: String(rPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    OPERATOR_TOKEN,
  });
  await waitReady(`${rBase}/health/ready`, rapport, performance.now());
  // The baseline starts after Rapport has applied the migrations.
  const baseline = start('baseline', ['--import', 'tsx', 'bench/baseline.ts'], { ...env, DATABASE_URL: url, PORT: String(bPort), LOG_LEVEL: 'warn' });
  await waitReady(`${bBase}/health`, baseline, performance.now());

  log(`seeding ${INTERVIEWS} interviews through Rapport's API`);
  const { key, ids } = await seed(rBase);

  // Same answers from both, before anything is timed.
  const a = await api<Record<string, unknown>>(rBase, 'GET', `/v1/interviews/${ids[0]}`, key);
  const b = await api<Record<string, unknown>>(bBase, 'GET', `/v1/interviews/${ids[0]}`, key);
  const diffKeys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (diffKeys.length) log(`warning: the two reads differ in ${diffKeys.join(', ')}`);
  const ra = JSON.stringify(await api(rBase, 'POST', `/v1/interviews/${ids[0]}/reschedule`, key, { scheduledAt: futureIso(7) })).length;
  const rb = JSON.stringify(await api(bBase, 'POST', `/v1/interviews/${ids[0]}/reschedule`, key, { scheduledAt: futureIso(8) })).length;
  log(`response sizes: read ${JSON.stringify(a).length}/${JSON.stringify(b).length} B, reschedule ${ra}/${rb} B (Rapport/baseline)`);

  const only = env.BENCH_SCENARIOS?.split(',');
  const scenarios = (
    [
      { label: 'GET /v1/interviews/{id}', scenario: 'read' },
      { label: 'POST …/{id}/reschedule', scenario: 'action' },
    ] as const
  ).filter((s) => !only || only.includes(s.scenario));
  const servers = [
    { name: 'rapport', base: rBase, pid: rapport.proc.pid! },
    { name: 'baseline', base: bBase, pid: baseline.proc.pid! },
  ] as const;

  log(`warm-up: ${WARMUP} s per server and scenario`);
  for (const s of scenarios) for (const srv of servers) if (WARMUP > 0) await load(srv.base, s.scenario, key, ids, WARMUP);

  const results = new Map<string, Figures[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const s of scenarios) {
      for (const srv of servers) {
        log(`round ${round}/${ROUNDS}: ${s.scenario} on ${srv.name}, ${CONNECTIONS} connections, ${DURATION} s`);
        const r = await measure(srv.pid, () => load(srv.base, s.scenario, key, ids, DURATION));
        log(`  ${f0(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, CPU ${r.cpu.toFixed(2)} ms/req (PG ${r.pgCpu.toFixed(2)})`);
        if (r.bad > 0) log(`  ${r.bad} non-2xx/errors/timeouts out of ${r.total + r.bad}`);
        const k = `${s.scenario}:${srv.name}`;
        results.set(k, [...(results.get(k) ?? []), r]);
      }
    }
  }
  const memRapport = memory(rapport.proc.pid!);
  const memBaseline = memory(baseline.proc.pid!);
  await stop(rapport);
  await stop(baseline);
  await dropBenchDatabase(DB_NAME);

  const startups = [];
  if (env.BENCH_SKIP_EMBEDDED !== '1') {
    log('embedded start-up: a fresh DATA_DIR, then again on the same one');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
    tmpDirs.push(dir);
    startups.push(await embeddedStart(dir, 'cold (fresh DATA_DIR: initdb + migrations + demo institution)'));
    startups.push(await embeddedStart(dir, 'warm (existing DATA_DIR)'));
  }

  const rows = scenarios.map((s) => ({
    label: s.label,
    scenario: s.scenario,
    r: mean(results.get(`${s.scenario}:rapport`)!),
    b: mean(results.get(`${s.scenario}:baseline`)!),
  }));
  const bad = rows.some((x) => x.r.bad > 0 || x.b.bad > 0);
  const out = [
    '',
    `Rapport vs bare fastify + pg — ${new Date().toISOString()}`,
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
    `${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} round(s), ${ids.length} interviews round-robin, one institution` +
      `; baseline domain=${env.BASELINE_DOMAIN === '0' ? 'off' : 'on'}`,
    '',
    table(rows),
    '',
    bad ? 'WARNING: some requests failed (non-2xx, errors or timeouts); see above.' : 'All requests answered 2xx.',
    `RSS after the runs: Rapport ${memRapport.rssMb.toFixed(0)} MB (peak ${memRapport.peakMb.toFixed(0)}), baseline ${memBaseline.rssMb.toFixed(0)} MB (peak ${memBaseline.peakMb.toFixed(0)})`,
    '',
    ...(startups.length
      ? [
          '| embedded start | spawn → /health/ready 200 | RSS when ready | peak RSS |',
          '| --- | ---: | ---: | ---: |',
          ...startups.map((s) => `| ${s.label} | ${f0(s.readyMs)} ms | ${f0(s.rssMb)} MB | ${f0(s.peakMb)} MB |`),
          '',
        ]
      : []),
    `Load average (1 min) before ${loadBefore[0]!.toFixed(1)}, after ${os.loadavg()[0]!.toFixed(1)}: anything else running on the ${os.cpus().length} cores skews both sides.`,
    `(whole run ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  ];
  process.stdout.write(out.join('\n') + '\n');
}

async function cleanup() {
  for (const proc of children) {
    stopping.add(proc);
    proc.kill('SIGKILL');
  }
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
}

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
