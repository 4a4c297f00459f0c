import { parse } from 'csv-parse/sync';
import { AppError, type Violation } from '../errors.js';
import { READ_ONLY_FIELDS } from '../schemas/sync.js';
import type { FieldType, SyncSpec } from './upsert.js';

// The CSV form of seekers and contacts, one definition for the import and the
// export so that an export re-imports unchanged:
// - columns: id, externalId, the writable fields, createdAt, updatedAt
//   (an import ignores id, createdAt and updatedAt);
// - an empty cell is null (text), no tags, or false (mayUseName); tags are
//   one cell separated by ';'; booleans are true/false (import: also 1/0, yes/no);
// - RFC 4180: cells with a comma, quote, CR or LF are quoted, quotes doubled,
//   lines end with CRLF;
// - spreadsheet formulas (OWASP "CSV injection"): the export puts a ' before
//   a cell that starts with =, +, -, @, tab or CR (or with 's and then one of
//   those), so a spreadsheet shows it as text; the import takes exactly one '
//   off such a cell, so the two are inverses.

const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export const guardCell = (s: string) => (FORMULA.test(s) ? `'${s}` : s);
export const unguardCell = (s: string) => (GUARDED.test(s) ? s.slice(1) : s);

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF-terminated) of already-formatted cells. */
export const csvLine = (cells: readonly string[]) => `${cells.map((c) => quote(guardCell(c))).join(',')}\r\n`;

/** The export's columns for a record type, in order. */
export function csvColumns(spec: SyncSpec): string[] {
  return ['id', 'externalId', ...Object.keys(spec.fields), 'createdAt', 'updatedAt'];
}

export function toCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function fromCell(type: FieldType | 'externalId', cell: string): unknown {
  const text = unguardCell(cell);
  switch (type) {
    case 'externalId':
    case 'required':
      // Empty stays a string, so the schema says "must not be empty" / "too small".
      return text;
    case 'text':
      return text === '' ? null : text;
    case 'tags':
      return text
        .split(';')
        .map((t) => t.trim())
        .filter(Boolean);
    case 'boolean':
      if (text.trim() === '') return false;
      if (/^(true|1|yes)$/i.test(text.trim())) return true;
      if (/^(false|0|no)$/i.test(text.trim())) return false;
      // Left as text: the schema refuses it as "expected boolean".
      return text;
  }
}

export interface CsvRecords {
  /** One entry per record: the fields, or why the row cannot be read. */
  records: ({ ok: true; record: Record<string, unknown> } | { ok: false; externalId: string | null; error: AppError })[];
}

/** Reads a CSV import into records of the spec's fields; a problem with the file as a whole throws (400). */
export function parseCsv(text: string, spec: SyncSpec): CsvRecords {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] });
  } catch (err) {
    throw new AppError('malformed_csv', `The CSV could not be read: ${(err as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header) throw new AppError('malformed_csv', 'The CSV is empty: it needs a header row naming the fields, externalId among them.');

  // Header names match the field names, ignoring case and surrounding spaces.
  const known = new Map<string, string>();
  for (const f of ['externalId', ...Object.keys(spec.fields), ...READ_ONLY_FIELDS]) known.set(f.toLowerCase(), f);
  const violations: Violation[] = [];
  const columns: (string | null)[] = [];
  const seen = new Set<string>();
  header.forEach((raw, n) => {
    const name = known.get(raw.trim().toLowerCase());
    if (!name) violations.push({ rule: 'unknown_column', message: `column ${n + 1} ("${raw}") is not a ${spec.label} field`, field: `header.${raw}` });
    else if (seen.has(name)) violations.push({ rule: 'duplicate_column', message: `column ${n + 1} repeats "${name}"`, field: `header.${raw}` });
    if (name) seen.add(name);
    columns.push(name && !(READ_ONLY_FIELDS as readonly string[]).includes(name) ? name : null);
  });
  if (!seen.has('externalId')) violations.push({ rule: 'required_column', message: 'the header must name externalId: rows are matched by it', field: 'header.externalId' });
  if (violations.length) {
    const fields = [...Object.keys(spec.fields), 'externalId'].join(', ');
    throw new AppError('validation_failed', `The CSV header is not valid: ${violations.map((v) => v.message).join('; ')}. Columns are ${fields} (and id, createdAt, updatedAt, ignored).`, {
      violations,
    });
  }

  const externalIdAt = columns.indexOf('externalId');
  return {
    records: data.map((cells) => {
      if (cells.length !== header.length) {
        const externalId = cells[externalIdAt] !== undefined ? unguardCell(cells[externalIdAt]) : null;
        return {
          ok: false as const,
          externalId,
          error: new AppError('validation_failed', `This row has ${cells.length} cells and the header ${header.length}; a cell with a comma, quote or line break must be quoted.`, {
            violations: [{ rule: 'column_count', message: `expected ${header.length} cells, got ${cells.length}`, field: 'row' }],
          }),
        };
      }
      const record: Record<string, unknown> = {};
      columns.forEach((name, n) => {
        if (name) record[name] = fromCell(name === 'externalId' ? 'externalId' : spec.fields[name]!, cells[n]!);
      });
      return { ok: true as const, record };
    }),
  };
}
