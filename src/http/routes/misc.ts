import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeStateMachine } from '../../domain/index.js';
import { eventFeedQuery, eventFeedSchema } from '../../schemas/events.js';
import { stateMachineSchema } from '../../schemas/interviews.js';
import { institutionPatchSchema, institutionSchema } from '../../schemas/institution.js';
import { eventFeed } from '../../services/event-feed.js';
import { getInstitution, updateInstitution } from '../../services/institutions.js';
import { errorResponses } from '../responses.js';

const miscRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/events', {
    config: { scope: 'read' },
    schema: {
      tags: ['Events'],
      summary: "The institution's change feed, ascending sequence",
      description: 'Poll with `after` set to the last event id you processed. Sequences are strictly ascending and never appear out of order.',
      querystring: eventFeedQuery,
      response: { 200: eventFeedSchema, ...errorResponses },
    },
    handler: async (req) => eventFeed(req.ctx, req.query),
  });

  app.get('/state-machine', {
    config: { scope: 'read' },
    schema: {
      tags: ['State machine'],
      summary: "The interview lifecycle as data and a Mermaid diagram, with this institution's policy applied",
      response: { 200: stateMachineSchema, ...errorResponses },
    },
    handler: async (req) => describeStateMachine(req.ctx.tenant.policy),
  });

  app.get('/institution', {
    config: { scope: 'read' },
    schema: { tags: ['Institution'], summary: 'Settings, time zone and policy', response: { 200: institutionSchema, ...errorResponses } },
    handler: async (req) => getInstitution(req.ctx),
  });

  app.patch('/institution', {
    config: { scope: 'admin' },
    schema: { tags: ['Institution'], summary: 'Change settings, time zone or policy', body: institutionPatchSchema, response: { 200: institutionSchema, ...errorResponses } },
    handler: async (req) => updateInstitution(req.ctx, req.body),
  });
};

export default miscRoutes;
