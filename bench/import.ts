// `npm run bench:import`: bulk import throughput, on a fresh PostgreSQL database.
//
// Rapport runs in this process (buildApp + app.listen on 127.0.0.1) and is
// called over real HTTP (fetch), so the figures include HTTP, body parsing,
// auth, validation, the per-row upsert and one event per written row. Each
// run imports BENCH_IMPORT_ROWS contacts (10,000) in batches of
// BENCH_IMPORT_BATCH (1,000), one request after another, into an institution
// of its own:
//   - CSV: first import (all created), then the same files again (all unchanged);
//   - JSON: the same rows, first import and re-import;
//   - baseline: the same rows through `pg`, one multi-row INSERT … ON CONFLICT
//     (institution_id, external_id) DO UPDATE … WHERE the row differs per batch:
//     no HTTP, no validation, no events; the re-run also writes nothing;
//   - baseline + events: the same statement in a transaction, then the event
//     Rapport appends for each row written (APPEND_SQL of src/services/events.ts,
//     one statement per event, with the same payload): the floor for an
//     import that keeps the event log.
// It reports rows/s for each (wall time, batches in sequence) and checks the
// row and event counts. Nothing is asserted on time.
//
//   BENCH_PG_URL   admin URL (default postgres://rapport:rapport@127.0.0.1:5432/postgres)
//   BENCH_IMPORT_ROWS (10000), BENCH_IMPORT_BATCH (1000); BENCH_KEEP_DB=1 leaves the database for EXPLAIN.
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { newId } from '../src/ids.js';
import { csvColumns, csvLine, toCell } from '../src/services/csv.js';
import { appendEvent } from '../src/services/events.js';
import { CONTACT_SYNC } from '../src/services/upsert.js';
import { dropBenchDatabase, freePort, freshBenchDatabase } from './common.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const BATCH = Number(process.env.BENCH_IMPORT_BATCH ?? 1_000);
const DB = 'rapport_bench_import';
const OPERATOR_TOKEN = 'bench-operator-token-0123456789';

interface Contact {
  externalId: string;
  name: string;
  email: string;
  organization: string;
  title: string;
  field: string;
  howWeMet: string;
  researchNotes: string;
  tags: string[];
  mayUseName: boolean;
}

/** Plausible CRM rows, about 400 bytes each as CSV. */
function contacts(): Contact[] {
  const orgs = ['Acme Analytics', 'Globex, Inc.', 'Initech', 'Umbrella Health', 'Stark Industries'];
  const fields = ['data engineering', 'product design', 'public health', 'finance', 'teaching'];
  return Array.from({ length: ROWS }, (_, n) => ({
    externalId: `crm-${String(n).padStart(6, '0')}`,
    name: `Contact ${n} Rivera`,
    email: `contact${n}@example.com`,
    organization: orgs[n % orgs.length]!,
    title: n % 2 ? 'Senior Engineer' : 'Director of "Special" Projects',
    field: fields[n % fields.length]!,
    howWeMet: `Alumni mixer, spring ${2020 + (n % 6)}`,
    researchNotes: `Leads a team of ${n % 40} people; wrote about on-call culture, mentoring and hiring.\nSpoke at the ${2020 + (n % 6)} careers fair.`,
    tags: n % 3 ? ['alumni', 'data'] : ['mentor'],
    mayUseName: n % 2 === 0,
  }));
}

function csvOf(rows: Contact[]): string {
  const columns = csvColumns(CONTACT_SYNC).filter((c) => !['id', 'createdAt', 'updatedAt', 'introducedById', 'linkedinUrl'].includes(c));
  return csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => toCell((r as unknown as Record<string, unknown>)[c])))).join('');
}

const batches = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));

interface Run {
  label: string;
  seconds: number;
  summary: Record<string, number>;
}

