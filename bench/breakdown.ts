/**
 * Where Rapport's CPU goes per request, piece by piece, next to the bare `pg`
 * equivalent: `npx tsx bench/breakdown.ts`. Sequential calls in one process
 * (no concurrency, no HTTP socket), so the figure is the Node-side cost of
 * each layer; the database's own time is not in it. Findings: bench/RESULTS.md.
 *
 *   BREAKDOWN_N  iterations per item (default 1000, after a warm-up of N/5)
 *   BENCH_PG_URL as in bench/run.ts; uses the database rapport_breakdown
 */
import { dropBenchDatabase, freshBenchDatabase } from './common.js';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ulid } from 'ulid';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { newId } from '../src/ids.js';
import { actionResultSchema } from '../src/http/routes/interviews.js';
import { policySchema } from '../src/domain/index.js';
import { interviewSchema } from '../src/schemas/interviews.js';
import { authenticate } from '../src/services/api-keys.js';
import type { TenantContext } from '../src/services/context.js';
import { appendEvent } from '../src/services/events.js';
import { performAction } from '../src/services/interview-actions.js';
import { getInterview } from '../src/services/interviews.js';
import { loadInterview } from '../src/services/interview-rows.js';

const N = Number(process.env.BREAKDOWN_N ?? 1000);
const DB = 'rapport_breakdown';
const OPERATOR_TOKEN = 'bench-operator-token-0123456789';


interface Line {
  item: string;
  cpuUs: number;
  wallUs: number;
}
const lines: Line[] = [];

