import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqlSession } from './sql-session.js';

// Why our own migrator: Prisma's `migrate deploy` needs a native schema engine
// that is downloaded at run time, and neither this machine nor an offline user
// can fetch it. This applies the same prisma/migrations/<ts>_<name>/migration.sql
// files and records them in Prisma's own `_prisma_migrations` table, so
// `prisma migrate deploy` still agrees with us where the engine exists.

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Any constant works; it only has to be the same in every process.
const LOCK_KEY = 72_616_070; // "rapp"

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations, each in its own transaction, under a session
 * advisory lock: a second process starting at the same time waits, then finds
 * nothing left to do. Returns the names applied by this call.
 */
export async function migrate(session: SqlSession, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  await session.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await session.exec(CREATE_TABLE);
    const rows = await session.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const done: string[] = [];
    for (const m of all) {
      const row = applied.get(m.name);
      if (row?.finished_at) {
        if (row.checksum !== m.checksum) {
          throw new MigrationError(`Migration ${m.name} was edited after it was applied; add a new migration instead.`);
        }
        continue;
      }
      if (row) {
        throw new MigrationError(`Migration ${m.name} started earlier and never finished; inspect the database, then mark it rolled back.`);
      }
      await applyOne(session, m);
      done.push(m.name);
    }
    return done;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, m: Migration): Promise<void> {
  await session.exec('BEGIN');
  try {
    const id = randomUUID();
    await session.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)', [id, m.checksum, m.name]);
    await session.exec(m.sql);
    await session.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await session.exec('COMMIT');
  } catch (err) {
    await session.exec('ROLLBACK');
    throw new MigrationError(`Migration ${m.name} failed: ${(err as Error).message}`);
  }
}
