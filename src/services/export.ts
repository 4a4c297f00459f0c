import { Readable } from 'node:stream';
import type { ExportFormat } from '../schemas/sync.js';
import type { TenantContext } from './context.js';
import { csvColumns, csvLine, toCell } from './csv.js';
import { CONTACT_SYNC, type SyncSpec } from './upsert.js';

// GET /v1/contacts/export: every contact of the institution, streamed. Rows
// are read in keyset pages (id order, PAGE_SIZE at a time) and each page is
// written out before the next is read, so memory stays flat whatever the
// number of contacts; a slow reader holds the stream (back-pressure), not a
// growing buffer. Each page is its own statement, not one snapshot: a contact
// that exists for the whole export appears exactly once; one created or
// deleted while it runs may or may not.

export const PAGE_SIZE = 500;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

async function* pages(ctx: TenantContext, spec: SyncSpec): AsyncGenerator<Record<string, unknown>[]> {
  let after = '';
  for (;;) {
    const rows = await ctx.db.sql.query(`SELECT * FROM ${spec.table} WHERE institution_id = $1 AND id > $2 ORDER BY id LIMIT ${PAGE_SIZE}`, [ctx.tenant.id, after]);
    if (rows.length) yield rows.map((r) => spec.view(r));
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.id as string;
  }
}

async function* csv(ctx: TenantContext, spec: SyncSpec): AsyncGenerator<string> {
  const columns = csvColumns(spec);
  yield csvLine(columns);
  for await (const page of pages(ctx, spec)) yield page.map((v) => csvLine(columns.map((c) => toCell(v[c])))).join('');
}

async function* ndjson(ctx: TenantContext, spec: SyncSpec): AsyncGenerator<string> {
  for await (const page of pages(ctx, spec)) yield page.map((v) => `${JSON.stringify(v)}\n`).join('');
}

/** The institution's contacts as a stream of CSV or NDJSON text. */
export function exportContacts(ctx: TenantContext, format: ExportFormat): Readable {
  return Readable.from(format === 'csv' ? csv(ctx, CONTACT_SYNC) : ndjson(ctx, CONTACT_SYNC), { objectMode: false });
}

/** The format a request asks for: `format` when given, else the Accept header (NDJSON only when it prefers it), else CSV. */
export function exportFormat(format: ExportFormat | undefined, accept: string | undefined): ExportFormat {
  if (format) return format;
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  const nd = types.findIndex((t) => t === 'application/x-ndjson' || t === 'application/ndjson');
  const csvAt = types.indexOf('text/csv');
  return nd !== -1 && (csvAt === -1 || nd < csvAt) ? 'ndjson' : 'csv';
}
