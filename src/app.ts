import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { errorHandler, notFoundHandler } from './http/problem.js';
import { registerOpenApi } from './http/openapi.js';
import rest from './http/rest.js';
import { redactUrl } from './http/auth.js';
import graphql from './graphql/index.js';
import type { Clock } from './services/context.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface AppOptions {
  config: Config;
  db: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

type LoggerOption = FastifyServerOptions['logger'];

// Fastify logs each request's URL. A calendar feed carries its credential in
// the query string (?token=…), so the request serializer logs the URL with
// token values replaced; otherwise it logs what fastify's own does.
function withRedactedUrls(logger: LoggerOption): LoggerOption {
  if (!logger) return logger;
  const options = logger === true ? {} : logger;
  type LoggedRequest = { method: string; url: string; host?: string; ip?: string; headers?: Record<string, unknown>; socket?: { remotePort?: number } };
  const req = (raw: unknown) => {
    const r = raw as LoggedRequest;
    return {
      method: r.method,
      url: redactUrl(r.url),
      version: r.headers?.['accept-version'] as string | undefined,
      host: r.host,
      remoteAddress: r.ip,
      remotePort: r.socket?.remotePort,
    };
  };
  return { ...options, serializers: { ...options.serializers, req } };
}

/** Builds the whole service and never listens: server.ts and the tests do that. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const clock = opts.clock ?? (() => new Date());
  const app = Fastify({
    logger: withRedactedUrls(opts.logger ?? false),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // __proto__ and constructor.prototype keys are refused, not stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: 'x-request-id',
    // Request ids only need to be unique, not sortable: a UUID is far cheaper than a ULID.
    genReqId: () => `req_${randomUUID()}`,
    return503OnClosing: true,
    // An external id in a path may be 255 characters, each up to 12 when
    // percent-encoded; zod checks the decoded value.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 255 * 12 },
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
  await app.register(rest, { db, clock, operatorToken: config.operatorToken, webhookAllowPrivate: config.webhookAllowPrivate, publicUrl: config.publicUrl });
  await app.register(graphql, { db, clock, webhookAllowPrivate: config.webhookAllowPrivate });
  return app;
}
