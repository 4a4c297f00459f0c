import { z } from 'zod';
import { idPattern } from '../ids.js';
import { SCOPES } from '../services/api-keys.js';
import { text } from './common.js';

export const apiKeyCreateSchema = z
  .object({
    institutionId: z.string().regex(idPattern('ins'), 'must be an institution id (ins_…)'),
    name: text(200),
    scopes: z.array(z.enum(SCOPES)).min(1, 'needs at least one scope').max(SCOPES.length),
  })
  .strict();
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

export const apiKeyIdSchema = z.string().regex(idPattern('key'), 'must be an API key id (key_…)');
