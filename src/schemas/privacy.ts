import { z } from 'zod';
import { deletedSchema, timestamp } from './common.js';
import { eventSchema } from './events.js';
import { interviewSchema } from './interviews.js';
import { contactSchema, seekerSchema } from './people.js';
import { deliveryStatusSchema } from './webhooks.js';

// A seeker's export and erasure (src/services/privacy.ts).

export const seekerDeleteQuery = z
  .object({
    erase: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .optional()
      .transform((v) => v === 'true')
      .meta({
        description:
          '`true`: erase the seeker\'s personal data instead of deleting the record (needs the admin scope); the row and its interviews stay, anonymised, for reports.',
      }),
  })
  .strict();
export type SeekerDeleteQuery = z.infer<typeof seekerDeleteQuery>;

export const erasureCountsSchema = z
  .object({
    interviews: z.number().int().meta({ description: 'Interviews whose free text was erased.' }),
    events: z.number().int().meta({ description: 'Events whose payload was rewritten (the seeker\'s own and their interviews\', reminders included).' }),
    webhookDeliveries: z.number().int().meta({ description: 'Delivery-log entries of those events whose receiver error text was erased.' }),
    savedResponses: z
      .number()
      .int()
      .meta({ description: 'Stored Idempotency-Key answers that showed the seeker or their interviews, now a `seeker_erased` refusal for any retry.' }),
    calendarFeedRevoked: z.boolean().meta({ description: 'The seeker had a calendar feed token, now revoked.' }),
  })
  .meta({ id: 'SeekerErasureCounts' });
export type ErasureCounts = z.infer<typeof erasureCountsSchema>;

export const seekerErasureSchema = z
  .object({
    id: z.string(),
    erased: z.literal(true),
    erasedAt: timestamp.meta({ description: 'When the seeker was erased (the first time: a repeat answers the same).' }),
    counts: erasureCountsSchema,
  })
  .meta({ id: 'SeekerErasure', description: 'What was erased. The same answer on every repeat; it holds no personal data.' });
export type SeekerErasure = z.infer<typeof seekerErasureSchema>;

export const seekerDeleteResultSchema = z.union([deletedSchema, seekerErasureSchema]);

const erasedAt = timestamp.nullable().meta({ description: 'When the personal data was erased; null if it was not.' });

export const seekerExportSchema = z
  .object({
    exportVersion: z.literal(1).meta({ description: 'The shape of this document; a new shape gets a new number.' }),
    exportedAt: timestamp,
    institution: z.object({ id: z.string(), name: z.string() }).meta({ description: 'Who holds the data.' }),
    seeker: seekerSchema.extend({ erasedAt }),
    calendarFeed: z.object({ enabled: z.boolean() }).meta({ description: 'Whether a calendar feed token exists (the token itself is never stored in clear).' }),
    interviews: z.array(interviewSchema).meta({ description: "All the seeker's interviews, as GET /v1/interviews/{id} answers them (erased with the seeker)." }),
    contacts: z
      .array(contactSchema)
      .meta({ description: "The contacts those interviews are with: the institution's records, included for reference (erasure keeps them)." }),
    events: z.array(eventSchema).meta({ description: "Every event about the seeker or their interviews, reminders included, in sequence order." }),
    reminders: z
      .array(z.object({ id: z.string(), interviewId: z.string(), kind: z.string(), dueAt: timestamp, eventId: z.string(), createdAt: timestamp }))
      .meta({ description: 'The reminders sent about their interviews (each also an event above).' }),
    webhookDeliveries: z
      .array(z.object({ id: z.string(), endpointId: z.string(), eventId: z.string(), status: deliveryStatusSchema }))
      .meta({ description: 'Webhook deliveries that carried those events: ids and status only.' }),
  })
  .meta({ id: 'SeekerExport', description: 'Everything Rapport holds about one seeker.' });
export type SeekerExport = z.infer<typeof seekerExportSchema>;
