// Test-only: proves a migrated database matches prisma/schema.prisma without
// Prisma's schema engine (`prisma migrate diff` needs it and it can't be
// downloaded here).
//
// 1. The schema is parsed by Prisma's own parser: the prisma-schema wasm that
//    ships inside the installed `prisma` package (build/prisma_schema_build_bg.wasm,
//    the module the CLI uses for `validate`/`format`/`generate`). The package
//    exposes no JS entry for it, so a minimal wasm-bindgen glue for `get_dmmf`
//    lives here. If a Prisma upgrade changes that glue's ABI, loading fails
//    with a message saying so, never with a silently empty model.
// 2. The database is read from information_schema / pg_catalog through a
//    SqlSession, so PostgreSQL and PGlite are checked by the same code.
// 3. checkDrift() compares the two and returns one readable line per
//    difference, each naming the table (and column / index) concerned.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqlSession } from '../../src/db/sql-session.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));
export const MIGRATIONS_TABLE = '_prisma_migrations';

// ---------------------------------------------------------------------------
// DMMF (the subset this check reads)

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema?: string | null;
  fields: DmmfField[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}

export interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

// ---------------------------------------------------------------------------
// Prisma's schema parser (wasm), loaded from the installed prisma package

interface WasmImport {
  module: string;
  name: string;
}
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(m: object): WasmImport[] };
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}
interface SchemaWasm {
  memory: { buffer: ArrayBuffer };
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, len: number, align: number): void;
  __wbindgen_externrefs: { get(i: number): unknown; set(i: number, v: unknown): void; grow(n: number): number };
  __externref_table_dealloc(i: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): unknown;
}

let schemaWasm: { exports: SchemaWasm; lastPanic: () => string } | undefined;

function prismaPackageDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('prisma/package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  return { dir: path.dirname(pkgJson), version };
}

function loadSchemaWasm(): { exports: SchemaWasm; lastPanic: () => string } {
  if (schemaWasm) return schemaWasm;
  const { dir, version } = prismaPackageDir();
  const file = path.join(dir, 'build', 'prisma_schema_build_bg.wasm');
  const abiError = (why: string) =>
    new Error(`Cannot use Prisma's schema parser from prisma@${version} (${file}): ${why}. ` +
      'Its wasm-bindgen ABI changed; update the glue in test/helpers/schema-introspect.ts.');
  const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const mod = new WA.Module(readFileSync(file));

  // Filled in once the instance exists; the imports below read it lazily.
  const state: { ex?: SchemaWasm; panic: string } = { panic: '' };
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  const text = (ptr: number, len: number) => {
    if (!state.ex) throw new Error('schema wasm not initialised');
    return decoder.decode(new Uint8Array(state.ex.memory.buffer).subarray(ptr >>> 0, (ptr >>> 0) + len));
  };
  // The import names carry a hash that changes between builds; match on the stable prefix.
  const handlers: [string, (name: string) => unknown][] = [
    ['__wbg_Error_', () => (ptr: number, len: number) => new Error(text(ptr, len))],
    ['__wbg___wbindgen_throw_', () => (ptr: number, len: number) => { throw new Error(text(ptr, len)); }],
    ['__wbg_set_message_', () => (ptr: number, len: number) => { state.panic = text(ptr, len); }],
    ['__wbindgen_init_externref_table', () => () => {
      const table = state.ex!.__wbindgen_externrefs;
      const base = table.grow(4);
      table.set(0, undefined);
      table.set(base, undefined);
      table.set(base + 1, null);
      table.set(base + 2, true);
      table.set(base + 3, false);
    }],
  ];
  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of WA.Module.imports(mod)) {
    const handler = handlers.find(([prefix]) => imp.name.startsWith(prefix));
    if (!handler) throw abiError(`unknown import ${imp.module}.${imp.name}`);
    (imports[imp.module] ??= {})[imp.name] = handler[1](imp.name);
  }
  const exports = new WA.Instance(mod, imports).exports;
  for (const name of ['memory', '__wbindgen_malloc', '__wbindgen_free', '__wbindgen_externrefs', '__externref_table_dealloc', '__wbindgen_start', 'get_dmmf']) {
    if (!(name in exports)) throw abiError(`export ${name} is missing`);
  }
  const ex = (state.ex = exports as unknown as SchemaWasm);
  ex.__wbindgen_start();
  schemaWasm = { exports: ex, lastPanic: () => state.panic };
  return schemaWasm;
}

