import { apiKeyIssueSchema } from '../../schemas/api-keys.js';
import { getInstitutionApiKey, issueInstitutionApiKey, listInstitutionApiKeys, revokeInstitutionApiKey } from '../../services/api-key-admin.js';
import { idArg, pageArgs, toConnection } from '../connection.js';
import type { MutationResolvers, QueryResolvers } from '../generated/types.js';
import { mutation } from '../idempotency.js';
import { parseInput } from '../validate.js';

// API keys as REST's /v1/api-keys: the admin scope, the same services.

export const apiKeyQueries: Pick<QueryResolvers, 'apiKeys' | 'apiKey'> = {
  apiKeys: async (_, args, g) => {
    const { totalCount: _none, ...connection } = toConnection(await listInstitutionApiKeys(await g.rapport.tenant('admin'), pageArgs(args)));
    return connection;
  },
  apiKey: async (_, args, g) => getInstitutionApiKey(await g.rapport.tenant('admin'), idArg('apiKey', args.id)),
};

export const apiKeyMutations: Pick<MutationResolvers, 'createApiKey' | 'revokeApiKey'> = {
  // Not through mutation(): it takes no idempotencyKey (see the SDL).
  createApiKey: async (_, args, g) => {
    const { secret, ...apiKey } = await issueInstitutionApiKey(await g.rapport.tenant('admin'), parseInput(apiKeyIssueSchema, args.input, 'input'));
    return { apiKey, secret };
  },
  revokeApiKey: mutation('admin', async (ctx, args) => revokeInstitutionApiKey(ctx, idArg('apiKey', args.id))),
};
