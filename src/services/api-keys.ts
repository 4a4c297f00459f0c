import { createHash, randomBytes } from 'node:crypto';
import type { Database, Tx } from '../db/database.js';
import { policySchema, type Policy } from '../domain/index.js';
import { newId } from '../ids.js';
import type { Tenant } from './context.js';

/**
 * `review` is a career counsellor's: it lets an action overrule text
 * checks (`override`); it grants nothing else, so it goes with `write`.
 */
export const SCOPES = ['read', 'write', 'webhooks', 'review', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

// Secrets are random and long, so a fast hash is enough to make a stolen
// table useless (as GitHub and Stripe do); the secret itself is shown once.
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function createApiKey(tx: Tx, institutionId: string, name: string, scopes: readonly Scope[], now: Date) {
  const secret = `rk_${randomBytes(24).toString('base64url')}`;
  const id = newId('apiKey');
  await tx.apiKey.create({
    data: { id, institutionId, name, prefix: secret.slice(0, 10), hash: hashKey(secret), scopes: [...scopes], createdAt: now },
  });
  return { id, name, scopes: [...scopes], secret };
}

/** What a scope grants: admin everything, write implies read; `review` only itself. */
export function grants(held: readonly string[], needed: Scope): boolean {
  if (held.includes('admin') || held.includes(needed)) return true;
  return needed === 'read' && held.includes('write');
}

export interface Principal {
  keyId: string;
  scopes: string[];
  tenant: Tenant;
}

interface KeyRow {
  key_id: string;
  scopes: string[];
  revoked_at: Date | null;
  institution_id: string;
  name: string;
  time_zone: string;
  policy_text: string;
}

// Parsing the stored policy on every request shows in the profile. Keep the
// last parse per institution, keyed by the stored text itself, so any change
// is seen at once.
const policies = new Map<string, { text: string; policy: Policy }>();

function policyOf(row: KeyRow): Policy {
  const hit = policies.get(row.institution_id);
  if (hit && hit.text === row.policy_text) return hit.policy;
  const policy = policySchema.parse(JSON.parse(row.policy_text));
  if (policies.size > 10_000) policies.clear();
  policies.set(row.institution_id, { text: row.policy_text, policy });
  return policy;
}

/** One indexed query per request, no cache: a revoked key stops working at once. */
export async function authenticate(db: Database, secret: string): Promise<Principal | null> {
  if (!secret.startsWith('rk_') || secret.length > 200) return null;
  const [row] = await db.sql.query<KeyRow>(
    `SELECT k.id AS key_id, k.scopes, k.revoked_at, i.id AS institution_id, i.name, i.time_zone, i.policy::text AS policy_text
     FROM api_keys k JOIN institutions i ON i.id = k.institution_id
     WHERE k.hash = $1`,
    [hashKey(secret)],
  );
  if (!row || row.revoked_at) return null;
  return {
    keyId: row.key_id,
    scopes: row.scopes ?? [],
    tenant: { id: row.institution_id, name: row.name, timeZone: row.time_zone, policy: policyOf(row) },
  };
}
