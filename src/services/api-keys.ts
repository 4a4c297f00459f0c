import { createHash, randomBytes } from 'node:crypto';
import type { Database, Tx } from '../db/database.js';
import { policySchema } from '../domain/index.js';
import { newId } from '../ids.js';
import type { Tenant } from './context.js';

export const SCOPES = ['read', 'write', 'webhooks', 'admin'] as const;
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

/** What a scope grants: admin everything, write implies read. */
export function grants(held: readonly string[], needed: Scope): boolean {
  if (held.includes('admin') || held.includes(needed)) return true;
  return needed === 'read' && held.includes('write');
}

export interface Principal {
  keyId: string;
  scopes: string[];
  tenant: Tenant;
}

export async function authenticate(db: Database, secret: string): Promise<Principal | null> {
  if (!secret.startsWith('rk_') || secret.length > 200) return null;
  const key = await db.prisma.apiKey.findUnique({ where: { hash: hashKey(secret) }, include: { institution: true } });
  if (!key || key.revokedAt) return null;
  const i = key.institution;
  return {
    keyId: key.id,
    scopes: key.scopes,
    tenant: { id: i.id, name: i.name, timeZone: i.timeZone, policy: policySchema.parse(i.policy) },
  };
}
