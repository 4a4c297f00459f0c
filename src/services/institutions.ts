import type { Database } from '../db/database.js';
import { z } from 'zod';
import { mergePolicy, policySchema, type Policy, type PolicyPatch } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Institution } from '../generated/prisma/client.js';
import { newId } from '../ids.js';
import type { InstitutionCreate, InstitutionPatch } from '../schemas/institution.js';
import { createApiKey } from './api-keys.js';
import type { Actor, Clock, TenantContext } from './context.js';
import { appendEvent, diff } from './events.js';

export function toInstitution(r: Institution) {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.timeZone,
    policy: policySchema.parse(r.policy),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Creates a tenant and its first admin key (the only time the secret is shown). */
export async function createInstitution(db: Database, clock: Clock, actor: Actor, input: InstitutionCreate) {
  const now = clock();
  return db.transaction(async (tx) => {
    const row = await tx.institution.create({
      data: {
        id: newId('institution'),
        name: input.name,
        timeZone: input.timeZone ?? 'UTC',
        policy: policySchema.parse({}),
        createdAt: now,
        updatedAt: now,
      },
    });
    const apiKey = await createApiKey(tx, row.id, 'First admin key', ['admin'], now);
    const institution = toInstitution(row);
    await appendEvent(tx, row.id, actor, now, {
      type: 'institution.created',
      subjectType: 'institution',
      subjectId: row.id,
      data: { institution },
    });
    return { institution, apiKey };
  });
}

export async function getInstitution(ctx: TenantContext) {
  const row = await ctx.db.prisma.institution.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
  return toInstitution(row);
}

export async function updateInstitution(ctx: TenantContext, patch: InstitutionPatch) {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const before = toInstitution(await tx.institution.findUniqueOrThrow({ where: { id: ctx.tenant.id } }));
    const after = {
      ...before,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
      ...(patch.policy !== undefined && { policy: mergedPolicy(before.policy, patch.policy) }),
    };
    const changes = diff(before, after, ['name', 'timeZone', 'policy']);
    if (Object.keys(changes).length === 0) return before;
    const row = await tx.institution.update({
      where: { id: ctx.tenant.id },
      data: { name: after.name, timeZone: after.timeZone, policy: after.policy, updatedAt: now },
    });
    const institution = toInstitution(row);
    await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
      type: 'institution.updated',
      subjectType: 'institution',
      subjectId: ctx.tenant.id,
      data: { institution, changes },
    });
    return institution;
  });
}

// A patch can be valid alone yet contradict what is stored (min above max).
function mergedPolicy(current: Policy, patch: PolicyPatch): Policy {
  try {
    return mergePolicy(current, patch);
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err;
    throw new AppError('validation_failed', `The policy would not be consistent: ${err.issues.map((i) => i.message).join('; ')}`, {
      violations: err.issues.map((i) => ({ rule: i.code, message: i.message, field: ['policy', ...i.path].join('.') })),
    });
  }
}

export async function countInstitutions(db: Database): Promise<number> {
  return db.prisma.institution.count();
}
