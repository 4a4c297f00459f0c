import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, pageOf, pageQuery } from '../../schemas/common.js';
import { apiKeyIssueSchema, apiKeySchema, apiKeyWithSecretSchema } from '../../schemas/api-keys.js';
import { getInstitutionApiKey, issueInstitutionApiKey, listInstitutionApiKeys, revokeInstitutionApiKey } from '../../services/api-key-admin.js';
import { errorResponses } from '../responses.js';

// An institution's admins manage its keys themselves, without an operator:
// the same service as `rapport apikey`, scoped to the caller's institution.

const tags = ['API keys'];
const config = { scope: 'admin' } as const;
const keyParams = idParams('apiKey');

const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api-keys', {
    // Idempotency-Key is not honoured (see answersSecret): a retry makes
    // another key, and the unused one can be revoked.
    config: { ...config, answersSecret: true },
    schema: {
      tags,
      summary: 'Create an API key',
      description:
        'Answers with the key (`secret`, `rk_…`) this once; Rapport keeps only its hash. Scopes: `read`, `write`, `webhooks`, `admin`. ' +
        'Idempotency-Key is ignored here, so the secret is never stored with a saved answer. Recorded as an `api_key.created` event (without the secret).',
      body: apiKeyIssueSchema,
      response: { 201: apiKeyWithSecretSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).header('cache-control', 'no-store').send(await issueInstitutionApiKey(req.ctx, req.body)),
  });

  app.get('/api-keys', {
    config,
    schema: { tags, summary: "List the institution's API keys, revoked ones included (never their secrets)", querystring: pageQuery, response: { 200: pageOf(apiKeySchema), ...errorResponses } },
    handler: async (req) => listInstitutionApiKeys(req.ctx, req.query),
  });

  app.get('/api-keys/:id', {
    config,
    schema: { tags, summary: 'Get an API key (never its secret)', params: keyParams, response: { 200: apiKeySchema, ...errorResponses } },
    handler: async (req) => getInstitutionApiKey(req.ctx, req.params.id),
  });

  app.delete('/api-keys/:id', {
    config,
    schema: {
      tags,
      summary: 'Revoke an API key',
      description:
        'The key stops working at once, on REST and GraphQL, and its open GraphQL subscriptions end. Revoking a revoked key answers it as it is. ' +
        "The institution's last working admin key cannot be revoked (409 `last_admin_key`): create another first. Recorded as an `api_key.revoked` event.",
      params: keyParams,
      response: { 200: apiKeySchema, ...errorResponses },
    },
    handler: async (req) => revokeInstitutionApiKey(req.ctx, req.params.id),
  });
};

export default apiKeyRoutes;
