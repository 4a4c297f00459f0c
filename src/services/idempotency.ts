import { createHash } from 'node:crypto';
import type { Database, Sql, Tx } from '../db/database.js';


// Idempotency keys, as Stripe has them: the first request with a key runs;
// a retry with the same key and body gets the first answer back, byte for
// byte, without running again.
//
// A key moves in_flight → committed → done. `committed` is written inside the
// business transaction itself (see `withCommitMark`), so if the process dies
// after the commit but before the answer was stored, a retry is refused
// rather than run twice; a key still `in_flight` after LOCK_TIMEOUT_MS never
// committed anything and may be taken over.

export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Longer than any request can run (the transaction timeout is 15 s). */
export const LOCK_TIMEOUT_MS = 60_000;
/** What a key may be: 1 to 255 visible ASCII characters. */
export const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying. */
export const REPLAYED_HEADERS = ['content-type', 'etag', 'location'] as const;

export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type Claim =
  | { kind: 'run' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

interface Row {
  request_hash: string;
  status: string;
  locked_at: Date;
  expires_at: Date;
  response_status: number | null;
  response_body: string | null;
  response_headers: Record<string, string> | null;
}

/** Canonical JSON (sorted keys) so that key order never makes two bodies differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('hex');
}

export async function claimKey(db: Database, institutionId: string, key: string, hash: string, now: Date): Promise<Claim> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted = await db.prisma.$queryRaw<{ key: string }[]>`
      INSERT INTO idempotency_keys (institution_id, key, request_hash, status, locked_at, created_at, expires_at)
      VALUES (${institutionId}, ${key}, ${hash}, 'in_flight', ${now}, ${now}, ${new Date(now.getTime() + KEY_TTL_MS)})
      ON CONFLICT (institution_id, key) DO NOTHING
      RETURNING key`;
    if (inserted.length) return { kind: 'run' };

    const [row] = await db.prisma.$queryRaw<Row[]>`
      SELECT request_hash, status, locked_at, expires_at, response_status, response_body, response_headers
      FROM idempotency_keys WHERE institution_id = ${institutionId} AND key = ${key}`;
    if (!row) continue; // purged in between: claim again
    if (row.expires_at <= now) {
      await db.prisma.$executeRaw`DELETE FROM idempotency_keys WHERE institution_id = ${institutionId} AND key = ${key} AND expires_at <= ${now}`;
      continue;
    }
    if (row.request_hash !== hash) return { kind: 'reused' };
    if (row.status === 'done' && row.response_status !== null && row.response_body !== null) {
      return { kind: 'replay', response: { status: row.response_status, body: row.response_body, headers: row.response_headers ?? {} } };
    }
    if (row.status === 'in_flight' && now.getTime() - row.locked_at.getTime() > LOCK_TIMEOUT_MS) {
      const taken = await db.prisma.$executeRaw`
        UPDATE idempotency_keys SET locked_at = ${now}
        WHERE institution_id = ${institutionId} AND key = ${key} AND status = 'in_flight' AND locked_at = ${row.locked_at}`;
      if (taken === 1) return { kind: 'run' };
    }
    return { kind: 'in_progress' };
  }
  return { kind: 'in_progress' };
}

/** Wraps a database so that each transaction also marks the key committed, atomically with the business write. */
export function withCommitMark(db: Database, institutionId: string, key: string): Database {
  const mark = `UPDATE idempotency_keys SET status = 'committed' WHERE institution_id = $1 AND key = $2`;
  return {
    ...db,
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      db.transaction(async (tx) => {
        const result = await fn(tx);
        await tx.$executeRawUnsafe(mark, institutionId, key);
        return result;
      }),
    sqlTransaction: <T>(fn: (sql: Sql) => Promise<T>) =>
      db.sqlTransaction(async (sql) => {
        const result = await fn(sql);
        await sql.query(mark, [institutionId, key]);
        return result;
      }),
  };
}

export async function storeResponse(db: Database, institutionId: string, key: string, response: StoredResponse): Promise<void> {
  await db.prisma.$executeRaw`
    UPDATE idempotency_keys
    SET status = 'done', response_status = ${response.status}, response_body = ${response.body},
        response_headers = ${JSON.stringify(response.headers)}::jsonb
    WHERE institution_id = ${institutionId} AND key = ${key}`;
}

/** After a server error: a key whose request never committed is released so a retry runs. */
export async function releaseKey(db: Database, institutionId: string, key: string): Promise<void> {
  await db.prisma.$executeRaw`DELETE FROM idempotency_keys WHERE institution_id = ${institutionId} AND key = ${key} AND status = 'in_flight'`;
}

export async function purgeExpiredKeys(db: Database, now: Date): Promise<number> {
  return db.prisma.$executeRaw`DELETE FROM idempotency_keys WHERE expires_at <= ${now}`;
}

