import { z } from 'zod';
import { idOf, optionalText, text, timestamp } from './common.js';

const externalId = text(255).nullish().meta({ description: 'Your own id for this record; unique per institution.' });
const email = z.email().max(320).nullish();

export const seekerCreateSchema = z
  .object({
    externalId,
    name: text(200),
    email,
    notes: optionalText(10_000),
  })
  .strict()
  .meta({ id: 'SeekerCreate' });
export const seekerPatchSchema = seekerCreateSchema.partial().strict().meta({ id: 'SeekerPatch' });
export type SeekerCreate = z.infer<typeof seekerCreateSchema>;
export type SeekerPatch = z.infer<typeof seekerPatchSchema>;

export const seekerSchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Seeker' });

export const contactCreateSchema = z
  .object({
    externalId,
    name: text(200),
    email,
    linkedinUrl: z.url({ protocol: /^https?$/ }).max(500).nullish(),
    organization: optionalText(200),
    title: optionalText(200),
    field: optionalText(200),
    howWeMet: optionalText(2_000).meta({ description: 'How you know them; leave empty for a cold contact.' }),
    introducedById: idOf('contact').nullish().meta({ description: 'The contact who introduced you.' }),
    mayUseName: z.boolean().optional().meta({ description: 'Whether the introducer agreed to be named.' }),
    researchNotes: optionalText(20_000).meta({ description: 'What you learned about them before reaching out.' }),
    tags: z.array(text(50)).max(50).optional(),
  })
  .strict()
  .meta({ id: 'ContactCreate' });
export const contactPatchSchema = contactCreateSchema.partial().strict().meta({ id: 'ContactPatch' });
export type ContactCreate = z.infer<typeof contactCreateSchema>;
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactSchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    linkedinUrl: z.string().nullable(),
    organization: z.string().nullable(),
    title: z.string().nullable(),
    field: z.string().nullable(),
    howWeMet: z.string().nullable(),
    introducedById: z.string().nullable(),
    mayUseName: z.boolean(),
    researchNotes: z.string().nullable(),
    tags: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Contact' });
