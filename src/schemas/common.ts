import { z } from 'zod';
import { storableText } from '../domain/index.js';
import { ID_PREFIXES, idPattern, type IdKind } from '../ids.js';

// Shared pieces of the public contract. Every input is a strict object, so an
// unknown field is an error rather than silently dropped.

export const idOf = (kind: IdKind) =>
  z
    .string()
    .regex(idPattern(ID_PREFIXES[kind]), `must be a ${kind} id (${ID_PREFIXES[kind]}_…)`)
    .meta({ example: `${ID_PREFIXES[kind]}_01jdz3v4k8q2w5e7r9t1y3a5b7` });

export const idParams = (kind: IdKind) => z.object({ id: idOf(kind) }).strict();

export const text = (max: number) => storableText(max).min(1);
export const optionalText = (max: number) => text(max).nullish();
export const timestamp = z.iso.datetime({ offset: true }).meta({ example: '2026-12-01T15:00:00Z' });

export const pageQuery = z
  .object({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100')
      .transform(Number)
      .pipe(z.number().int().min(1).max(100))
      .optional()
      .transform((n) => n ?? 20)
      .meta({ description: 'Page size, 1–100 (default 20).' }),
    cursor: z.string().min(1).max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  })
  .strict();

/** Most ids one `ids` filter takes: a page's worth. */
export const MAX_IDS = 100;

/**
 * An `ids` filter: `?ids=skr_…,skr_…` fetches those records in one call (a
 * page's people, say) instead of one GET each.
 */
export const idsFilter = (kind: IdKind) =>
  z
    .string()
    .max(MAX_IDS * 40)
    .transform((v) => v.split(','))
    .pipe(z.array(idOf(kind)).min(1).max(MAX_IDS, `at most ${MAX_IDS} ids`))
    .optional()
    .meta({
      description: `Only these ${kind}s: up to ${MAX_IDS} ids, comma-separated. Ids that do not exist here are left out, not an error; the page is in id order like the whole list.`,
      example: `${ID_PREFIXES[kind]}_01jdz3v4k8q2w5e7r9t1y3a5b7,${ID_PREFIXES[kind]}_01jdz3v4k8q2w5e7r9t1y3a5b8`,
    });

/** A list's query with the `ids` filter. */
export const recordListQuery = (kind: IdKind) => pageQuery.extend({ ids: idsFilter(kind) }).strict();

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last one.' }),
  });

export const textMatchSchema = z
  .object({
    text: z.string().meta({ description: 'The words the rule found, as written.' }),
    start: z.number().int().meta({ description: 'Where they start in the field, as a JavaScript string index (UTF-16 code units).' }),
    end: z.number().int().meta({ description: 'Where they end: `value.slice(start, end)` is `text`.' }),
  })
  .meta({ id: 'TextMatch', description: 'Where in a text field a rule found what it reports, for highlighting.' });

export const violationSchema = z.object({
  rule: z.string(),
  message: z.string(),
  field: z.string().optional(),
  match: textMatchSchema.optional(),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    violations: z.array(violationSchema).optional(),
    advisories: z.array(violationSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, with a stable `code`.' });

export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });
