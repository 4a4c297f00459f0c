import { AppError } from '../../errors.js';
import { eventSequence } from '../../services/loaders.js';
import { toGraphQLError } from '../errors.js';
import type { SubscriptionResolvers } from '../generated/types.js';
import type { EventModel } from '../models.js';
import { eventIdArg } from './query.js';

// A subscription's start error does not pass mercurius' errorFormatter, so it
// is turned into a GraphQLError with the table's extensions here.
export const Subscription: SubscriptionResolvers = {
  events: {
    subscribe: async (_, args, g) => {
      try {
        const ctx = await g.rapport.tenant('read');
        let after: number | undefined;
        if (args.after) {
          const id = eventIdArg(args.after);
          const seq = await eventSequence(ctx.db, ctx.tenant.id, id);
          if (seq === null) throw new AppError('invalid_cursor', `No event ${id} exists here to continue after.`);
          after = seq;
        }
        return await g.rapport.deps.bus.subscribe(ctx.tenant.id, {
          after,
          types: args.types ?? undefined,
          keyId: ctx.actor.type === 'api_key' ? ctx.actor.id : undefined,
          onRevoked: () => toGraphQLError(new AppError('unauthorized', 'The API key this subscription was opened with has been revoked. Subscribe again with a valid key.')),
        });
      } catch (err) {
        if (!(err instanceof AppError)) g.app.log.error({ err }, 'subscription failed to start');
        throw toGraphQLError(err);
      }
    },
    resolve: (event: EventModel) => event,
  },
};
