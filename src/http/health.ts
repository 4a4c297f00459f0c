import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { errorResponses } from './responses.js';

const status = z.object({ status: z.literal('ok') });

const healthRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, opts) => {
  app.get('/health/live', {
    schema: { security: [], tags: ['Health'], summary: 'The process is up', response: { 200: status } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/health/ready', {
    schema: { security: [], tags: ['Health'], summary: 'The database answers', response: { 200: status, ...errorResponses } },
    handler: async (req) => {
      try {
        await opts.db.ping();
      } catch (err) {
        req.log.warn({ err }, 'readiness check failed');
        throw new AppError('service_unavailable', 'The database does not answer.');
      }
      return { status: 'ok' as const };
    },
  });
};

export default healthRoutes;
