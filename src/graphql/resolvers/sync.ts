import { contactUpsertSchema, externalIdSchema, seekerUpsertSchema } from '../../schemas/sync.js';
import { matchExternalId, upsertContact, upsertSeeker } from '../../services/upsert.js';
import type { z } from 'zod';
import type { TenantContext } from '../../services/context.js';
import type { MutationResolvers } from '../generated/types.js';
import { mutation } from '../idempotency.js';
import { parseInput } from '../validate.js';

// upsertSeeker / upsertContact: REST's PUT …/by-external-id/{externalId}
// (routes/sync.ts), over the same service and schemas.

/** The arguments checked as REST checks the path and body, then the one service call. */
async function upsertBy<S extends typeof seekerUpsertSchema | typeof contactUpsertSchema, R>(
  ctx: TenantContext,
  args: { externalId: string; input: unknown },
  schema: S,
  upsert: (ctx: TenantContext, externalId: string, input: z.output<S>) => Promise<R>,
): Promise<R> {
  const externalId = parseInput(externalIdSchema, args.externalId, 'externalId');
  const input = parseInput(schema, args.input, 'input') as z.output<S>;
  matchExternalId(externalId, (input as { externalId?: string }).externalId, 'argument');
  return upsert(ctx, externalId, input);
}

export const syncMutations = {
  upsertSeeker: mutation('write', async (ctx, args) => {
    const { result, record } = await upsertBy(ctx, args, seekerUpsertSchema, upsertSeeker);
    return { seeker: record, result };
  }),
  upsertContact: mutation('write', async (ctx, args) => {
    const { result, record } = await upsertBy(ctx, args, contactUpsertSchema, upsertContact);
    return { contact: record, result };
  }),
} satisfies Pick<MutationResolvers, 'upsertSeeker' | 'upsertContact'>;
