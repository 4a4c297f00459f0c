import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import type { Clock } from '../services/context.js';
import auth from './auth.js';
import idempotency from './idempotency.js';
import healthRoutes from './health.js';
import operatorRoutes from './operator.js';
import { contactRoutes, seekerRoutes } from './routes/people.js';
import agendaRoutes from './routes/agenda.js';
import interviewRoutes from './routes/interviews.js';
import miscRoutes from './routes/misc.js';
import reportRoutes from './routes/reports.js';
import webhookRoutes from './routes/webhooks.js';
import calendarRoutes from './routes/calendar.js';
import syncRoutes from './routes/sync.js';
import privacyRoutes from './routes/privacy.js';
import apiKeyRoutes from './routes/api-keys.js';

export interface RestOptions {
  db: Database;
  clock: Clock;
  operatorToken: string | undefined;
  /** WEBHOOK_ALLOW_PRIVATE: accept webhook URLs on loopback and private addresses. */
  webhookAllowPrivate?: boolean;
  /** PUBLIC_URL: the base of links handed out (the calendar feed); unset, each request's own. */
  publicUrl?: string | undefined;
}

// The REST surface, encapsulated: the zod compilers are set here and not on
// the root, where they would break other plugins' JSON-schema routes.
export default async function rest(app: FastifyInstance, opts: RestOptions) {
  app.setValidatorCompiler(validatorCompiler);
  // Responses are built by typed view functions (src/services/serialize.ts,
  // interview-rows.ts) that name every field; the response schemas document
  // them in OpenAPI. Re-checking each answer with zod cost more than the
  // serialization itself on the hot read (bench/RESULTS.md).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(healthRoutes, { db: opts.db });
  await app.register(operatorRoutes, opts);
  await app.register(
    async (v1) => {
      await v1.register(auth, { db: opts.db, clock: opts.clock });
      await v1.register(idempotency);
      await v1.register(seekerRoutes);
      await v1.register(contactRoutes);
      await v1.register(interviewRoutes);
      await v1.register(agendaRoutes);
      await v1.register(miscRoutes);
      await v1.register(reportRoutes);
      await v1.register(webhookRoutes, { allowPrivate: opts.webhookAllowPrivate ?? false });
      await v1.register(calendarRoutes, { db: opts.db, publicUrl: opts.publicUrl });
      await v1.register(syncRoutes);
      await v1.register(privacyRoutes);
      await v1.register(apiKeyRoutes);
    },
    { prefix: '/v1' },
  );
}
