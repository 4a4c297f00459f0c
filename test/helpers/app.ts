import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { freshDatabaseUrl, migratedDataDir } from './database.js';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

interface TestLike {
  teardown(fn: () => unknown): void;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  databaseUrl: string | undefined;
  /** A movable clock: tests set `clock.now` instead of sleeping. */
  clock: { now: Date };
}

export async function buildTestApp(t: TestLike, opts: { embedded?: boolean; now?: Date; env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const databaseUrl = opts.embedded ? undefined : await freshDatabaseUrl(t);
  const dataDir = opts.embedded ? await migratedDataDir(t) : '/nonexistent';
  const config = loadConfig({ ...opts.env, OPERATOR_TOKEN, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, false);
  const db = await openDatabase({ databaseUrl, dataDir, poolSize: 25 });
  const clock = { now: opts.now ?? new Date() };
  const app = await buildApp({ config, db, clock: () => clock.now });
  t.teardown(async () => {
    await app.close();
    await db.close();
  });
  return { app, db, databaseUrl, clock };
}

export interface Tenant {
  key: string;
  institutionId: string;
  call: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
}

/** A new institution with an admin key, and an inject helper that sends it. */
export async function createTenant(app: FastifyInstance, name = 'Test Career Centre', timeZone = 'UTC'): Promise<Tenant> {
  const res = await app.inject({
    method: 'POST',
    url: '/operator/institutions',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    payload: { name, timeZone },
  });
  if (res.statusCode !== 201) throw new Error(`tenant creation failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ institution: { id: string }; apiKey: { secret: string } }>();
  const key = body.apiKey.secret;
  return {
    key,
    institutionId: body.institution.id,
    call: (o) => app.inject({ ...o, headers: { authorization: `Bearer ${key}`, ...o.headers } }),
  };
}

/** The same institution, calling with another of its keys. */
export const withKey = (a: Tenant, key: string): Tenant => ({ ...a, key, call: (o) => a.call({ ...o, headers: { ...o.headers, authorization: `Bearer ${key}` } }) });
