import { deliveryListQuery, webhookEndpointCreateSchema, webhookEndpointPatchSchema } from '../../schemas/webhooks.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listAttempts,
  listDeliveries,
  listWebhookEndpoints,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhookEndpoint,
} from '../../services/webhooks.js';
import { idArg, limitArg, PAGE_ARGS, pageArgs, toConnection } from '../connection.js';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../generated/types.js';
import { mutation } from '../idempotency.js';
import { parseInput } from '../validate.js';

// Webhook endpoints as REST's /v1/webhook-endpoints: the `webhooks` scope,
// the same schemas, one service call each, the same error codes.

const withSecret = ({ secret, ...webhookEndpoint }: Awaited<ReturnType<typeof createWebhookEndpoint>>) => ({ webhookEndpoint, secret });

export const webhookQueries: Pick<QueryResolvers, 'webhookEndpoints' | 'webhookEndpoint'> = {
  webhookEndpoints: async (_, args, g) => {
    const ctx = await g.rapport.tenant('webhooks');
    const { totalCount: _none, ...connection } = toConnection(await listWebhookEndpoints(ctx, pageArgs(args)));
    return connection;
  },
  webhookEndpoint: async (_, args, g) => getWebhookEndpoint(await g.rapport.tenant('webhooks'), idArg('webhookEndpoint', args.id)),
};

export const webhookMutations: Pick<
  MutationResolvers,
  'createWebhookEndpoint' | 'updateWebhookEndpoint' | 'deleteWebhookEndpoint' | 'rotateWebhookEndpointSecret' | 'testWebhookEndpoint' | 'redeliverWebhookDelivery'
> = {
  createWebhookEndpoint: mutation('webhooks', async (ctx, args, g) =>
    withSecret(await createWebhookEndpoint(ctx, parseInput(webhookEndpointCreateSchema, args.input, 'input'), g.rapport.deps.webhookPolicy)),
  ),
  updateWebhookEndpoint: mutation('webhooks', async (ctx, args, g) =>
    updateWebhookEndpoint(ctx, idArg('webhookEndpoint', args.id), parseInput(webhookEndpointPatchSchema, args.input, 'input'), g.rapport.deps.webhookPolicy),
  ),
  deleteWebhookEndpoint: mutation('webhooks', async (ctx, args) => deleteWebhookEndpoint(ctx, idArg('webhookEndpoint', args.id))),
  rotateWebhookEndpointSecret: mutation('webhooks', async (ctx, args) => withSecret(await rotateWebhookSecret(ctx, idArg('webhookEndpoint', args.id)))),
  testWebhookEndpoint: mutation('webhooks', async (ctx, args) => sendTestEvent(ctx, idArg('webhookEndpoint', args.id))),
  redeliverWebhookDelivery: mutation('webhooks', async (ctx, args) => redeliver(ctx, idArg('webhookDelivery', args.id))),
};

export const webhookTypes: Pick<Resolvers, 'WebhookEndpoint' | 'WebhookDelivery'> = {
  WebhookEndpoint: {
    deliveries: async (endpoint, args, g) => {
      const ctx = await g.rapport.tenant('webhooks');
      const q = parseInput(deliveryListQuery, { limit: limitArg(args.first), cursor: args.after, status: args.status ?? undefined }, 'args', PAGE_ARGS);
      const { totalCount: _none, ...connection } = toConnection(await listDeliveries(ctx, endpoint.id, q));
      return connection;
    },
  },
  WebhookDelivery: {
    attemptLog: async (delivery, args, g) => {
      const ctx = await g.rapport.tenant('webhooks');
      const { totalCount: _none, ...connection } = toConnection(await listAttempts(ctx, delivery.endpointId, delivery.id, pageArgs(args)));
      return connection;
    },
  },
};
