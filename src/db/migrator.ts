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

// The key `prisma migrate deploy` itself locks (prisma-engines' postgres
// connector: "72707369 is a unique number we chose to identify Migrate"), so
// our migrator and Prisma's, where its engine exists, also exclude each other.
export const MIGRATION_LOCK_KEY = 72_707_369;

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

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

/** What Prisma records in `_prisma_migrations.checksum`: sha256 of the file, lowercase hex. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

// Prisma's script_matches_checksum: a checkout with other line endings (git's
// autocrlf) is the same migration, not an edited one.
function matchesChecksum(sql: string, checksum: string): boolean {
  return [sql, sql.replace(/\r\n/g, '\n'), sql.replace(/\n/g, '\r\n')].some((s) => checksumOf(s) === checksum);
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
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  let failed = true;
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
        // From the script itself: `checksum` is derived data a caller could leave stale.
        if (!matchesChecksum(m.sql, row.checksum)) {
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
    failed = false;
    return done;
  } finally {
    // On a broken connection the unlock fails too (and the server drops the
    // lock with the session): don't let that hide the error that matters.
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch((err: unknown) => {
      if (!failed) throw err;
    });
  }
}

async function applyOne(session: SqlSession, m: Migration): Promise<void> {
  await session.exec('BEGIN');
  try {
    const id = randomUUID();
    await session.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)', [id, checksumOf(m.sql), m.name]);
    await session.exec(m.sql);
    await session.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await session.exec('COMMIT');
  } catch (err) {
    await session.exec('ROLLBACK').catch(() => {}); // a dead connection rolls back by itself
    throw new MigrationError(`Migration ${m.name} failed: ${(err as Error).message}`);
  }
}