/** Prisma's DMMF for a schema source, from Prisma's own parser and validator. */
export function getDmmf(source: string, fileName = 'schema.prisma'): { datamodel: Datamodel } {
  const { exports: ex, lastPanic } = loadSchemaWasm();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: [[fileName, source]], noColor: true }));
  const ptr = ex.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(ex.memory.buffer).set(input, ptr);
  let result: unknown;
  try {
    result = ex.get_dmmf(ptr, input.length);
  } catch (err) {
    throw new Error(`Prisma's schema parser crashed: ${lastPanic() || String(err)}`);
  }
  if (!Array.isArray(result) || result.length !== 4) throw new Error('get_dmmf returned an unexpected shape (wasm-bindgen ABI changed?)');
  const [outPtr, outLen, errIndex, isErr] = result as [number, number, number, number];
  if (isErr) {
    const err = ex.__wbindgen_externrefs.get(errIndex);
    ex.__externref_table_dealloc(errIndex);
    const message = err instanceof Error ? err.message : String(err);
    let detail = message;
    try {
      detail = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch { /* not JSON */ }
    throw new Error(`schema.prisma does not validate:\n${detail}`);
  }
  try {
    const decoded = new TextDecoder().decode(new Uint8Array(ex.memory.buffer).subarray(outPtr >>> 0, (outPtr >>> 0) + outLen));
    return JSON.parse(decoded) as { datamodel: Datamodel };
  } finally {
    ex.__wbindgen_free(outPtr, outLen, 1);
  }
}

export function loadDatamodel(schemaPath = SCHEMA_PATH): Datamodel {
  return getDmmf(readFileSync(schemaPath, 'utf8'), path.basename(schemaPath)).datamodel;
}

// ---------------------------------------------------------------------------
// What the database should contain, derived from the DMMF

export type ExpectedDefault =
  | { kind: 'none' }
  | { kind: 'now' }
  | { kind: 'sequence' }
  /** A literal: compared after both sides are cast to the column type and back to text. */
  | { kind: 'value'; literal: string; shown: string }
  | { kind: 'expression'; sql: string | null };

export interface ExpectedColumn {
  table: string;
  name: string;
  source: string; // "Model.field Type?" for messages
  /** format_type() of the column, or for enums the type's name. */
  type: string;
  isEnum: boolean;
  isList: boolean;
  nullable: boolean | 'either';
  default: ExpectedDefault;
}

export interface ExpectedIndex {
  table: string;
  kind: 'primary' | 'unique' | 'index';
  name: string;
  columns: string[];
  descending: boolean[];
  method: string;
  source: string;
}

export interface ExpectedForeignKey {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
  source: string;
}

export interface ExpectedDatabase {
  tables: Map<string, { model: string; columns: Map<string, ExpectedColumn> }>;
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
  enums: Map<string, string[]>;
}

const PG_MAX_IDENT = 63;

/** Prisma's default constraint/index names (psl ConstraintNames), PostgreSQL's 63-byte limit. */
export function defaultConstraintName(table: string, columns: string[], suffix: '_pkey' | '_key' | '_idx' | '_fkey'): string {
  if (suffix === '_pkey') {
    const room = PG_MAX_IDENT - suffix.length;
    return `${table.length >= room ? table.slice(0, room) : table}${suffix}`;
  }
  let base = `${table}_${columns.join('_')}`;
  if (base.length >= PG_MAX_IDENT - suffix.length) base = base.slice(0, PG_MAX_IDENT - suffix.length);
  return base + suffix;
}

function nativeTypeSql(field: DmmfField, where: string): string {
  const [name, args] = field.nativeType ?? [null, []];
  const p = args.length ? `(${args.join(',')})` : '';
  if (name === null) {
    const scalar: Record<string, string> = {
      String: 'text', Int: 'integer', BigInt: 'bigint', Float: 'double precision', Decimal: 'numeric(65,30)',
      Boolean: 'boolean', DateTime: 'timestamp(3) without time zone', Json: 'jsonb', Bytes: 'bytea',
    };
    const t = scalar[field.type];
    if (!t) throw new Error(`${where}: no PostgreSQL mapping for Prisma type ${field.type}; extend test/helpers/schema-introspect.ts`);
    return t;
  }
  const native: Record<string, string> = {
    Text: 'text', VarChar: `character varying${p}`, Char: `character${p}`, Uuid: 'uuid', Xml: 'xml', Inet: 'inet',
    Citext: 'citext', Bit: `bit${p}`, VarBit: `bit varying${p}`,
    Integer: 'integer', SmallInt: 'smallint', BigInt: 'bigint', Oid: 'oid',
    DoublePrecision: 'double precision', Real: 'real', Decimal: `numeric${p}`, Money: 'money',
    Boolean: 'boolean', Json: 'json', JsonB: 'jsonb', ByteA: 'bytea',
    Timestamp: `timestamp${p} without time zone`, Timestamptz: `timestamp${p} with time zone`,
    Date: 'date', Time: `time${p} without time zone`, Timetz: `time${p} with time zone`,
  };
  const t = native[name];
  if (!t) throw new Error(`${where}: no mapping for @db.${name}; extend test/helpers/schema-introspect.ts`);
  return t;
}

