import { z } from 'zod';
import { isValidTimeZone, policyPatchSchema, policySchema } from '../domain/index.js';
import { text, timestamp } from './common.js';

const timeZone = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
  .meta({ example: 'America/New_York' });

export const institutionCreateSchema = z
  .object({ name: text(200), timeZone: timeZone.optional() })
  .strict()
  .meta({ id: 'InstitutionCreate' });
export type InstitutionCreate = z.infer<typeof institutionCreateSchema>;

export const institutionPatchSchema = z
  .object({ name: text(200).optional(), timeZone: timeZone.optional(), policy: policyPatchSchema.optional() })
  .strict()
  .meta({ id: 'InstitutionPatch' });
export type InstitutionPatch = z.infer<typeof institutionPatchSchema>;

export const institutionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    policy: policySchema,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Institution' });

export const apiKeyCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  secret: z.string().meta({ description: 'Shown once; only a hash is stored.' }),
});

export const institutionCreatedSchema = z
  .object({ institution: institutionSchema, apiKey: apiKeyCreatedSchema })
  .meta({ id: 'InstitutionCreated' });
