import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrator.js';
import { pgliteSession, pgSession } from './sql-session.js';
import { Mutex } from './mutex.js';

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  readonly kind: 'embedded' | 'postgres';
  readonly prisma: PrismaClient;
  /** One interactive transaction; inside it use only `tx`. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Plain SQL straight on the driver, for the few hot paths where Prisma's
   * per-statement cost shows (bench/RESULTS.md): auth, reading one
   * interview, and running an action. Same SQL on both databases.
   */
  sql: Sql;
  /** A transaction of plain SQL; inside it use only the `Sql` it is given. */
  sqlTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /**
   * LISTENs on a channel (its own connection on a server); NOTIFYs arrive
   * after their transaction commits. `onPayload(null)` follows a reconnect,
   * when notifications may have been missed. Resolves once listening, with
   * the function that stops.
   */
  listen(channel: string, onPayload: (payload: string | null) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  log?: (msg: string) => void;
}

const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openEmbedded(opts);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  if (opts.migrate !== false) {
    const session = await pgSession(url);
    try {
      const applied = await migrate(session);
      if (applied.length) opts.log?.(`applied migrations: ${applied.join(', ')}`);
    } finally {
      await session.close();
    }
  }
  // One pool serves Prisma and the plain-SQL hot paths alike.
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // An idle pooled connection that the server ends (a restart, a dropped
  // database: 57P01) is an 'error' on the pool; the pool discards that client
  // and opens another when asked. Unheard, the event would end the process.
  pool.on('error', (err) => opts.log?.(`an idle database connection was closed by the server: ${err.message}`));
  const adapter = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  return {
    kind: 'postgres',
    prisma,
    sql: { query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[] },
    sqlTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[] });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    transaction: (fn) => prisma.$transaction(fn, TX_OPTIONS),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const RECONNECT_MS = 1_000;

// A LISTEN holds a session, so it gets a client of its own rather than one of
// the pool's. If the connection drops it comes back, and says so with null.
async function listenPostgres(url: string, channel: string, onPayload: (payload: string | null) => void) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) onPayload(m.payload ?? '');
    });
    c.on('error', () => undefined);
    c.on('end', () => {
      if (stopped) return;
      const retry = () => {
        if (stopped) return;
        connect().then(() => onPayload(null), () => setTimeout(retry, RECONNECT_MS).unref());
      };
      setTimeout(retry, RECONNECT_MS).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}

async function openEmbedded(opts: OpenOptions): Promise<Database> {
  const dir = path.resolve(opts.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  if (opts.migrate !== false) {
    const applied = await migrate(pgliteSession(pglite));
    if (applied.length) opts.log?.(`applied migrations: ${applied.join(', ')}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  await prisma.$connect();
  // PGlite is a single connection: a second BEGIN waits for the first COMMIT,
  // and Prisma gives up after maxWait with a 500-worthy error. Queue
  // transactions here instead, so racing writes meet one at a time and lose
  // with a clean 409 from the service, never a timeout.
  const mutex = new Mutex();
  return {
    kind: 'embedded',
    prisma,
    // PGlite makes a query outside a transaction wait for the open one, so
    // these interleave safely with Prisma's own statements.
    sql: { query: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows },
    sqlTransaction: (fn) =>
      mutex.run(() => pglite.transaction((tx) => fn({ query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows }))),
    transaction: (fn) => mutex.run(() => prisma.$transaction(fn, TX_OPTIONS)),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    // In-process only: PGlite is one connection and delivers its own NOTIFYs
    // at commit. Queued like a transaction so LISTEN never lands inside one.
    listen: async (channel, onPayload) => {
      const unlisten = await mutex.run(() => pglite.listen(channel, (payload) => onPayload(payload)));
      return () => mutex.run(() => unlisten());
    },
    close: async () => {
      await mutex.run(async () => {
        await prisma.$disconnect();
        await pglite.close();
      });
    },
  };
}
