import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';

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

/**
 * A data dir holding an embedded database that is already initialised and
 * migrated, for tests that run the app on PGlite. initdb plus the migrations
 * cost ~5 s of CPU per database; copying a prepared one costs well under
 * one. The template is built once per machine and migration set (its name
 * carries a hash of the migrations and the PGlite version), by whichever
 * test file gets there first. The first-start path itself (initdb, every
 * migration, the demo institution) stays covered with freshDataDir by the
 * server, migrator and drift tests.
 */
export async function migratedDataDir(t: Teardown): Promise<string> {
  const dir = await freshDataDir(t);
  await cp(await embeddedTemplate(), path.join(dir, 'pglite'), { recursive: true });
  return dir;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

async function embeddedTemplate(): Promise<string> {
  const template = path.join(tmpdir(), `rapport-pglite-template-${await migrationsHash()}`);
  const lock = `${template}.lock`;
  for (const until = Date.now() + 180_000; Date.now() < until; ) {
    if (await exists(template)) return path.join(template, 'pglite');
    try {
      await mkdir(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Another file is building it; a lock older than two minutes was left by a killed run.
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 120_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      const building = `${template}.build-${process.pid}`;
      await rm(building, { recursive: true, force: true });
      const db = await openDatabase({ databaseUrl: undefined, dataDir: building, poolSize: 1 });
      await db.close();
      await rename(building, template);
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`timed out waiting for the embedded database template ${template}`);
}

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(pkg.version);
  const migrations = path.join(ROOT, 'prisma/migrations');
  for (const name of (await readdir(migrations)).sort()) {
    const file = path.join(migrations, name, 'migration.sql');
    if (await exists(file)) hash.update(name).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
