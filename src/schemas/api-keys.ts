import { z } from 'zod';
import { idPattern } from '../ids.js';
import { SCOPES } from '../services/api-keys.js';
import { text, timestamp } from './common.js';

const scopes = z
  .array(z.enum(SCOPES))
  .min(1, 'needs at least one scope')
  .max(SCOPES.length)
  .meta({ description: '`read`; `write` (implies read); `webhooks` (manage webhook endpoints); `review` (a counsellor: may send an action\'s `override` to overrule text checks; give it with `write`); `admin` (everything, keys and institution settings included).', example: ['read', 'write'] });

/** POST /v1/api-keys and GraphQL createApiKey: a key for the caller's own institution. */
export const apiKeyIssueSchema = z
  .object({ name: text(200).meta({ description: 'A label saying who uses the key, e.g. "Career portal (production)".' }), scopes })
  .strict()
  .meta({ id: 'ApiKeyCreate' });
export type ApiKeyIssue = z.infer<typeof apiKeyIssueSchema>;

/** The operator's form (`rapport apikey create`): any institution. */
export const apiKeyCreateSchema = apiKeyIssueSchema.extend({ institutionId: z.string().regex(idPattern('ins'), 'must be an institution id (ins_…)') }).strict();
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

export const apiKeyIdSchema = z.string().regex(idPattern('key'), 'must be an API key id (key_…)');

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the secret, to tell keys apart; the secret itself is never shown again.', example: 'rk_Xq3vT0a' }),
    scopes: z.array(z.string()),
    createdAt: timestamp,
    revokedAt: timestamp.nullable().meta({ description: 'When the key stopped working; null while it works.' }),
  })
  .meta({ id: 'ApiKey' });

export const apiKeyWithSecretSchema = apiKeySchema
  .extend({ secret: z.string().meta({ description: 'The key itself, `rk_…`: shown in this answer only. Send it as `Authorization: Bearer rk_…`.' }) })
  .meta({ id: 'ApiKeyWithSecret' });
