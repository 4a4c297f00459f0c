import { contactUpsertSchema, externalIdSchema, seekerUpsertSchema } from '../../schemas/sync.js';
import { matchExternalId, upsertContact, upsertSeeker } from '../../services/upsert.js';
import type { MutationResolvers } from '../generated/types.js';
import { mutation } from '../idempotency.js';
import { parseInput } from '../validate.js';

// upsertSeeker / upsertContact: REST's PUT …/by-external-id/{externalId}
// (routes/sync.ts), over the same service and schemas.

export const syncMutations = {
  upsertSeeker: mutation('write', async (ctx, args) => {
    const externalId = parseInput(externalIdSchema, args.externalId, 'externalId');
    const input = parseInput(seekerUpsertSchema, args.input, 'input');
    matchExternalId(externalId, input.externalId, 'argument');
    const { result, record } = await upsertSeeker(ctx, externalId, input);
    return { seeker: record, result };
  }),
  upsertContact: mutation('write', async (ctx, args) => {
    const externalId = parseInput(externalIdSchema, args.externalId, 'externalId');
    const input = parseInput(contactUpsertSchema, args.input, 'input');
    matchExternalId(externalId, input.externalId, 'argument');
    const { result, record } = await upsertContact(ctx, externalId, input);
    return { contact: record, result };
  }),
} satisfies Pick<MutationResolvers, 'upsertSeeker' | 'upsertContact'>;
