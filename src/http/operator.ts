import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { institutionCreateSchema, institutionCreatedSchema } from '../schemas/institution.js';
import type { Clock } from '../services/context.js';
import { createInstitution } from '../services/institutions.js';
import { bearer } from './auth.js';
import { errorResponses } from './responses.js';

// Compare digests so the comparison takes the same time whatever the input length.
const digest = (s: string) => createHash('sha256').update(s).digest();

const operatorRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock; operatorToken: string | undefined }> = async (app, opts) => {
  app.post('/operator/institutions', {
    schema: {
      security: [{ operatorToken: [] }],
      tags: ['Operator'],
      summary: 'Create an institution and its first admin API key',
      description: 'Guarded by the OPERATOR_TOKEN environment variable, sent as a Bearer token. The key secret is shown once.',
      body: institutionCreateSchema,
      response: { 201: institutionCreatedSchema, ...errorResponses },
    },
    onRequest: async (req) => {
      if (!opts.operatorToken) throw new AppError('unauthorized', 'The operator API is off: set OPERATOR_TOKEN to turn it on.');
      const token = bearer(req);
      if (!token || !timingSafeEqual(digest(token), digest(opts.operatorToken))) {
        throw new AppError('unauthorized', 'Send the operator token as "Authorization: Bearer <OPERATOR_TOKEN>".');
      }
    },
    handler: async (req, reply) => {
      const created = await createInstitution(opts.db, opts.clock, { type: 'operator', id: 'operator' }, req.body);
      return reply.code(201).send(created);
    },
  });
};

export default operatorRoutes;
