// Pieces every bench script needs: where PostgreSQL is, a database URL by
// name, one-off admin statements, and a free port for a child server.
import { createServer } from 'node:net';
import pg from 'pg';
import { dropDatabase } from '../test/helpers/database.js';

export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://rapport:rapport@127.0.0.1:5432/postgres';

export function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the admin connection (CREATE/DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Drops the bench database (retrying while autovacuum holds it). */
export function dropBenchDatabase(name: string): Promise<void> {
  return dropDatabase(ADMIN_URL, name);
}

/** A new, empty bench database in place of any left by an earlier run. */
export async function freshBenchDatabase(name: string): Promise<string> {
  await dropBenchDatabase(name);
  await admin(`CREATE DATABASE "${name}"`);
  return dbUrl(name);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
