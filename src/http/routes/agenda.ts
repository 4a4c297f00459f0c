import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agendaQuery, agendaSchema } from '../../schemas/agenda.js';
import { idParams } from '../../schemas/common.js';
import { seekerAgenda } from '../../services/agenda.js';
import { errorResponses } from '../responses.js';

const agendaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/seekers/:id/agenda', {
    config: { scope: 'read' },
    schema: {
      tags: ['Seekers'],
      summary: "The seeker's next steps across their open interviews",
      description:
        'One item per open interview: the action to take, when it is due, whether it is overdue, the rule and policy setting ' +
        "behind it, and a sentence with dates in the institution's time zone. Earliest due first, undated last.",
      params: idParams('seeker'),
      querystring: agendaQuery,
      response: { 200: agendaSchema, ...errorResponses },
    },
    handler: async (req) => seekerAgenda(req.ctx, req.params.id, req.query),
  });
};

export default agendaRoutes;
