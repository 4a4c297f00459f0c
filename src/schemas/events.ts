import { z } from 'zod';
import { idOf, pageQuery, timestamp } from './common.js';

export const eventSchema = z
  .object({
    id: z.string(),
    type: z.string().meta({ example: 'interview.requested' }),
    createdAt: timestamp,
    sequence: z.number().int(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Event', description: 'One entry of the append-only event log.' });

export const eventFeedQuery = pageQuery
  .omit({ cursor: true })
  .extend({
    after: idOf('event').optional().meta({ description: 'Return events after this one (exclusive).' }),
    types: z
      .string()
      .regex(/^[a-z_.]+(,[a-z_.]+)*$/, 'comma-separated event types')
      .optional()
      .meta({ example: 'interview.confirmed,interview.met' }),
  })
  .strict();

export const eventFeedSchema = z.object({
  data: z.array(eventSchema),
  nextCursor: z.string().nullable().meta({ description: 'The id to pass as `after`; null when caught up.' }),
});
