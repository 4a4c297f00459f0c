import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

// Each test file gets its own database on the real PostgreSQL server (so files
// run in parallel), dropped when the file ends.
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://rapport:rapport@127.0.0.1:5432/postgres';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function freshDatabaseUrl(t: Teardown): Promise<string> {
  const name = `rapport_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  t.teardown(() => dropDatabase(ADMIN_URL, name));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * DROP DATABASE … WITH (FORCE), for the tests, the bench scripts and the
 * image dry run. FORCE must terminate every backend on the database, and
 * PostgreSQL refuses (42501) when one of them is an autovacuum worker and the
 * caller is not a member of pg_signal_backend. ensure-postgres.sh grants that
 * role; the retry covers servers set up elsewhere, where the worker soon finishes.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '42501' || attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await c.end();
  }
}

export async function freshDataDir(t: Teardown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-embedded-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
