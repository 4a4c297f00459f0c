// `npm run bench:reminders`: what the scheduler's claim costs at 100k
// interviews, side by side with the same query made to read the table (index
// scans off: the sequential scan and sort a missing index would mean), and
// how fast one scheduler works through due reminders.
//
// Knobs: BENCH_INTERVIEWS (100000), BENCH_DUE_EVERY (every Nth interview is
// due; 100), BENCH_CLAIMS (timed claims per variant; 30).
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { CLAIM_SQL, ReminderScheduler } from '../src/jobs/index.js';
import { seedInterviews } from '../test/reminders/seed.js';
import { dropBenchDatabase, freshBenchDatabase } from './common.js';

const COUNT = Number(process.env.BENCH_INTERVIEWS ?? 100_000);
const DUE_EVERY = Number(process.env.BENCH_DUE_EVERY ?? 100);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 30);
const DB = 'rapport_bench_reminders';
const now = new Date('2026-11-24T12:00:00Z');

interface Explained {
  'Execution Time': number;
  Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
}

async function claimCost(client: pg.Client, withIndex: boolean) {
  const times: number[] = [];
  let blocks = 0;
  let plan = '';
  for (let i = 0; i < CLAIMS; i++) {
    // In a transaction that rolls back: the claim locks rows and must leave none claimed.
    await client.query('BEGIN');
    if (!withIndex) await client.query('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': [Explained] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${CLAIM_SQL}`, [now, 50]);
    const text = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${CLAIM_SQL}`, [now, 50]);
    await client.query('ROLLBACK');
    const explained = rows[0]!['QUERY PLAN'][0];
    times.push(explained['Execution Time']);
    blocks = explained.Plan['Shared Hit Blocks'] + explained.Plan['Shared Read Blocks'];
    plan = text.rows.map((r) => r['QUERY PLAN'].trim()).join(' / ');
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]!, blocks, plan };
}

async function main() {
  const url = await freshBenchDatabase(DB);
  const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: 4 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let t0 = performance.now();
    await seedInterviews(client, COUNT, now, DUE_EVERY);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM interviews WHERE next_reminder_at <= $1', [now]);
    const due = rows[0]!.n;
    console.log(`seeded ${COUNT} interviews (${due} due) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const indexed = await claimCost(client, true);
    const scan = await claimCost(client, false);
    console.log(`\nclaim of 50 due interviews at ${COUNT} (median / p90 of ${CLAIMS}, server-side execution time, shared blocks touched)`);
    console.log(`  ${'variant'.padEnd(26)}${'median ms'.padStart(11)}${'p90 ms'.padStart(9)}${'blocks'.padStart(9)}  plan`);
    for (const [name, r] of [['Rapport (index scan)', indexed], ['baseline: table scan', scan]] as const) {
      console.log(`  ${name.padEnd(26)}${r.median.toFixed(3).padStart(11)}${r.p90.toFixed(3).padStart(9)}${String(r.blocks).padStart(9)}  ${r.plan}`);
    }
    console.log(`  index scan takes ${((indexed.median / scan.median) * 100).toFixed(1)} % of the table scan's time`);

    // One scheduler draining everything due: each is a request_expired reminder
    // plus the expire action, i.e. two events and three writes per interview.
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const scheduler = new ReminderScheduler({ db, log: quiet, clock: () => now });
    t0 = performance.now();
    let sent = 0;
    for (;;) {
      const pass = await scheduler.tick();
      sent += pass.sent;
      if (pass.interviews === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`\nscheduler: ${sent} reminders (each with its expire action) in ${seconds.toFixed(2)} s = ${(sent / seconds).toFixed(0)} reminders/s, one process, batches of 50`);
  } finally {
    await client.end();
    await db.close();
    await dropBenchDatabase(DB);
  }
}

await main();
