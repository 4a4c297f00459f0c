import { z } from 'zod';
import { CALENDAR_TOKEN_PATTERN } from '../services/calendar.js';

// Calendar invites (text/calendar) and a seeker's feed token.

const EXAMPLE_TOKEN = 'cal_Q2FsZW5kYXJUb2tlbkV4YW1wbGUwMDAw';

export const calendarTokenSchema = z
  .string()
  .regex(CALENDAR_TOKEN_PATTERN, 'must be a calendar feed token (cal_ and 32 characters)')
  .meta({ example: EXAMPLE_TOKEN });

export const seekerCalendarQuery = z
  .object({
    token: calendarTokenSchema.optional().meta({
      description:
        "The seeker's calendar feed token, for calendar apps that cannot send an Authorization header. With it, no API key is needed (or used); a wrong or revoked token answers 404.",
    }),
  })
  .strict();

export const calendarTokenResultSchema = z
  .object({
    token: calendarTokenSchema.meta({ description: 'Shown once: only its hash is stored. Creating a new one revokes this one.' }),
    url: z.url().meta({
      description: 'The feed URL with the token in it, to subscribe to in a calendar app.',
      example: `https://rapport.example.edu/v1/seekers/skr_01jdz3v4k8q2w5e7r9t1y3a5b7/calendar.ics?token=${EXAMPLE_TOKEN}`,
    }),
  })
  .meta({ id: 'CalendarToken' });

/** A text/calendar answer, documented as such in OpenAPI. */
export const icsResponse = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: z.string().meta({ description: 'An RFC 5545 VCALENDAR.' }) } },
});
