import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
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
  ping(): Promise<void>;
  close(): Promise<void>;
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
  const adapter = new PrismaPg({ connectionString: url, max: opts.poolSize ?? 10 });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  return {
    kind: 'postgres',
    prisma,
    transaction: (fn) => prisma.$transaction(fn, TX_OPTIONS),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: () => prisma.$disconnect(),
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
    transaction: (fn) => mutex.run(() => prisma.$transaction(fn, TX_OPTIONS)),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: async () => {
      await mutex.run(async () => {
        await prisma.$disconnect();
        await pglite.close();
      });
    },
  };
}
