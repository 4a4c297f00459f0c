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
import {
  api,
  buildAndEnsurePostgres,
  CONNECTIONS,
  dropBenchDatabase,
  DURATION,
  freePort,
  freshBenchDatabase,
  fromAutocannon,
  futureIso,
  interviewReads,
  INTERVIEWS,
  loadAverage,
  log,
  machine,
  mean,
  memory,
  onCleanup,
  rounds,
  ROUNDS,
  runBench,
  seed,
  start,
  startRapport,
  stop,
  waitReady,
  type Figures,
} from './common.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';

const env = process.env;
const DB_NAME = env.BENCH_DB ?? 'rapport_bench';
const GOALS = { read: 0.75, action: 0.6 } as const;

const tmpDirs: string[] = [];
onCleanup(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

// ---- load

type Scenario = 'read' | 'action';

async function load(base: string, scenario: Scenario, key: string, ids: string[], seconds: number): Promise<Result> {
  let n = 0;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const request =
    scenario === 'read'
      ? interviewReads(key, ids)
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
  buildAndEnsurePostgres();
  const url = await freshBenchDatabase(DB_NAME);

  const { child: rapport, base: rBase } = await startRapport(url);
  const bPort = await freePort();
  const bBase = `http://127.0.0.1:${bPort}`;
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

  const results = await rounds(
    DB_NAME,
    scenarios.map((s) => s.scenario),
    servers,
    async (scenario, srv, seconds) => fromAutocannon(await load(srv.base, scenario, key, ids, seconds)),
  );
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
    machine(),
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
    loadAverage(loadBefore),
    `(whole run ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  ];
  process.stdout.write(out.join('\n') + '\n');
}

runBench(main);
