import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deletedSchema, idParams, pageOf, pageQuery } from '../../schemas/common.js';
import {
  attemptListParams,
  deliveryListQuery,
  testEventResultSchema,
  webhookAttemptSchema,
  webhookDeliverySchema,
  webhookEndpointCreateSchema,
  webhookEndpointPatchSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../../schemas/webhooks.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getDelivery,
  getWebhookEndpoint,
  listAttempts,
  listDeliveries,
  listWebhookEndpoints,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhookEndpoint,
  type WebhookPolicy,
} from '../../services/webhooks.js';
import { errorResponses } from '../responses.js';

const tags = ['Webhooks'];
const endpointParams = idParams('webhookEndpoint');
const deliveryParams = idParams('webhookDelivery');
const base = '/webhook-endpoints';

const webhookRoutes: FastifyPluginAsyncZod<WebhookPolicy> = async (app, policy) => {
  const config = { scope: 'webhooks' } as const;

  app.post(base, {
    config,
    schema: {
      tags,
      summary: 'Register a webhook endpoint',
      description: 'Answers with the `whsec_…` signing secret, shown this once. Every event of the institution (or of `eventTypes`) is then POSTed to `url`, signed per Standard Webhooks. An institution may have up to 20 endpoints (422 `webhook_endpoint_limit` beyond).',
      body: webhookEndpointCreateSchema,
      response: { 201: webhookEndpointWithSecretSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createWebhookEndpoint(req.ctx, req.body, policy)),
  });

  app.get(base, {
    config,
    schema: { tags, summary: 'List webhook endpoints', querystring: pageQuery, response: { 200: pageOf(webhookEndpointSchema), ...errorResponses } },
    handler: async (req) => listWebhookEndpoints(req.ctx, req.query),
  });

  app.get(`${base}/:id`, {
    config,
    schema: { tags, summary: 'Get a webhook endpoint', params: endpointParams, response: { 200: webhookEndpointSchema, ...errorResponses } },
    handler: async (req) => getWebhookEndpoint(req.ctx, req.params.id),
  });

  app.patch(`${base}/:id`, {
    config,
    schema: {
      tags,
      summary: 'Change a webhook endpoint, or disable and re-enable it',
      description: '`enabled: false` pauses deliveries; `enabled: true` resumes them from where they stopped, in sequence order (after an automatic disable, including the deliveries that ran out of attempts while the endpoint was failing).',
      params: endpointParams,
      body: webhookEndpointPatchSchema,
      response: { 200: webhookEndpointSchema, ...errorResponses },
    },
    handler: async (req) => updateWebhookEndpoint(req.ctx, req.params.id, req.body, policy),
  });

  app.delete(`${base}/:id`, {
    config,
    schema: { tags, summary: 'Delete a webhook endpoint and its delivery log', params: endpointParams, response: { 200: deletedSchema, ...errorResponses } },
    handler: async (req) => deleteWebhookEndpoint(req.ctx, req.params.id),
  });

  app.post(`${base}/:id/rotate-secret`, {
    config,
    schema: {
      tags,
      summary: 'Rotate the signing secret',
      description: 'Answers with the new secret. For 24 hours the previous secret keeps signing too: `webhook-signature` carries both signatures, so receivers can switch without missing a delivery.',
      params: endpointParams,
      response: { 200: webhookEndpointWithSecretSchema, ...errorResponses },
    },
    handler: async (req) => rotateWebhookSecret(req.ctx, req.params.id),
  });

  app.post(`${base}/:id/test`, {
    config,
    schema: {
      tags,
      summary: 'Send a webhook.test event to this endpoint only',
      description: 'Appends a `webhook.test` event and queues its delivery to this endpoint (whatever its `eventTypes`); follow it with GET …/deliveries/{id}.',
      params: endpointParams,
      response: { 202: testEventResultSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(202).send(await sendTestEvent(req.ctx, req.params.id)),
  });

  app.get(`${base}/:id/deliveries`, {
    config,
    schema: {
      tags,
      summary: "An endpoint's delivery log, newest first",
      description:
        'One entry per event sent to the endpoint: its status, attempts, the last attempt (status code, duration, error) and the next retry. ' +
        'Delivered and failed entries are kept WEBHOOK_RETENTION_DAYS (default 30) after their last attempt; pending ones until they are sent.',
      params: endpointParams,
      querystring: deliveryListQuery,
      response: { 200: pageOf(webhookDeliverySchema), ...errorResponses },
    },
    handler: async (req) => listDeliveries(req.ctx, req.params.id, req.query),
  });

  app.get(`${base}/:id/deliveries/:deliveryId/attempts`, {
    config,
    schema: {
      tags,
      summary: "A delivery's attempts, oldest first",
      description: 'Every request made for the delivery, redeliveries included: when it was sent, the status code (null if no answer came), duration, error, and its outcome (`delivered`, `retry_scheduled` or `failed`).',
      params: attemptListParams,
      querystring: pageQuery,
      response: { 200: pageOf(webhookAttemptSchema), ...errorResponses },
    },
    handler: async (req) => listAttempts(req.ctx, req.params.id, req.params.deliveryId, req.query),
  });

  app.get(`${base}/deliveries/:id`, {
    config,
    schema: { tags, summary: 'Get one delivery', params: deliveryParams, response: { 200: webhookDeliverySchema, ...errorResponses } },
    handler: async (req) => getDelivery(req.ctx, req.params.id),
  });

  app.post(`${base}/deliveries/:id/redeliver`, {
    config,
    schema: {
      tags,
      summary: 'Send a delivery again, now',
      description: 'Whatever its status, with a fresh retry schedule. The receiver gets the same `webhook-id`.',
      params: deliveryParams,
      response: { 202: webhookDeliverySchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(202).send(await redeliver(req.ctx, req.params.id)),
  });
};

export default webhookRoutes;
