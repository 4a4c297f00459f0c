import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { idParams } from '../../schemas/common.js';
import { calendarTokenResultSchema, icsResponse, seekerCalendarQuery } from '../../schemas/calendar.js';
import {
  CALENDAR_CONTENT_TYPE,
  interviewCalendar,
  revokeCalendarToken,
  rotateCalendarToken,
  seekerCalendar,
  seekerCalendarByToken,
} from '../../services/calendar.js';
import { redactUrl } from '../auth.js';
import { errorResponses } from '../responses.js';

const tags = ['Calendar'];
const interviewParams = idParams('interview');
const seekerParams = idParams('seeker');

function sendIcs(reply: FastifyReply, body: string, filename: string) {
  return reply
    .type(CALENDAR_CONTENT_TYPE)
    .header('content-disposition', `inline; filename="${filename}"`)
    // Personal data, and with a token in the URL a credential: no shared caches.
    .header('cache-control', 'private, no-cache')
    .send(body);
}

const calendarRoutes: FastifyPluginAsyncZod<{ db: Database; publicUrl?: string | undefined }> = async (app, opts) => {
  app.get('/interviews/:id/calendar.ics', {
    config: { scope: 'read' },
    schema: {
      tags,
      summary: "The interview's meeting as an iCalendar invite",
      description:
        'One VEVENT (RFC 5545) for a meeting that is or was scheduled: UID `<interview id>@rapport` (stable), SEQUENCE the number of reschedules ' +
        '(one more once cancelled or declined), STATUS TENTATIVE (scheduled), CONFIRMED (confirmed and after) or CANCELLED (cancelled, declined), ' +
        'the seeker as ORGANIZER and the contact as ATTENDEE, LOCATION and for video calls the link as URL, the topics and questions in DESCRIPTION, ' +
        'and a reminder a day before. An interview that never had a meeting time answers 404 `no_meeting`.',
      params: interviewParams,
      response: { 200: icsResponse('The invite: a VCALENDAR with one VEVENT'), ...errorResponses },
    },
    handler: async (req, reply) => sendIcs(reply, await interviewCalendar(req.ctx, req.params.id), `${req.params.id}.ics`),
  });

  app.get('/seekers/:id/calendar.ics', {
    // With `token` in the query the auth hook lets the request through without
    // an API key: the token is the credential, checked here.
    config: { scope: 'read', calendarToken: true },
    schema: {
      tags,
      summary: "A seeker's meetings as a calendar feed",
      description:
        'Every meeting of the seeker that has a time, one VEVENT each as in GET /v1/interviews/{id}/calendar.ics; cancelled and declined ones stay ' +
        'in the feed as STATUS:CANCELLED, so subscribed calendars remove them. Read it with an API key, or without one with `?token=` ' +
        '(POST /v1/seekers/{id}/calendar-token), which is what a calendar app subscribes to.',
      security: [{ apiKey: [] }, {}],
      params: seekerParams,
      querystring: seekerCalendarQuery,
      response: { 200: icsResponse("The feed: a VCALENDAR with a VEVENT for each of the seeker's meetings"), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { id } = req.params;
      const { token } = req.query;
      const body = token === undefined ? await seekerCalendar(req.ctx, id) : await seekerCalendarByToken(opts.db, id, token, redactUrl(req.url));
      return sendIcs(reply, body, 'interviews.ics');
    },
  });

  app.post('/seekers/:id/calendar-token', {
    // Idempotency-Key is not honoured (see answersSecret): a retry simply
    // rotates again, and the token it answers is the valid one.
    config: { scope: 'write', answersSecret: true },
    schema: {
      tags,
      summary: "Create or rotate the seeker's calendar feed token",
      description:
        'Answers the new token once, with the feed URL to subscribe to. Any previous token stops working at once. ' +
        'Idempotency-Key is ignored here: the token is never stored in clear, and a retry simply rotates again.',
      params: seekerParams,
      response: { 201: calendarTokenResultSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { id } = req.params;
      const { token } = await rotateCalendarToken(req.ctx, id);
      // Behind a proxy the request's own host is the proxy's view of it; PUBLIC_URL (or TRUST_PROXY) says what clients see.
      const base = opts.publicUrl ?? `${req.protocol}://${req.host}`;
      const url = `${base}/v1/seekers/${id}/calendar.ics?token=${token}`;
      return reply.code(201).header('cache-control', 'no-store').send({ token, url });
    },
  });

  app.delete('/seekers/:id/calendar-token', {
    config: { scope: 'write' },
    schema: {
      tags,
      summary: "Revoke the seeker's calendar feed token",
      description: 'The feed URL answers 404 from now on. Revoking when there is no token is fine (204).',
      params: seekerParams,
      response: { 204: z.null().meta({ description: 'Revoked (or there was no token)' }), ...errorResponses },
    },
    handler: async (req, reply) => {
      await revokeCalendarToken(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
};

export default calendarRoutes;
