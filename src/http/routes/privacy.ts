import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { idParams } from '../../schemas/common.js';
import { seekerDeleteQuery, seekerDeleteResultSchema, seekerExportSchema } from '../../schemas/privacy.js';
import { authenticate, grants } from '../../services/api-keys.js';
import { eraseSeeker, exportSeeker } from '../../services/privacy.js';
import { seekers } from '../../services/seekers.js';
import { bearer } from '../auth.js';
import { errorResponses } from '../responses.js';

// A seeker's privacy rights, both with the admin scope: the export is the
// whole dossier in one call, and erasure cannot be undone and rewrites
// history (the event log), so neither belongs to every integration key.
// The seekers' DELETE lives here (not with the other seeker routes in
// people.ts) because `?erase=true` makes it an erasure.

/** DELETE's scope is write (a plain delete); erasure also needs admin, checked here. */
async function requireAdmin(req: FastifyRequest): Promise<void> {
  const principal = await authenticate(req.ctx.db, bearer(req) ?? '');
  if (!principal || !grants(principal.scopes, 'admin')) {
    throw new AppError('insufficient_scope', `Erasing a seeker needs the "admin" scope; the key has ${principal?.scopes.join(', ') || 'none'}.`);
  }
}

const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.delete('/seekers/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Seekers'],
      summary: 'Delete a seeker, or erase their personal data (?erase=true, admin)',
      description:
        'Without `erase`: deletes the record, refused with 409 `resource_in_use` while interviews refer to it. ' +
        "With `erase=true` (admin scope): erases the seeker's name, e-mail, notes and externalId and the free text of their interviews " +
        '(topics, questions, notes, meeting notes, request message, location, reasons, thank-you and follow-up notes) from the rows and ' +
        'from the event log, revokes their calendar feed, and appends one `seeker.erased` event with counts only. The seeker (named ' +
        '"[erased]") and their interviews stay, anonymised, so reports still count them; writes to them answer 409 `seeker_erased`. ' +
        'Idempotent: a repeat answers the same and appends nothing.',
      params: idParams('seeker'),
      querystring: seekerDeleteQuery,
      response: { 200: seekerDeleteResultSchema, ...errorResponses },
    },
    handler: async (req) => {
      if (!req.query.erase) return seekers.remove(req.ctx, req.params.id);
      await requireAdmin(req);
      return eraseSeeker(req.ctx, req.params.id);
    },
  });

  app.get('/seekers/:id/export', {
    config: { scope: 'admin' },
    schema: {
      tags: ['Seekers'],
      summary: 'Everything held about a seeker, as one JSON document (admin)',
      description:
        'The seeker, all their interviews (full views), every event about them or their interviews in sequence order (reminders included), ' +
        'the reminders sent, whether a calendar feed token exists (never the token), the webhook deliveries that carried those events ' +
        '(ids and status), and the contacts of their interviews for reference. One consistent snapshot, as an attachment. ' +
        'Built in memory, so bounded: more than 1,000 interviews or 10,000 events answers 422 `export_too_large`.',
      params: idParams('seeker'),
      response: { 200: seekerExportSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const doc = await exportSeeker(req.ctx, req.params.id);
      return reply
        .header('content-disposition', `attachment; filename="rapport-seeker-${req.params.id}.json"`)
        .header('cache-control', 'private, no-store')
        .send(doc);
    },
  });
};

export default privacyRoutes;