async function time(item: string, fn: (i: number) => unknown) {
  for (let i = 0; i < Math.max(20, N / 5); i++) await fn(i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn(i);
  const wallUs = ((performance.now() - t0) * 1000) / N;
  const c = process.cpuUsage(c0);
  const line = { item, cpuUs: (c.user + c.system) / N, wallUs };
  lines.push(line);
  process.stderr.write(`${item}: ${line.cpuUs.toFixed(0)} µs CPU, ${line.wallUs.toFixed(0)} µs wall\n`);
}

async function main() {
  const url = await freshBenchDatabase(DB);
  const config = loadConfig({ OPERATOR_TOKEN, LOG_LEVEL: 'warn', DATABASE_URL: url, DATA_DIR: '/nonexistent' }, false);
  const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: 10 });
  const app = await buildApp({ config, db, logger: { level: 'warn' } });
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    const post = async <T>(route: string, payload: unknown, token: string) => {
      const res = await app.inject({ method: 'POST', url: route, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
      if (res.statusCode >= 300) throw new Error(`${route}: ${res.statusCode} ${res.body}`);
      return res.json<T>();
    };
    const { apiKey } = await post<{ apiKey: { secret: string } }>('/operator/institutions', { name: 'Breakdown' }, OPERATOR_TOKEN);
    const key = apiKey.secret;
    const seeker = await post<{ id: string }>('/v1/seekers', { name: 'S' }, key);
    const contact = await post<{ id: string }>('/v1/contacts', { name: 'C', howWeMet: 'alumni', researchNotes: 'notes' }, key);
    const iv = await post<{ id: string }>('/v1/interviews', { seekerId: seeker.id, contactId: contact.id, topics: ['x'], questions: ['q'] }, key);
    const id = iv.id;
    await post(`/v1/interviews/${id}/request`, { channel: 'email', topics: ['x'], requestedMinutes: 20, message: 'Could I have 20 minutes?' }, key);
    const future = (i: number) => new Date(Date.now() + 30 * 86_400_000 + i * 60_000).toISOString();
    await post(`/v1/interviews/${id}/schedule`, { scheduledAt: future(0), mode: 'phone' }, key);

    const principal = (await authenticate(db, key))!;
    const ctx: TenantContext = { db, clock: () => new Date(), tenant: principal.tenant, actor: { type: 'api_key', id: principal.keyId }, scopes: principal.scopes };
    const institutionId = principal.tenant.id;
    const hash = createHash('sha256').update(key).digest('hex');
    const SELECT = `SELECT i.*, c.name AS "c_name", c.research_notes AS "c_research_notes", c.how_we_met AS "c_how_we_met", ib.name AS "c_introduced_by_name"
      FROM interviews i JOIN contacts c ON c.id = i.contact_id LEFT JOIN contacts ib ON ib.id = c.introduced_by_id
      WHERE i.id = $1 AND i.institution_id = $2`;
    const headers = { authorization: `Bearer ${key}` };

    // ---- the read, whole and in parts
    await time('  auth: authenticate() via Prisma findUnique+include (2 queries)', () => authenticate(db, key));
    await time('  auth, pg: the same 2 queries', async () => {
      const { rows } = await pool.query('SELECT * FROM api_keys WHERE hash = $1 LIMIT 1', [hash]);
      await pool.query('SELECT * FROM institutions WHERE id = $1', [rows[0].institution_id]);
    });
    await time('  auth, pg: one JOIN', () =>
      pool.query('SELECT k.id, k.scopes, k.revoked_at, i.* FROM api_keys k JOIN institutions i ON i.id = k.institution_id WHERE k.hash = $1', [hash]),
    );
    await time('  auth: policySchema.parse(policy) alone', () => policySchema.parse(principal.tenant.policy));
    await time('  read: getInterview() (Prisma $queryRaw + row mapping + availableActions)', () => getInterview(ctx, id));
    await time('  read: loadInterview() alone (plain SQL + row mapping)', () => loadInterview(db.sql, institutionId, id));
    await time('  read, pg: the same SELECT', () => pool.query(SELECT, [id, institutionId]));
    const view = await getInterview(ctx, id);
    const serialize = serializerCompiler({ schema: interviewSchema, method: 'GET', url: '/v1/interviews/:id' }) as (d: unknown) => string;
    await time('  response: zod serializer (safeEncode + JSON.stringify)', () => serialize(view));
    await time('  response: JSON.stringify alone', () => JSON.stringify(view));
    await time('  request id: newId() in a tight loop (monotonic ULID: an increment)', () => newId('event'));
    await time('  request id: a fresh ULID (what a request ≥ 1 ms after the last one pays)', () => ulid());

    // ---- the action, whole and in parts
    await time('  action: performAction() (whole transaction through Prisma)', (i) => performAction(ctx, id, 'reschedule', { scheduledAt: future(i) }));
    await time('  tx: empty db.transaction() (Prisma interactive tx)', () => db.transaction(async () => undefined));
    await time('  tx, pg: BEGIN; COMMIT on a pooled client', async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    });
    await time('  tx: lock SELECT … FOR UPDATE via plain SQL, in a tx', () => db.sqlTransaction((sql) => loadInterview(sql, institutionId, id, true)));
    await time('  tx: interview.update via Prisma, in a tx', (i) =>
      db.transaction((tx) => tx.interview.update({ where: { id }, data: { scheduledAt: new Date(future(i)), version: { increment: 1 }, updatedAt: new Date() } })),
    );
    await time('  tx, pg: the same UPDATE … RETURNING *, in a tx', async (i) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('UPDATE interviews SET scheduled_at = $1, version = version + 1, updated_at = $2 WHERE id = $3 RETURNING *', [new Date(future(i)), new Date(), id]);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    });
    const action = await performAction(ctx, id, 'reschedule', { scheduledAt: future(1) });
    const data = action.event.data;
    await time('  tx: appendEvent() via Prisma (seq UPDATE + event.create), in a tx', () =>
      db.transaction((tx) => appendEvent(tx, institutionId, ctx.actor, new Date(), { type: 'interview.rescheduled', subjectType: 'interview', subjectId: id, interviewId: id, data })),
    );
    await time('  tx, pg: the same 2 statements, in a tx', async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const { rows } = await c.query('UPDATE institutions SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq', [institutionId]);
        await c.query(
          'INSERT INTO events (id, institution_id, sequence, type, interview_id, subject_type, subject_id, data, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *',
          [newId('event'), institutionId, rows[0].event_seq, 'interview.rescheduled', id, 'interview', id, JSON.stringify(data), new Date()],
        );
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    });
    const serializeAction = serializerCompiler({ schema: actionResultSchema, method: 'POST', url: '/v1/interviews/:id/reschedule' }) as (d: unknown) => string;
    await time('  response: zod serializer for ActionResult', () => serializeAction(action));
    await time('  response: JSON.stringify(ActionResult) alone', () => JSON.stringify(action));

    // The whole requests last, once everything above is warm.
    await time('http floor: app.inject GET /health/live', () => app.inject({ method: 'GET', url: '/health/live' }));
    await time('read: whole request (app.inject GET /v1/interviews/:id)', () => app.inject({ method: 'GET', url: `/v1/interviews/${id}`, headers }));
    await time('action: whole request (app.inject POST …/reschedule)', (i) =>
      app.inject({ method: 'POST', url: `/v1/interviews/${id}/reschedule`, headers, payload: { scheduledAt: future(i) } }),
    );

    const out = ['| item | CPU µs/op | wall µs/op |', '| --- | ---: | ---: |', ...lines.map((l) => `| ${l.item} | ${l.cpuUs.toFixed(0)} | ${l.wallUs.toFixed(0)} |`)];
    process.stdout.write(`\nSequential, one process, ${N} iterations each (node ${process.version}):\n\n${out.join('\n')}\n`);
  } finally {
    await pool.end();
    await app.close();
    await db.close();
    await dropBenchDatabase(DB);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
