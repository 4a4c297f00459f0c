import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { errorHandler, notFoundHandler } from './http/problem.js';
import { registerOpenApi } from './http/openapi.js';
import rest from './http/rest.js';
import graphql from './graphql/index.js';
import type { Clock } from './services/context.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface AppOptions {
  config: Config;
  db: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole service and never listens: server.ts and the tests do that. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const clock = opts.clock ?? (() => new Date());
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    // __proto__ and constructor.prototype keys are refused, not stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: 'x-request-id',
    // Request ids only need to be unique, not sortable: a UUID is far cheaper than a ULID.
    genReqId: () => `req_${randomUUID()}`,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    // Router-level failures (ids over the length limit, broken %-encoding)
    // are problem+json like every other error.
    frameworkErrors: (err, req, reply) => {
      void errorHandler(err, req, reply);
    },
  });
  // JSON only: a text/plain body is an unsupported media type, not a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  await registerOpenApi(app, VERSION);
  await app.register(rest, { db, clock, operatorToken: config.operatorToken, webhookAllowPrivate: config.webhookAllowPrivate });
  await app.register(graphql, { db, clock, webhookAllowPrivate: config.webhookAllowPrivate });
  return app;
}
