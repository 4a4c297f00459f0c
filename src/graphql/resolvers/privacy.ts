import { eraseSeeker } from '../../services/privacy.js';
import { idArg } from '../connection.js';
import type { MutationResolvers } from '../generated/types.js';
import { mutation } from '../idempotency.js';

// REST's DELETE /v1/seekers/{id}?erase=true, with the same admin scope. The
// export stays REST only: it is a file to download, not a graph to select from.
export const privacyMutations: Pick<MutationResolvers, 'eraseSeeker'> = {
  eraseSeeker: mutation('admin', async (ctx, args) => eraseSeeker(ctx, idArg('seeker', args.id))),
};
