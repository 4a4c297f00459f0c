import t from 'tap';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { CLAIM_SQL } from '../../src/jobs/index.js';
import { freshDatabaseUrl } from '../helpers/database.js';
import { seedInterviews } from './seed.js';

// The scheduler's claim must not read the whole table: at 100k interviews,
// PostgreSQL answers it from the next_reminder_at index and stops at LIMIT.

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const url = await freshDatabaseUrl(t);
const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: 2 }); // migrates
await db.close();
const client = new pg.Client({ connectionString: url });
await client.connect();
t.teardown(() => client.end());

const now = new Date('2026-11-24T12:00:00Z');
await seedInterviews(client, 100_000, now);

t.test('the claim is an index scan on next_reminder_at at 100k interviews', async (t) => {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${CLAIM_SQL}`, [now, 50]);
  const all = nodes(rows[0]!['QUERY PLAN'][0].Plan);
  const types = all.map((n) => n['Node Type']);
  t.ok(types.includes('LockRows'), 'rows are locked (FOR UPDATE SKIP LOCKED)');
  t.ok(types.includes('Limit'));
  const scan = all.find((n) => n['Relation Name'] === 'interviews');
  t.equal(scan?.['Node Type'], 'Index Scan', JSON.stringify(types));
  t.equal(scan?.['Index Name'], 'interviews_next_reminder_at_idx');
  t.notOk(types.includes('Seq Scan'), 'no sequential scan');
  t.notOk(types.includes('Sort'), 'the index gives the order');
});

t.test('and it claims the due rows, earliest first, and nothing else', async (t) => {
  const { rows } = await client.query<{ id: string }>(CLAIM_SQL, [now, 1000]);
  // Every 1000th interview is due, except the closed ones (every third).
  const expected = Array.from({ length: 100_000 }, (_, i) => i + 1).filter((n) => n % 1000 === 1 && n % 3 !== 0).length;
  t.equal(rows.length, expected);
  t.ok(rows.every((r) => r.id.startsWith('int_seed')));
});