function pgArrayLiteral(items: unknown[]): string {
  return `{${items.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

function expectedDefault(field: DmmfField, enumValue: (v: string) => string, where: string): ExpectedDefault {
  if (!field.hasDefaultValue) return { kind: 'none' };
  const d = field.default;
  if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
    const fn = d as { name: string; args: unknown[] };
    switch (fn.name) {
      case 'now': return { kind: 'now' };
      case 'autoincrement': return { kind: 'sequence' };
      case 'dbgenerated': return { kind: 'expression', sql: typeof fn.args[0] === 'string' ? fn.args[0] : null };
      // Generated by Prisma Client, not by the database.
      case 'uuid': case 'cuid': case 'ulid': case 'nanoid': return { kind: 'none' };
      default: throw new Error(`${where}: @default(${fn.name}()) is not handled; extend test/helpers/schema-introspect.ts`);
    }
  }
  const scalar = (v: unknown) => (field.kind === 'enum' ? enumValue(String(v)) : typeof v === 'string' ? v : JSON.stringify(v));
  if (Array.isArray(d)) return { kind: 'value', literal: pgArrayLiteral(d.map(scalar)), shown: JSON.stringify(d) };
  if (field.type === 'Bytes') throw new Error(`${where}: Bytes defaults are not handled; extend test/helpers/schema-introspect.ts`);
  return { kind: 'value', literal: scalar(d), shown: JSON.stringify(d) };
}

export function expectedDatabase(dm: Datamodel): ExpectedDatabase {
  const tableOf = new Map(dm.models.map((m) => [m.name, m.dbName ?? m.name]));
  const enumsByName = new Map(dm.enums.map((e) => [e.name, e]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field);
    if (!f) throw new Error(`${model.name}: no field ${field}`);
    return f.dbName ?? f.name;
  };
  const tables: ExpectedDatabase['tables'] = new Map();
  const foreignKeys: ExpectedForeignKey[] = [];

  for (const model of dm.models) {
    if (model.schema) throw new Error(`${model.name}: multiSchema (@@schema) is not handled by the drift check`);
    const table = tableOf.get(model.name)!;
    const columns = new Map<string, ExpectedColumn>();
    for (const f of model.fields) {
      const where = `${model.name}.${f.name}`;
      if (f.kind === 'object') {
        if (f.relationFromFields?.length) {
          const target = dm.models.find((m) => m.name === f.type)!;
          foreignKeys.push({
            table,
            columns: f.relationFromFields.map((x) => columnOf(model, x)),
            refTable: tableOf.get(f.type)!,
            refColumns: (f.relationToFields ?? []).map((x) => columnOf(target, x)),
            // Prisma's defaults: SetNull for an optional relation, Restrict for a required one; onUpdate Cascade.
            onDelete: f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull'),
            onUpdate: f.relationOnUpdate ?? 'Cascade',
            source: `${where} @relation`,
          });
        }
        continue;
      }
      if (f.kind === 'unsupported') throw new Error(`${where}: Unsupported(...) fields are not handled by the drift check`);
      const e = f.kind === 'enum' ? enumsByName.get(f.type) : undefined;
      const enumValue = (v: string) => e?.values.find((x) => x.name === v)?.dbName ?? v;
      const base = e ? (e.dbName ?? e.name) : nativeTypeSql(f, where);
      const name = f.dbName ?? f.name;
      columns.set(name, {
        table,
        name,
        source: `${where} ${f.type}${f.isList ? '[]' : f.isRequired ? '' : '?'}`,
        type: e ? (f.isList ? `_${base}` : base) : f.isList ? `${base}[]` : base,
        isEnum: Boolean(e),
        isList: f.isList,
        // Prisma's own SQL leaves scalar lists nullable; its differ accepts either.
        nullable: f.isList ? 'either' : !f.isRequired,
        default: expectedDefault(f, enumValue, where),
      });
    }
    tables.set(table, { model: model.name, columns });
  }

  const indexes: ExpectedIndex[] = dm.indexes.map((ix) => {
    const model = dm.models.find((m) => m.name === ix.model)!;
    const table = tableOf.get(ix.model)!;
    if (ix.type === 'fulltext') throw new Error(`${ix.model}: @@fulltext is not a PostgreSQL index`);
    const kind = ix.type === 'id' ? 'primary' : ix.type === 'unique' ? 'unique' : 'index';
    const columns = ix.fields.map((f) => columnOf(model, f.name));
    const suffix = kind === 'primary' ? '_pkey' : kind === 'unique' ? '_key' : '_idx';
    const attr = kind === 'primary' ? (ix.isDefinedOnField ? '@id' : '@@id') : kind === 'unique' ? (ix.isDefinedOnField ? '@unique' : '@@unique') : '@@index';
    return {
      table,
      kind,
      name: ix.dbName ?? defaultConstraintName(table, columns, suffix),
      columns,
      descending: ix.fields.map((f) => f.sortOrder === 'desc'),
      method: (ix.algorithm ?? 'BTree').toLowerCase(),
      source: `${attr}([${ix.fields.map((f) => f.name).join(', ')}]) on ${ix.model}`,
    };
  });

  const enums = new Map(dm.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
  return { tables, indexes, foreignKeys, enums };
}

// ---------------------------------------------------------------------------
// What the database does contain

export interface ActualColumn {
  table: string;
  name: string;
  dataType: string; // information_schema data_type, e.g. ARRAY
  udtName: string; // e.g. _text
  formatted: string; // format_type(), e.g. timestamp(3) with time zone
  nullable: boolean;
  default: string | null;
}

export interface ActualIndex {
  table: string;
  name: string;
  primary: boolean;
  unique: boolean;
  method: string;
  columns: (string | null)[]; // null: an expression
  descending: boolean[];
  partial: boolean;
}

export interface ActualForeignKey {
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface ActualDatabase {
  tables: Set<string>;
  columns: ActualColumn[];
  indexes: ActualIndex[];
  foreignKeys: ActualForeignKey[];
  enums: Map<string, string[]>;
}

const ACTIONS: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

// Arrays travel as json: both drivers parse json, not every driver parses name[].
export async function introspect(session: SqlSession): Promise<ActualDatabase> {
  const tables = await session.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const columns = await session.query<{
    table_name: string; column_name: string; data_type: string; udt_name: string;
    formatted: string; is_nullable: string; column_default: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
            format_type(a.atttypid, a.atttypmod) AS formatted
     FROM information_schema.columns c
     JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema
     JOIN pg_catalog.pg_class t ON t.relnamespace = n.oid AND t.relname = c.table_name
     JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attname = c.column_name
     WHERE c.table_schema = current_schema()
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const indexes = await session.query<{
    table_name: string; index_name: string; primary: boolean; unique: boolean; method: string;
    columns: (string | null)[]; descending: boolean[]; partial: boolean;
  }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisprimary AS primary, ix.indisunique AS unique,
            am.amname AS method, ix.indpred IS NOT NULL AS partial,
            to_json(ARRAY(
              SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
              LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
              WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord)) AS columns,
            to_json(ARRAY(
              SELECT (o.opt & 1) = 1 FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord)
              WHERE o.ord <= ix.indnkeyatts ORDER BY o.ord)) AS descending
     FROM pg_catalog.pg_index ix
     JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
     JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_catalog.pg_am am ON am.oid = i.relam
     WHERE n.nspname = current_schema()`,
  );
  const fks = await session.query<{
    name: string; table_name: string; ref_table: string; columns: string[]; ref_columns: string[];
    on_delete: string; on_update: string;
  }>(
    `SELECT con.conname AS name, t.relname AS table_name, rt.relname AS ref_table,
            to_json(ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)) AS columns,
            to_json(ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)) AS ref_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
     FROM pg_catalog.pg_constraint con
     JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
     JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  const enums = await session.query<{ name: string; labels: string[] }>(
    `SELECT ty.typname::text AS name,
            to_json(ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = ty.oid ORDER BY e.enumsortorder)) AS labels
     FROM pg_catalog.pg_type ty JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace
     WHERE ty.typtype = 'e' AND n.nspname = current_schema()`,
  );
  return {
    tables: new Set(tables.map((r) => r.table_name)),
    columns: columns.map((r) => ({
      table: r.table_name, name: r.column_name, dataType: r.data_type, udtName: r.udt_name,
      formatted: r.formatted, nullable: r.is_nullable === 'YES', default: r.column_default,
    })),
    indexes: indexes.map((r) => ({
      table: r.table_name, name: r.index_name, primary: r.primary, unique: r.unique, method: r.method,
      columns: r.columns, descending: r.descending, partial: r.partial,
    })),
    foreignKeys: fks.map((r) => ({
      name: r.name, table: r.table_name, columns: r.columns, refTable: r.ref_table, refColumns: r.ref_columns,
      onDelete: ACTIONS[r.on_delete] ?? r.on_delete, onUpdate: ACTIONS[r.on_update] ?? r.on_update,
    })),
    enums: new Map(enums.map((r) => [r.name, r.labels])),
  };
}

// ---------------------------------------------------------------------------
// The comparison

const q = (s: string) => `"${s}"`;
const cols = (c: (string | null)[]) => `(${c.map((x) => (x === null ? '<expression>' : q(x))).join(', ')})`;
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

async function canonical(session: SqlSession, sql: string, params: unknown[] = []): Promise<string | Error> {
  try {
    const [row] = await session.query<{ v: string | null }>(sql, params);
    return row?.v ?? 'NULL';
  } catch (err) {
    return err as Error;
  }
}

async function compareDefault(session: SqlSession, c: ExpectedColumn, actual: string | null): Promise<string | null> {
  const at = `column ${q(c.table)}.${q(c.name)} (${c.source})`;
  const exp = c.default;
  if (exp.kind === 'none') return actual === null ? null : `${at}: has DEFAULT ${actual} but schema.prisma has no @default`;
  if (actual === null) return `${at}: has no DEFAULT, schema.prisma has @default(${exp.kind === 'value' ? exp.shown : exp.kind === 'now' ? 'now()' : exp.kind === 'sequence' ? 'autoincrement()' : 'dbgenerated(...)'})`;
  switch (exp.kind) {
    case 'now':
      return /^(now\(\)|CURRENT_TIMESTAMP(\(\d\))?|transaction_timestamp\(\))$/i.test(actual) ? null : `${at}: DEFAULT ${actual}, expected CURRENT_TIMESTAMP / now()`;
    case 'sequence':
      return /^nextval\(/i.test(actual) ? null : `${at}: DEFAULT ${actual}, expected nextval(...) for autoincrement()`;
    case 'expression':
      return exp.sql === null || squash(exp.sql) === squash(actual) ? null : `${at}: DEFAULT ${actual}, expected dbgenerated(${JSON.stringify(exp.sql)})`;
    case 'value': {
      if (/^nextval\(/i.test(actual)) return `${at}: DEFAULT ${actual}, expected ${exp.shown}`;
      // Both sides through the column's type and back to text: 0 = '0'::integer, '{}'::jsonb = '{ }'.
      const type = c.isEnum ? `${q(c.type.replace(/^_/, ''))}${c.isList ? '[]' : ''}` : c.type;
      const want = await canonical(session, `SELECT ($1::text::${type})::text AS v`, [exp.literal]);
      const got = await canonical(session, `SELECT (${actual})::text AS v`);
      if (want instanceof Error) return `${at}: @default(${exp.shown}) is not a valid ${type}: ${want.message}`;
      if (got instanceof Error) return `${at}: DEFAULT ${actual} could not be evaluated: ${got.message}`;
      return want === got ? null : `${at}: DEFAULT ${actual} (= ${got}), expected @default(${exp.shown}) (= ${want})`;
    }
  }
}

/**
 * Every difference between the database behind `session` and the datamodel,
 * one line each, naming the table and column/index. [] means no drift.
 */
export async function checkDrift(session: SqlSession, dm: Datamodel): Promise<string[]> {
  const expected = expectedDatabase(dm);
  const actual = await introspect(session);
  const out: string[] = [];

  // Tables
  for (const [table, { model }] of expected.tables) {
    if (!actual.tables.has(table)) out.push(`table ${q(table)} is missing (model ${model})`);
  }
  for (const table of actual.tables) {
    if (table !== MIGRATIONS_TABLE && !expected.tables.has(table)) out.push(`table ${q(table)} is in the database but no model maps to it`);
  }
  if (!actual.tables.has(MIGRATIONS_TABLE)) out.push(`table ${q(MIGRATIONS_TABLE)} is missing`);

  // Columns
  for (const [table, { columns }] of expected.tables) {
    if (!actual.tables.has(table)) continue;
    const inDb = new Map(actual.columns.filter((c) => c.table === table).map((c) => [c.name, c]));
    for (const [name, c] of columns) {
      const a = inDb.get(name);
      const at = `column ${q(table)}.${q(name)} (${c.source})`;
      if (!a) {
        out.push(`${at}: missing`);
        continue;
      }
      const gotType = c.isEnum ? a.udtName : a.formatted;
      if (gotType !== c.type) out.push(`${at}: type ${a.formatted} (data_type ${a.dataType}, udt ${a.udtName}), expected ${c.type}`);
      if (c.nullable !== 'either' && a.nullable !== c.nullable) out.push(`${at}: ${a.nullable ? 'nullable' : 'NOT NULL'}, expected ${c.nullable ? 'nullable' : 'NOT NULL'}`);
      const d = await compareDefault(session, c, a.default);
      if (d) out.push(d);
    }
    for (const name of inDb.keys()) {
      if (!columns.has(name)) out.push(`column ${q(table)}.${q(name)} is in the database but not in model ${expected.tables.get(table)!.model}`);
    }
  }

  // Indexes: primary keys, unique and plain indexes, matched by table, kind and columns.
  const kindOf = (i: ActualIndex) => (i.primary ? 'primary' : i.unique ? 'unique' : 'index');
  const label = { primary: 'primary key', unique: 'unique index', index: 'index' } as const;
  const remaining = actual.indexes.filter((i) => i.table !== MIGRATIONS_TABLE);
  for (const e of expected.indexes) {
    const k = remaining.findIndex((a) => a.table === e.table && kindOf(a) === e.kind && same(a.columns, e.columns));
    if (k < 0) {
      out.push(`${label[e.kind]} ${q(e.name)} on ${q(e.table)}${cols(e.columns)} is missing (${e.source})`);
      continue;
    }
    const [a] = remaining.splice(k, 1) as [ActualIndex];
    const at = `${label[e.kind]} on ${q(e.table)}${cols(e.columns)} (${e.source})`;
    if (a.name !== e.name) out.push(`${at}: named ${q(a.name)}, Prisma expects ${q(e.name)}`);
    if (!same(a.descending, e.descending)) out.push(`${at}: sort order ${JSON.stringify(a.descending.map((d) => (d ? 'desc' : 'asc')))}, expected ${JSON.stringify(e.descending.map((d) => (d ? 'desc' : 'asc')))}`);
    if (a.method !== e.method) out.push(`${at}: uses ${a.method}, expected ${e.method}`);
    if (a.partial) out.push(`${at}: is a partial index (WHERE ...), which schema.prisma cannot express`);
  }
  for (const a of remaining) {
    out.push(`${label[kindOf(a)]} ${q(a.name)} on ${q(a.table)}${cols(a.columns)} is in the database but not in schema.prisma`);
  }

  // Foreign keys (names are not compared: the DMMF does not carry @relation(map:)).
  const fks = [...actual.foreignKeys];
  for (const e of expected.foreignKeys) {
    const k = fks.findIndex((a) => a.table === e.table && same(a.columns, e.columns));
    const desc = `foreign key ${q(e.table)}${cols(e.columns)} -> ${q(e.refTable)}${cols(e.refColumns)} (${e.source})`;
    if (k < 0) {
      out.push(`${desc} is missing`);
      continue;
    }
    const [a] = fks.splice(k, 1) as [ActualForeignKey];
    if (a.refTable !== e.refTable || !same(a.refColumns, e.refColumns)) out.push(`${desc}: references ${q(a.refTable)}${cols(a.refColumns)} instead`);
    if (a.onDelete !== e.onDelete) out.push(`${desc}: ON DELETE ${a.onDelete}, expected ${e.onDelete}`);
    if (a.onUpdate !== e.onUpdate) out.push(`${desc}: ON UPDATE ${a.onUpdate}, expected ${e.onUpdate}`);
  }
  for (const a of fks) out.push(`foreign key ${q(a.name)} on ${q(a.table)}${cols(a.columns)} is in the database but not in schema.prisma`);

  // Enums
  for (const [name, values] of expected.enums) {
    const got = actual.enums.get(name);
    if (!got) out.push(`enum type ${q(name)} is missing`);
    else if (!same(got, values)) out.push(`enum type ${q(name)}: values ${JSON.stringify(got)}, expected ${JSON.stringify(values)}`);
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) out.push(`enum type ${q(name)} is in the database but not in schema.prisma`);
  }
  return out;
}
