import type { Database } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import type { ApiKeyCreate, ApiKeyIssue } from '../schemas/api-keys.js';
import { createApiKey } from './api-keys.js';
import type { Actor, Clock, TenantContext } from './context.js';
import { appendEvent } from './events.js';
import { decodeCursor, page } from './pagination.js';

// Key management: for operators (the `rapport apikey` commands, any
// institution) and for an institution's admins (/v1/api-keys, their own).
// Each change is an event of the institution, so its audit trail shows who
// could get in; events carry the key's id, name, prefix and scopes, never the
// secret.

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

/**
 * Revokes a key at once (authentication reads it on every request); revoking
 * twice changes nothing. With `institutionId`, only that institution's key
 * (another's answers 404), and never its last working admin key: an
 * institution locked out of its own keys would need an operator to get back in.
 */
export async function revokeApiKey(
  db: Database,
  clock: Clock,
  actor: Actor,
  keyId: string,
  scope: { institutionId?: string } = {},
): Promise<{ apiKey: ApiKeyView; alreadyRevoked: boolean }> {
  const now = clock();
  return db.sqlTransaction(async (sql) => {
    if (scope.institutionId) {
      // Revocations in one institution take turns, so two admins revoking
      // each other's keys at once cannot both pass the last-admin check.
      await sql.query('SELECT 1 FROM institutions WHERE id = $1 FOR NO KEY UPDATE', [scope.institutionId]);
    }
    const [row] = await sql.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1 AND ($2::text IS NULL OR institution_id = $2) FOR UPDATE', [keyId, scope.institutionId ?? null]);
    if (!row) throw notFound('API key', keyId);
    if (row.revoked_at) return { apiKey: toView(row), alreadyRevoked: true };
    if (scope.institutionId && row.scopes.includes('admin')) {
      const [other] = await sql.query(`SELECT 1 FROM api_keys WHERE institution_id = $1 AND id <> $2 AND revoked_at IS NULL AND 'admin' = ANY(scopes) LIMIT 1`, [
        row.institution_id,
        keyId,
      ]);
      if (!other) {
        throw new AppError('last_admin_key', `Key ${keyId} is the institution's last working admin key. Create another admin key first, then revoke this one.`);
      }
    }
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

// The same, for an institution's admins: their own keys only.

export async function listInstitutionApiKeys(ctx: TenantContext, q: { limit: number; cursor?: string | undefined }) {
  const after = q.cursor ? decodeCursor(q.cursor, 'key') : '';
  const rows = await ctx.db.sql.query<KeyRow>('SELECT * FROM api_keys WHERE institution_id = $1 AND id > $2 ORDER BY id LIMIT $3', [ctx.tenant.id, after, q.limit + 1]);
  const { items, nextCursor } = page(rows, q.limit);
  return { data: items.map(toView), nextCursor };
}

export async function getInstitutionApiKey(ctx: TenantContext, id: string): Promise<ApiKeyView> {
  const [row] = await ctx.db.sql.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1 AND institution_id = $2', [id, ctx.tenant.id]);
  if (!row) throw notFound('API key', id);
  return toView(row);
}

export async function issueInstitutionApiKey(ctx: TenantContext, input: ApiKeyIssue) {
  const { apiKey, secret } = await issueApiKey(ctx.db, ctx.clock, ctx.actor, { ...input, institutionId: ctx.tenant.id });
  return { ...apiKey, secret };
}

export async function revokeInstitutionApiKey(ctx: TenantContext, id: string): Promise<ApiKeyView> {
  return (await revokeApiKey(ctx.db, ctx.clock, ctx.actor, id, { institutionId: ctx.tenant.id })).apiKey;
}
