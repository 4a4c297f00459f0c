import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

// The migrator and the drift check need plain SQL on one connection (an
// advisory lock belongs to a session), below Prisma. Both drivers fit here.
export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function pgSession(connectionString: string): Promise<SqlSession> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

/** A session over an open PGlite; closing it leaves the database open. */
export function pgliteSession(db: PGlite): SqlSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    close: async () => {},
  };
}
