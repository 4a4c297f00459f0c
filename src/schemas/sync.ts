import { z } from 'zod';
import { isStorableText } from '../domain/index.js';
import { contactCreateSchema, seekerCreateSchema } from './people.js';
import { problemSchema } from './common.js';

// Keeping a CRM in sync: upsert by external id (PUT), bulk import (JSON or
// CSV) and the contacts export. Records are the create shapes of people.ts,
// with `externalId` required and held to a stricter rule.

/** The most records one import takes; more is refused before anything is written. */
export const IMPORT_MAX_RECORDS = 1000;
/** The body limit of the import routes (the global BODY_LIMIT_BYTES is far smaller). */
export const IMPORT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

// C0 and C1 control characters, DEL included: invisible in a CRM's UI and in logs.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const externalIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => !CONTROL.test(s), 'must not contain control characters (tabs, newlines, NUL, …)')
  .refine((s) => s.trim() === s, 'must not start or end with whitespace')
  .refine(isStorableText, 'must not contain unpaired surrogates')
  .meta({ description: 'Your own id for the record: 1–255 characters, no control characters, no surrounding whitespace; unique per institution.', example: 'crm-000123' });

export const externalIdParams = z.object({ externalId: externalIdSchema }).strict();

/** The body of PUT …/by-external-id/{externalId}: a create, whose externalId (optional here) must match the path. */
export const seekerUpsertSchema = seekerCreateSchema.extend({ externalId: externalIdSchema.optional() }).strict().meta({ id: 'SeekerUpsert' });
export const contactUpsertSchema = contactCreateSchema.extend({ externalId: externalIdSchema.optional() }).strict().meta({ id: 'ContactUpsert' });
export type SeekerUpsert = z.infer<typeof seekerUpsertSchema>;
export type ContactUpsert = z.infer<typeof contactUpsertSchema>;

// What an export writes besides the writable fields. An import accepts them
// and ignores them, so an export (CSV or NDJSON) re-imports as it is.
export const READ_ONLY_FIELDS = ['id', 'createdAt', 'updatedAt'] as const;
const readOnly = {
  id: z.unknown().optional().meta({ description: 'Ignored (an export carries it).' }),
  createdAt: z.unknown().optional().meta({ description: 'Ignored (an export carries it).' }),
  updatedAt: z.unknown().optional().meta({ description: 'Ignored (an export carries it).' }),
};

/** One imported record: a create with a required externalId. */
export const seekerImportRecordSchema = seekerCreateSchema.extend({ externalId: externalIdSchema, ...readOnly }).strict().meta({ id: 'SeekerImportRecord' });
export const contactImportRecordSchema = contactCreateSchema.extend({ externalId: externalIdSchema, ...readOnly }).strict().meta({ id: 'ContactImportRecord' });

/** The JSON form of an import body, as OpenAPI shows it. Each record is checked on its own (a bad one is a rejected row). */
export const importJsonBody = (record: z.ZodType, id: string) =>
  z
    .object({ records: z.array(record).max(IMPORT_MAX_RECORDS) })
    .strict()
    .meta({ id, description: `Up to ${IMPORT_MAX_RECORDS} records, each upserted by its externalId.` });

const csvBody = z.string().meta({
  description:
    'text/csv (UTF-8, RFC 4180): a header row naming the fields (externalId required; id, createdAt, updatedAt accepted and ignored), one record per row. ' +
    'An empty cell clears the field (tags: none, mayUseName: false); a column left out of the header leaves the field as it is. tags is one cell, ' +
    "separated by ';'. A cell starting with ' followed by =, +, -, @, tab or CR loses that one ' (the export's guard against spreadsheet formulas).",
  example: 'externalId,name,email,organization,tags\ncrm-1,Pat Rivera,pat@example.com,"Acme, Inc.",alumni;data\n',
});

export const seekerImportBody = z.union([importJsonBody(seekerImportRecordSchema, 'SeekerImport'), csvBody]);
export const contactImportBody = z.union([importJsonBody(contactImportRecordSchema, 'ContactImport'), csvBody]);

/** The shape a JSON import body must have before its records are looked at one by one. */
export const importEnvelopeSchema = z.object({ records: z.array(z.unknown()) }).strict();

export const UPSERT_RESULTS = ['created', 'updated', 'unchanged'] as const;
export type UpsertResult = (typeof UPSERT_RESULTS)[number];
export const ROW_STATUSES = [...UPSERT_RESULTS, 'rejected'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

const rowErrorSchema = problemSchema.pick({ code: true, detail: true, violations: true });

export const importRowSchema = z.object({
  row: z.number().int().meta({ description: 'The record\'s position in the file, 1 for the first (a CSV header is not counted: row n is on spreadsheet line n + 1 when no cell spans lines).' }),
  externalId: z.string().nullable().meta({ description: 'As sent; null when the record had none (or it was not a string).' }),
  status: z.enum(ROW_STATUSES),
  id: z.string().optional().meta({ description: 'The record written or matched (not on rejected rows).' }),
  error: rowErrorSchema.optional().meta({ description: 'Why the row was rejected: the code and violations a single write would answer.' }),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importResultSchema = z
  .object({
    summary: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    results: z.array(importRowSchema).meta({ description: 'One entry per record, in file order.' }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResultSchema>;

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS).optional().meta({ description: 'csv or ndjson; without it, the Accept header chooses (application/x-ndjson), else csv.' }),
  })
  .strict();
