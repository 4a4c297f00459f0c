import type { FastifyPluginAsync } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { deletedSchema, idParams, pageOf, recordListQuery } from '../../schemas/common.js';
import { contactCreateSchema, contactPatchSchema, contactSchema, seekerCreateSchema, seekerPatchSchema, seekerSchema } from '../../schemas/people.js';
import { contacts } from '../../services/contacts.js';
import { seekers } from '../../services/seekers.js';
import { errorResponses } from '../responses.js';

// Seekers and contacts share one shape of routes over one shape of service.
function recordRoutes<C extends z.ZodType, P extends z.ZodType, V extends z.ZodType>(opts: {
  path: string;
  tag: string;
  kind: 'seeker' | 'contact';
  create: C;
  patch: P;
  view: V;
  service: typeof seekers | typeof contacts;
  /** false: the DELETE route is registered elsewhere (seekers: routes/privacy.ts, for `?erase=true`). */
  remove?: false;
}): FastifyPluginAsync {
  const { path, tag, kind, service } = opts;
  const params = idParams(kind);
  // Shared by two record types, so typed loosely here: the zod schemas
  // attached to each route validate the input before a handler runs.
  const svc = service as unknown as {
    create(ctx: unknown, input: unknown): Promise<unknown>;
    get(ctx: unknown, id: string): Promise<unknown>;
    list(ctx: unknown, q: unknown): Promise<unknown>;
    update(ctx: unknown, id: string, patch: unknown): Promise<unknown>;
    remove(ctx: unknown, id: string): Promise<unknown>;
  };
  type Req = FastifyRequest<{ Params: { id: string }; Body: unknown; Querystring: unknown }>;
  return async (app) => {
    app.post(path, {
      config: { scope: 'write' },
      schema: { tags: [tag], summary: `Create a ${kind}`, body: opts.create, response: { 201: opts.view, ...errorResponses } },
      handler: async (req: Req, reply: FastifyReply) => reply.code(201).send(await svc.create(req.ctx, req.body)),
    });
    app.get(path, {
      config: { scope: 'read' },
      schema: { tags: [tag], summary: `List ${kind}s, or the ones named in ids`, querystring: recordListQuery(kind), response: { 200: pageOf(opts.view), ...errorResponses } },
      handler: async (req: Req) => svc.list(req.ctx, req.query),
    });
    app.get(`${path}/:id`, {
      config: { scope: 'read' },
      schema: { tags: [tag], summary: `Get a ${kind}`, params, response: { 200: opts.view, ...errorResponses } },
      handler: async (req: Req) => svc.get(req.ctx, req.params.id),
    });
    app.patch(`${path}/:id`, {
      config: { scope: 'write' },
      schema: { tags: [tag], summary: `Update a ${kind}`, params, body: opts.patch, response: { 200: opts.view, ...errorResponses } },
      handler: async (req: Req) => svc.update(req.ctx, req.params.id, req.body),
    });
    if (opts.remove === false) return;
    app.delete(`${path}/:id`, {
      config: { scope: 'write' },
      schema: { tags: [tag], summary: `Delete a ${kind}`, params, response: { 200: deletedSchema, ...errorResponses } },
      handler: async (req: Req) => svc.remove(req.ctx, req.params.id),
    });
  };
}

export const seekerRoutes = recordRoutes({
  path: '/seekers', tag: 'Seekers', kind: 'seeker', create: seekerCreateSchema, patch: seekerPatchSchema, view: seekerSchema, service: seekers,
  remove: false,
});
export const contactRoutes = recordRoutes({
  path: '/contacts', tag: 'Contacts', kind: 'contact', create: contactCreateSchema, patch: contactPatchSchema, view: contactSchema, service: contacts,
});
