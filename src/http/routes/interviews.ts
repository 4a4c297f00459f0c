import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIONS, actionInputSchemas, type Action } from '../../domain/index.js';
import { AppError } from '../../errors.js';
import { idParams, pageOf, pageQuery, violationSchema } from '../../schemas/common.js';
import { eventSchema } from '../../schemas/events.js';
import { interviewCreateSchema, interviewListQuery, interviewPatchSchema, interviewSchema, overrideRecordSchema } from '../../schemas/interviews.js';
import { contactSchema } from '../../schemas/people.js';
import { interviewTimeline } from '../../services/event-feed.js';
import { performAction } from '../../services/interview-actions.js';
import { createInterview, getInterview, listInterviews, updateInterview } from '../../services/interviews.js';
import { errorResponses } from '../responses.js';

const params = idParams('interview');

// Optimistic concurrency over HTTP: the ETag is the version; If-Match carries
// it back. Anything that is not one of our ETags can never match.
export const etag = (version: number) => `"${version}"`;

function expectedVersion(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(value);
  if (!m) throw new AppError('version_conflict', `If-Match must be an ETag this API returned, like "3"; got ${value.slice(0, 40)}.`);
  return Number(m[1]);
}

const ifMatchHeaders = z.object({ 'if-match': z.string().optional().meta({ description: 'The ETag you last read; a stale one answers 412.' }) });

export const actionResultSchema = z
  .object({
    interview: interviewSchema,
    advisories: z.array(violationSchema),
    override: overrideRecordSchema.optional().meta({ description: 'Present when the action was sent with an `override`: what it let through, and who.' }),
    event: eventSchema,
    referral: z.object({ contact: contactSchema, interview: interviewSchema }).optional(),
  })
  .meta({ id: 'ActionResult' });

function defaultEmptyBody(req: FastifyRequest): Promise<void> {
  const sent = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!sent && req.body == null) req.body = {};
  return Promise.resolve();
}

export const actionPath = (a: Action) => a.replace('_', '-');

const interviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/interviews', {
    config: { scope: 'write' },
    schema: { tags: ['Interviews'], summary: 'Create an interview (state prospect)', body: interviewCreateSchema, response: { 201: interviewSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const view = await createInterview(req.ctx, req.body);
      return reply.code(201).header('etag', etag(view.version)).send(view);
    },
  });

  app.get('/interviews', {
    config: { scope: 'read' },
    schema: { tags: ['Interviews'], summary: 'List interviews', querystring: interviewListQuery, response: { 200: pageOf(interviewSchema), ...errorResponses } },
    handler: async (req) => listInterviews(req.ctx, req.query),
  });

  app.get('/interviews/:id', {
    config: { scope: 'read' },
    schema: { tags: ['Interviews'], summary: 'Get an interview with its available actions', params, response: { 200: interviewSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const view = await getInterview(req.ctx, req.params.id);
      return reply.header('etag', etag(view.version)).send(view);
    },
  });

  app.patch('/interviews/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Interviews'],
      summary: 'Edit topics, questions or notes',
      params,
      headers: ifMatchHeaders,
      body: interviewPatchSchema,
      response: { 200: interviewSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await updateInterview(req.ctx, req.params.id, req.body, { expectedVersion: expectedVersion(req.headers['if-match']) });
      return reply.header('etag', etag(view.version)).send(view);
    },
  });

  app.get('/interviews/:id/events', {
    config: { scope: 'read' },
    schema: { tags: ['Interviews'], summary: "The interview's timeline, oldest first", params, querystring: pageQuery, response: { 200: pageOf(eventSchema), ...errorResponses } },
    handler: async (req) => interviewTimeline(req.ctx, req.params.id, req.query),
  });

  for (const action of ACTIONS) {
    const input = actionInputSchemas[action];
    // Actions whose fields are all optional may be posted with no body at all;
    // a body that is there (even a JSON null) is validated as sent.
    const bodyOptional = input.safeParse({}).success;
    app.post(`/interviews/:id/${actionPath(action)}`, {
      config: { scope: 'write' },
      schema: {
        tags: ['Actions'],
        summary: `Perform "${action}"`,
        description:
          `Runs the \`${action}\` action. See GET /v1/state-machine for the states it is legal from and the rules it checks. ` +
          'With `override` (needs the `review` scope; otherwise 403 `override_not_allowed`), refusals by the named overridable rules are let through and recorded.',
        params,
        headers: ifMatchHeaders,
        body: input,
        response: { 200: actionResultSchema, ...errorResponses },
      },
      preValidation: bodyOptional ? defaultEmptyBody : undefined,
      handler: async (req, reply) => {
        const result = await performAction(req.ctx, req.params.id, action, req.body as never, {
          expectedVersion: expectedVersion(req.headers['if-match']),
        });
        return reply.header('etag', etag(result.interview.version)).send(result);
      },
    });
  }
};

export default interviewRoutes;
