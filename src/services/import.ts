import type { z } from 'zod';
import { AppError } from '../errors.js';
import { validationError } from '../graphql/validate.js';
import {
  contactImportRecordSchema,
  importEnvelopeSchema,
  IMPORT_MAX_RECORDS,
  READ_ONLY_FIELDS,
  seekerImportRecordSchema,
  type ImportResult,
  type ImportRow,
} from '../schemas/sync.js';
import type { TenantContext } from './context.js';
import { parseCsv } from './csv.js';
import { CONTACT_SYNC, SEEKER_SYNC, syncInTransaction, type SyncRow, type SyncSpec } from './upsert.js';

// Bulk import: up to IMPORT_MAX_RECORDS records as JSON ({ "records": [...] })
// or CSV (services/csv.ts), each upserted by externalId exactly as
// PUT …/by-external-id/{externalId} would (services/upsert.ts), and answered
// row by row. A problem with the file as a whole (not JSON of that shape, not
// CSV, a bad header, too many records) is refused before anything is written;
// a problem with a row rejects that row only.
//
// Rows are written in transactions of CHUNK_SIZE, each row isolated inside
// its transaction (syncRows): a chunk commits on its own, so the embedded
// database (one connection) serves other requests between chunks, and no
// transaction comes near its 15 s limit.

export const CHUNK_SIZE = 250;

export type ImportSource = { format: 'json'; body: unknown } | { format: 'csv'; text: string };

interface Kind {
  spec: SyncSpec;
  schema: z.ZodType;
}
const KINDS: Record<'seeker' | 'contact', Kind> = {
  seeker: { spec: SEEKER_SYNC, schema: seekerImportRecordSchema },
  contact: { spec: CONTACT_SYNC, schema: contactImportRecordSchema },
};

export interface ImportOutcome {
  result: ImportResult;
  /** Rows refused by an unexpected database error, with the error, for the log. */
  failures: { row: number; cause: unknown }[];
}

type Pending = { ok: true; row: SyncRow } | { ok: false; externalId: string | null; error: AppError };

function externalIdOf(record: unknown): string | null {
  const v = record !== null && typeof record === 'object' ? (record as Record<string, unknown>).externalId : undefined;
  return typeof v === 'string' ? v : null;
}

function rowErrorView(error: AppError): NonNullable<ImportRow['error']> {
  // A violation of the record as a whole (not an object) names no field.
  const violations = error.violations?.map(({ field, ...v }) => (field ? { ...v, field } : v));
  return { code: error.code, detail: error.message, ...(violations && { violations }) };
}

type Rejected = Extract<Pending, { ok: false }>;
/** A record of the body, or a CSV row that could not even be read as one. */
type Raw = { ok: true; record: unknown } | Rejected;

/** The records of the body, or (thrown) the reason the body as a whole is refused. */
function recordsOf(source: ImportSource, spec: SyncSpec): Raw[] {
  if (source.format === 'csv') return parseCsv(source.text, spec).records;
  const envelope = importEnvelopeSchema.safeParse(source.body);
  if (!envelope.success) {
    const err = validationError(envelope.error, 'body');
    throw new AppError('validation_failed', `The body must be {"records": [...]}: ${err.message}`, { ...(err.violations && { violations: err.violations }) });
  }
  return envelope.data.records.map((record) => ({ ok: true, record }));
}

export async function importRecords(ctx: TenantContext, kind: 'seeker' | 'contact', source: ImportSource): Promise<ImportOutcome> {
  const { spec, schema } = KINDS[kind];
  const raw = recordsOf(source, spec);
  if (raw.length > IMPORT_MAX_RECORDS) {
    throw new AppError('too_many_records', `This import has ${raw.length} records; one import takes at most ${IMPORT_MAX_RECORDS}. Split the file; nothing was written.`, {
      extra: { records: raw.length, maxRecords: IMPORT_MAX_RECORDS },
    });
  }

  // Each record checked on its own, as a single write's body would be.
  const firstRowOf = new Map<string, number>();
  const pending: Pending[] = raw.map((r, n) => {
    if (!r.ok) return r;
    const { record } = r;
    const externalId = externalIdOf(record);
    const parsed = schema.safeParse(record);
    if (!parsed.success) return { ok: false, externalId, error: validationError(parsed.error, '') };
    const data = parsed.data as Record<string, unknown>;
    const id = data.externalId as string;
    const first = firstRowOf.get(id);
    if (first !== undefined) {
      return {
        ok: false,
        externalId,
        error: new AppError('external_id_taken', `Row ${first} of this file already has externalId ${JSON.stringify(id)}; each externalId may appear once per import, and this row was not written.`, {
          violations: [{ rule: 'duplicate_in_file', message: `same externalId as row ${first}`, field: 'externalId' }],
        }),
      };
    }
    firstRowOf.set(id, n + 1);
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) {
      if (k !== 'externalId' && v !== undefined && !(READ_ONLY_FIELDS as readonly string[]).includes(k)) input[k] = v;
    }
    return { ok: true, row: { externalId: id, input } };
  });

  const results: ImportRow[] = pending.map((p, n) =>
    p.ok ? { row: n + 1, externalId: p.row.externalId, status: 'rejected' } : { row: n + 1, externalId: p.externalId, status: 'rejected', error: rowErrorView(p.error) },
  );
  const failures: ImportOutcome['failures'] = [];
  const writable = pending.flatMap((p, n) => (p.ok ? [{ n, row: p.row }] : []));
  for (let start = 0; start < writable.length; start += CHUNK_SIZE) {
    const chunk = writable.slice(start, start + CHUNK_SIZE);
    const outcomes = await syncInTransaction(ctx, spec, chunk.map((c) => c.row));
    outcomes.forEach((o, k) => {
      const n = chunk[k]!.n;
      if (o.status === 'rejected') {
        results[n] = { ...results[n]!, error: rowErrorView(o.error) };
        if (o.cause !== undefined) failures.push({ row: n + 1, cause: o.cause });
      } else {
        results[n] = { ...results[n]!, status: o.status, id: o.view.id };
      }
    });
  }

  const summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of results) summary[r.status]++;
  return { result: { summary, results }, failures };
}
