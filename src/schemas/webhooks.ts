import { z } from 'zod';
import { eventSchema } from './events.js';
import { idOf, optionalText, pageQuery, timestamp } from './common.js';

// Webhook endpoints and their delivery log. Receivers get Standard Webhooks
// requests; see README "Webhooks".

const url = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'must not carry a user name or password')
  .meta({ description: 'Where events are POSTed: http or https, a public address (checked again at every delivery).', example: 'https://crm.example.edu/hooks/rapport' });

const eventType = z
  .string()
  .max(100)
  .regex(/^[a-z_]+\.([a-z_]+|\*)$/, 'an event type such as interview.confirmed, or a category such as interview.*');

export const webhookEndpointCreateSchema = z
  .object({
    url,
    description: optionalText(500),
    eventTypes: z
      .array(eventType)
      .max(100)
      .optional()
      .meta({ description: 'Only these event types (`interview.*` for a whole category); empty or absent: every type.', example: ['interview.*', 'contact.created'] }),
    enabled: z.boolean().optional().meta({ description: 'Default true.' }),
  })
  .strict()
  .meta({ id: 'WebhookEndpointCreate' });
export type WebhookEndpointCreate = z.infer<typeof webhookEndpointCreateSchema>;

export const webhookEndpointPatchSchema = webhookEndpointCreateSchema
  .partial()
  .strict()
  .meta({ id: 'WebhookEndpointPatch', description: 'Setting `enabled: true` on a disabled endpoint resumes its deliveries from where they stopped.' });
export type WebhookEndpointPatch = z.infer<typeof webhookEndpointPatchSchema>;

const time = timestamp.nullable();

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z
      .enum(['manual', 'gone', 'failing'])
      .nullable()
      .meta({ description: '`manual`: switched off through the API; `gone`: the receiver answered 410; `failing`: every attempt failed for 5 days.' }),
    disabledAt: time,
    failingSince: time.meta({ description: 'The first failed attempt since the last success; null while healthy.' }),
    previousSecretExpiresAt: time.meta({ description: 'After a rotation, until when the previous secret still signs alongside the new one.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({ secret: z.string().meta({ description: 'The `whsec_…` signing secret, shown only here: store it now.', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string().meta({ description: 'Also the `webhook-id` header: stable across attempts, so a receiver can drop duplicates.' }),
    eventType: z.string(),
    sequence: z.number().int(),
    status: deliveryStatusSchema.meta({
      description: '`pending`: waiting for its next attempt (or, with no `nextAttemptAt`, for its endpoint to be re-enabled); `delivered`: answered 2xx; `failed`: every attempt of the schedule failed.',
    }),
    attempts: z.number().int().meta({ description: 'Attempts made since the delivery was created or last redelivered.' }),
    nextAttemptAt: time,
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastDurationMs: z.number().int().nullable(),
    deliveredAt: time,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveryListQuery = pageQuery
  .extend({ status: deliveryStatusSchema.optional().meta({ description: 'Only deliveries in this status.' }) })
  .strict();
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

export const attemptOutcomeSchema = z.enum(['delivered', 'retry_scheduled', 'failed']);
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>;

export const webhookAttemptSchema = z
  .object({
    id: z.string(),
    deliveryId: z.string(),
    endpointId: z.string(),
    attempt: z.number().int().meta({ description: 'From 1, over the delivery\'s whole life: a redelivery carries on from the last number.' }),
    attemptedAt: timestamp.meta({ description: 'When the request was sent.' }),
    statusCode: z.number().int().nullable().meta({ description: "The receiver's HTTP status; null when no answer came (timeout, refused connection, blocked address)." }),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable().meta({ description: 'Why the attempt failed; null when it succeeded.' }),
    outcome: attemptOutcomeSchema.meta({
      description: '`delivered`: answered 2xx; `retry_scheduled`: failed, tried again at `nextAttemptAt`; `failed`: failed with no retry to follow (schedule exhausted, or the endpoint answered 410 and is being disabled).',
    }),
    nextAttemptAt: time,
  })
  .meta({ id: 'WebhookAttempt' });

export const attemptListParams = z.object({ id: idOf('webhookEndpoint'), deliveryId: idOf('webhookDelivery') }).strict();

export const testEventResultSchema = z.object({ event: eventSchema, delivery: webhookDeliverySchema });
