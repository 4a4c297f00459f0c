import type { Database } from '../db/database.js';
import { notFound } from '../errors.js';
import type { ApiKeyCreate } from '../schemas/api-keys.js';
import { createApiKey } from './api-keys.js';
import type { Actor, Clock } from './context.js';
import { appendEvent } from './events.js';

// Key management for operators (the `rapport apikey` commands). Each change
// is an event of the institution, so its audit trail shows who could get in;
// events carry the key's id, name, prefix and scopes, never the secret.

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

interface KeyRow {
  id: string;
  institution_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

function toView(r: KeyRow): ApiKeyView {
  return { id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null };
}

/** A new key for an institution; the answer holds the secret, shown this once. */
export async function issueApiKey(db: Database, clock: Clock, actor: Actor, input: ApiKeyCreate) {
  const now = clock();
  return db.transaction(async (tx) => {
    const institution = await tx.institution.findUnique({ where: { id: input.institutionId }, select: { id: true } });
    if (!institution) throw notFound('institution', input.institutionId);
    const key = await createApiKey(tx, input.institutionId, input.name, input.scopes, now);
    const view: ApiKeyView = { id: key.id, name: key.name, prefix: key.secret.slice(0, 10), scopes: key.scopes, createdAt: now.toISOString(), revokedAt: null };
    await appendEvent(tx, input.institutionId, actor, now, { type: 'api_key.created', subjectType: 'api_key', subjectId: key.id, data: { apiKey: view } });
    return { apiKey: view, secret: key.secret };
  });
}

/** Revokes a key at once (authentication reads it on every request); revoking twice changes nothing. */
export async function revokeApiKey(db: Database, clock: Clock, actor: Actor, keyId: string): Promise<{ apiKey: ApiKeyView; alreadyRevoked: boolean }> {
  const now = clock();
  return db.sqlTransaction(async (sql) => {
    const [row] = await sql.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1 FOR UPDATE', [keyId]);
    if (!row) throw notFound('API key', keyId);
    if (row.revoked_at) return { apiKey: toView(row), alreadyRevoked: true };
    const [updated] = await sql.query<KeyRow>('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 RETURNING *', [keyId, now]);
    const view = toView(updated!);
    await appendEvent(sql, row.institution_id, actor, now, { type: 'api_key.revoked', subjectType: 'api_key', subjectId: keyId, data: { apiKey: view } });
    return { apiKey: view, alreadyRevoked: false };
  });
}

export async function listApiKeys(db: Database, institutionId: string): Promise<ApiKeyView[]> {
  const rows = await db.sql.query<KeyRow>('SELECT * FROM api_keys WHERE institution_id = $1 ORDER BY id', [institutionId]);
  if (rows.length === 0) {
    const [inst] = await db.sql.query('SELECT 1 FROM institutions WHERE id = $1', [institutionId]);
    if (!inst) throw notFound('institution', institutionId);
  }
  return rows.map(toView);
}

