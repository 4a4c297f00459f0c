import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GraphQLError, specifiedRules, validate } from 'graphql';
import mercurius, { type IResolvers } from 'mercurius';
import type { Database } from '../db/database.js';
import type { Clock } from '../services/context.js';
import { RequestScope, type GraphQLDeps } from './context.js';
import { errorFormatter, isErrorCode } from './errors.js';
import { EventBus } from './event-bus.js';
import { queryLimits } from './limits.js';
import { resolvers } from './resolvers/index.js';
import { readSdl } from './sdl.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The fan-out behind the `events` subscription. */
    eventBus: EventBus;
  }
}

export interface GraphQLOptions {
  db: Database;
  clock: Clock;
  /** As REST's: WEBHOOK_ALLOW_PRIVATE. */
  webhookAllowPrivate?: boolean;
}

export const GRAPHQL_PATH = '/graphql';
/** Routes mercurius adds (exact URLs), which the OpenAPI document leaves out. */
export const GRAPHQL_ROUTES = [GRAPHQL_PATH, '/graphiql', '/graphiql/main.js', '/graphiql/sw.js', '/graphiql/config.js'];

/**
 * POST /graphql (and GET for queries, WebSocket for subscriptions), GraphiQL
 * at /graphiql. Registered on the root, outside the REST plugin: the zod
 * compilers there would break mercurius' own JSON-schema routes.
 */
async function graphqlPlugin(app: FastifyInstance, opts: GraphQLOptions) {
  // Not part of the REST document: GraphiQL's routes carry no schema, so the
  // OpenAPI skip list alone would not hide them.
  app.addHook('onRoute', (route) => {
    if (GRAPHQL_ROUTES.includes(route.url)) route.schema = { ...route.schema, hide: true };
  });
  const bus = new EventBus(opts.db, app.log);
  app.decorate('eventBus', bus);
  const deps: GraphQLDeps = { db: opts.db, clock: opts.clock, bus, webhookPolicy: { allowPrivate: opts.webhookAllowPrivate ?? false } };
  await app.register(mercurius, {
    schema: await readSdl(),
    resolvers: resolvers as IResolvers,
    path: GRAPHQL_PATH,
    graphiql: true,
    jit: 1,
    validationRules: [queryLimits],
    errorFormatter,
    context: (request) => ({ rapport: new RequestScope(deps, request) }),
    subscription: {
      context: (_socket, request) => ({ rapport: new RequestScope(deps, request) }),
      keepAlive: 30_000,
    },
  });
  // graphql's subscribe() does not validate: apply the same rules and limits.
  app.graphql.addHook('preSubscriptionExecution', async (schema, document) => {
    const [first] = validate(schema, document, [...specifiedRules, queryLimits]);
    if (first) {
      const code = isErrorCode(first.extensions.code) ? first.extensions.code : 'validation_failed';
      throw new GraphQLError(first.message, { nodes: first.nodes, extensions: { ...first.extensions, code, status: 400 } });
    }
  });
  app.addHook('onClose', async () => bus.close());
}

export default fp(graphqlPlugin, { name: 'rapport-graphql' });