async function main() {
  const url = await freshBenchDatabase(DB);
  const config = loadConfig({ OPERATOR_TOKEN, LOG_LEVEL: 'warn', DATABASE_URL: url, DATA_DIR: '/nonexistent', WORKERS: 'false' }, false);
  const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: config.dbPoolSize });
  const app = await buildApp({ config, db, logger: { level: 'warn' } });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const runs: Run[] = [];
  try {
    const tenant = async (name: string) => {
      const res = await fetch(`${base}/operator/institutions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      const body = (await res.json()) as { institution: { id: string }; apiKey: { secret: string } };
      return { id: body.institution.id, key: body.apiKey.secret };
    };
    const rows = contacts();
    const csvFiles = batches(rows).map(csvOf);
    const jsonFiles = batches(rows).map((b) => JSON.stringify({ records: b }));
    console.log(`${ROWS} contacts in ${csvFiles.length} batches of ${BATCH}: CSV ${(csvFiles[0]!.length / 1024).toFixed(0)} KiB, JSON ${(jsonFiles[0]!.length / 1024).toFixed(0)} KiB per batch`);

    const importAll = async (label: string, key: string, files: string[], type: string) => {
      const total = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      const t0 = performance.now();
      for (const body of files) {
        const res = await fetch(`${base}/v1/contacts/import`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body });
        const json = (await res.json()) as { summary: typeof total };
        if (res.status !== 200) throw new Error(`${label}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
        for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += json.summary[k];
      }
      const seconds = (performance.now() - t0) / 1000;
      runs.push({ label, seconds, summary: total });
      console.log(`  ${label}: ${seconds.toFixed(2)} s, ${JSON.stringify(total)}`);
    };

    const csvTenant = await tenant('Bench CSV');
    await importAll('Rapport CSV, first import', csvTenant.key, csvFiles, 'text/csv');
    await importAll('Rapport CSV, re-import', csvTenant.key, csvFiles, 'text/csv');
    const jsonTenant = await tenant('Bench JSON');
    await importAll('Rapport JSON, first import', jsonTenant.key, jsonFiles, 'application/json');
    await importAll('Rapport JSON, re-import', jsonTenant.key, jsonFiles, 'application/json');

    // The baselines: the same rows, one statement per batch, straight on pg.
    const cols = ['external_id', 'name', 'email', 'organization', 'title', 'field', 'how_we_met', 'research_notes', 'tags', 'may_use_name'];
    const keys: (keyof Contact)[] = ['externalId', 'name', 'email', 'organization', 'title', 'field', 'howWeMet', 'researchNotes', 'tags', 'mayUseName'];
    const upsertBatch = async (client: pg.PoolClient, institutionId: string, batch: Contact[], now: Date) => {
      const params: unknown[] = [institutionId, now];
      const values = batch.map((r) => {
        const own = [newId('contact'), ...keys.map((k) => r[k])];
        const at = params.length;
        params.push(...own);
        return `(${own.map((_, i) => `$${at + i + 1}`).join(', ')}, $1, $2, $2)`;
      });
      const set = cols.filter((c) => c !== 'external_id').map((c) => `${c} = EXCLUDED.${c}`);
      const mine = cols.filter((c) => c !== 'external_id').map((c) => `contacts.${c}`);
      const theirs = cols.filter((c) => c !== 'external_id').map((c) => `EXCLUDED.${c}`);
      const res = await client.query<Record<string, unknown>>(
        `INSERT INTO contacts (id, ${cols.join(', ')}, institution_id, created_at, updated_at) VALUES ${values.join(', ')}
         ON CONFLICT (institution_id, external_id) DO UPDATE SET ${set.join(', ')}, updated_at = EXCLUDED.updated_at
         WHERE (${mine.join(', ')}) IS DISTINCT FROM (${theirs.join(', ')})
         RETURNING *`,
        params,
      );
      return res.rows;
    };
    const baseline = async (label: string, withEvents: boolean) => {
      const t = await tenant(label);
      for (const run of ['first import', 're-import']) {
        const t0 = performance.now();
        let written = 0;
        for (const b of batches(rows)) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const now = new Date();
            const changed = await upsertBatch(client, t.id, b, now);
            written += changed.length;
            if (withEvents) {
              const sql = { query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[] };
              for (const raw of changed) {
                const view = CONTACT_SYNC.view(raw);
                await appendEvent(sql, t.id, { type: 'system', id: 'bench' }, now, { type: 'contact.created', subjectType: 'contact', subjectId: view.id, data: { contact: view } });
              }
            }
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }
        const seconds = (performance.now() - t0) / 1000;
        runs.push({ label: `${label}, ${run}`, seconds, summary: { written } });
        console.log(`  ${label}, ${run}: ${seconds.toFixed(2)} s, ${written} rows written`);
      }
      return t;
    };
    const baseTenant = await baseline('baseline (pg, INSERT … ON CONFLICT)', false);
    const eventsTenant = await baseline('baseline + one event per row', true);

    // What was written.
    const count = async (sql: string, id: string) => Number((await pool.query<{ n: string }>(sql, [id])).rows[0]!.n);
    for (const t of [csvTenant, jsonTenant, baseTenant, eventsTenant]) {
      const n = await count('SELECT count(*) AS n FROM contacts WHERE institution_id = $1', t.id);
      const e = await count("SELECT count(*) AS n FROM events WHERE institution_id = $1 AND type LIKE 'contact.%'", t.id);
      if (n !== ROWS) throw new Error(`expected ${ROWS} contacts, found ${n}`);
      console.log(`  institution ${t.id}: ${n} contacts, ${e} contact events`);
    }

    console.log(`\n| run | seconds | rows/s | ${'result'} |\n| --- | ---: | ---: | --- |`);
    for (const r of runs) {
      const result = Object.entries(r.summary).filter(([, v]) => v).map(([k, v]) => `${v} ${k}`).join(', ') || 'nothing written';
      console.log(`| ${r.label} | ${r.seconds.toFixed(2)} | ${Math.round(ROWS / r.seconds)} | ${result} |`);
    }
  } finally {
    await pool.end();
    await app.close();
    await db.close();
    if (!process.env.BENCH_KEEP_DB) await dropBenchDatabase(DB);
  }
}

await main();
