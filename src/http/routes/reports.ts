import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { funnelQuery, funnelReportSchema } from '../../schemas/reports.js';
import { funnelReport } from '../../services/reports.js';
import { errorResponses } from '../responses.js';

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/reports/funnel', {
    config: { scope: 'read' },
    schema: {
      tags: ['Reports'],
      summary: 'Outcome figures: counts by state, conversion, response rate by channel, medians, thank-yous on time, referrals, ignored advice',
      description:
        "Computed by the database over the institution's interviews, optionally those of one seeker, one contact tag, and a period " +
        '[from, to) of when each interview started (its request, or its creation if never requested). Rates run from 0 to 1 and are ' +
        'null when their denominator is 0.',
      querystring: funnelQuery,
      response: { 200: funnelReportSchema, ...errorResponses },
    },
    handler: async (req) => funnelReport(req.ctx, req.query),
  });
};

export default reportRoutes;
