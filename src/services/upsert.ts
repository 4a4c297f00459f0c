import type { Sql, Tx } from '../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { camelRow } from '../db/rows.js';
import type { Contact, Seeker } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { ContactCreate, SeekerCreate } from '../schemas/people.js';
import type { UpsertResult } from '../schemas/sync.js';
import { contacts } from './contacts.js';
import type { TenantContext } from './context.js';
import { appendEvents, diff } from './events.js';
import { seekers } from './seekers.js';
import type { ContactView, SeekerView } from './serialize.js';

// Create-or-update by external id, for one record (PUT …/by-external-id/{id},
// GraphQL upsertSeeker/upsertContact) and for up to a few hundred at a time
// (the imports, services/import.ts): both run `syncRows`, so a row of a file
// behaves exactly as the PUT of that row would.
//
// - Merge semantics: the fields given are set, those left out are kept (on a
//   create they take their defaults); null clears. Nothing changed: nothing
//   written and no event. Events are those of the single writes:
//   `<kind>.created` with the record, `<kind>.updated` with `changes`.
// - Concurrency: the existing rows are locked first (FOR NO KEY UPDATE, in
//   externalId order), new ones are inserted with ON CONFLICT (institution_id,
//   external_id) DO NOTHING, and one that a concurrent writer inserted
//   meanwhile (the INSERT waits for it to commit) is then read and updated
//   instead: one row whatever the race, never a unique violation.
// - Lock order: record rows first, the institution's event counter last
//   (every event is appended after all the rows are written), the same order
//   as every other write, so a batch never deadlocks with them.
// - An erased seeker (services/privacy.ts) has no externalId any more, so it
//   cannot be matched: the same externalId makes a new seeker.

export type FieldType = 'text' | 'required' | 'tags' | 'boolean';

export interface SyncSpec<V extends { id: string } = { id: string }> {
  kind: 'seeker' | 'contact';
  label: string;
  table: 'seekers' | 'contacts';
  /** The writable fields besides externalId, in column (and export) order. */
  fields: Readonly<Record<string, FieldType>>;
  /** The public view of a raw (snake_case) row. */
  view: (raw: Record<string, unknown>) => V;
  /** References inside the transaction (a contact's introducer); throws AppError. */
  check?: (tx: Tx, ctx: TenantContext, input: Record<string, unknown>, id: string) => Promise<void>;
  /** The fields `check` looks at: it has nothing to do unless one of them is set (non-null). */
  checked?: readonly string[];
}

const contactCheck = contacts.spec.check;

export const SEEKER_SYNC: SyncSpec<SeekerView> = {
  kind: 'seeker',
  label: 'seeker',
  table: 'seekers',
  fields: { name: 'required', email: 'text', notes: 'text' },
  view: (raw) => seekers.spec.view(camelRow<Seeker>(raw)),
};

export const CONTACT_SYNC: SyncSpec<ContactView> = {
  kind: 'contact',
  label: 'contact',
  table: 'contacts',
  fields: {
    name: 'required',
    email: 'text',
    linkedinUrl: 'text',
    organization: 'text',
    title: 'text',
    field: 'text',
    howWeMet: 'text',
    introducedById: 'text',
    mayUseName: 'boolean',
    researchNotes: 'text',
    tags: 'tags',
  },
  view: (raw) => contacts.spec.view(camelRow<Contact>(raw)),
  ...(contactCheck && { check: (tx, ctx, input, id) => contactCheck(tx, ctx, input, id), checked: ['introducedById'] }),
};


/** One record to write: its externalId and its validated fields (externalId and undefined values left out). */
export interface SyncRow {
  externalId: string;
  input: Record<string, unknown>;
}

export type RowOutcome<V> =
  | { status: UpsertResult; view: V }
  | { status: 'rejected'; error: AppError; /** An unexpected database error, for the log. */ cause?: unknown };

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Where a batch runs: plain SQL on the driver, and Prisma's transaction client
 * when a row needs `check` (contacts.ts reads through Prisma). Statements
 * through Prisma cost about twice as much (bench/RESULTS.md, Import), so a
 * batch with nothing to check runs on the driver alone.
 */
export interface Runner {
  sql: Sql;
  tx: Tx | null;
}

const needsCheck = (spec: SyncSpec, input: Record<string, unknown>) => Boolean(spec.check && spec.checked?.some((f) => input[f] != null));

async function check(runner: Runner, ctx: TenantContext, spec: SyncSpec, input: Record<string, unknown>, id: string) {
  if (!needsCheck(spec, input)) return;
  if (!runner.tx) throw new Error(`a ${spec.label} check needs the Prisma transaction`);
  await spec.check!(runner.tx, ctx, input, id);
}

/** Runs `syncRows` in a transaction of its own, on the cheaper runner when it can. */
export function syncInTransaction<V extends { id: string }>(ctx: TenantContext, spec: SyncSpec<V>, rows: SyncRow[]): Promise<RowOutcome<V>[]> {
  if (rows.some((r) => needsCheck(spec, r.input))) {
    return ctx.db.transaction((tx) => syncRows({ tx, sql: { query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params) } }, ctx, spec, rows));
  }
  return ctx.db.sqlTransaction((sql) => syncRows({ sql, tx: null }, ctx, spec, rows));
}

// Arrays travel as JSON text: the same on pg and PGlite, whatever the driver
// makes of a JS array. One probe of the (institution_id, external_id) index
// per externalId, in the order given, which is also the order the row locks
// are taken in. The institution goes in as `(SELECT $1)` so that the planner
// does not see its value: with statistics taken before the institution had
// rows (as while a first import fills the table) it would otherwise estimate
// one row for it, tie the two institution indexes, and could pick
// (institution_id, id), filtering every row of the institution on each probe
// (100× slower at 10,000 contacts; bench/RESULTS.md, Import).
const LOCK_SQL = (spec: SyncSpec) => `
  SELECT r.* FROM jsonb_array_elements_text($2::jsonb) AS x(external_id)
  CROSS JOIN LATERAL (
    SELECT * FROM ${spec.table} WHERE institution_id = (SELECT $1::text) AND external_id = x.external_id FOR NO KEY UPDATE
  ) r`;

function insertSql(spec: SyncSpec): string {
  const fields = Object.entries(spec.fields);
  const sqlType = (t: FieldType) => (t === 'tags' ? 'jsonb' : t === 'boolean' ? 'boolean' : 'text');
  const value = ([f, t]: [string, FieldType]) =>
    t === 'tags' ? `ARRAY(SELECT jsonb_array_elements_text(r.${snake(f)}))` : t === 'boolean' ? `coalesce(r.${snake(f)}, false)` : `r.${snake(f)}`;
  return `
  INSERT INTO ${spec.table} (id, institution_id, external_id, ${fields.map(([f]) => snake(f)).join(', ')}, created_at, updated_at)
  SELECT r.id, $1, r.external_id, ${fields.map(value).join(', ')}, $2::timestamptz, $2::timestamptz
  FROM jsonb_to_recordset($3::jsonb) AS r(id text, external_id text, ${fields.map(([f, t]) => `${snake(f)} ${sqlType(t)}`).join(', ')})
  ON CONFLICT (institution_id, external_id) DO NOTHING
  RETURNING *`;
}
const INSERT_SQL = new Map<SyncSpec, string>();
const insertSqlOf = (spec: SyncSpec) => INSERT_SQL.get(spec) ?? INSERT_SQL.set(spec, insertSql(spec)).get(spec)!;

async function update(sql: Sql, spec: SyncSpec, id: string, changed: Record<string, unknown>, now: Date) {
  const keys = Object.keys(changed).filter((k) => Object.hasOwn(spec.fields, k));
  const set = keys.map((k, n) => (spec.fields[k] === 'tags' ? `${snake(k)} = ARRAY(SELECT jsonb_array_elements_text($${n + 3}::jsonb))` : `${snake(k)} = $${n + 3}`));
  const params = keys.map((k) => (spec.fields[k] === 'tags' ? JSON.stringify(changed[k] ?? []) : changed[k] ?? null));
  const [row] = await sql.query(`UPDATE ${spec.table} SET ${[...set, 'updated_at = $2::timestamptz'].join(', ')} WHERE id = $1 RETURNING *`, [id, now, ...params]);
  return row!;
}

/** The SQLSTATE of a driver error (pg, PGlite); Prisma's errors are read by db/errors.ts. */
const sqlState = (err: unknown) => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);

/** A write that failed in the database, as the single write would have answered it. */
function rowError(spec: SyncSpec, err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isUniqueViolation(err) || sqlState(err) === '23505') {
    return new AppError('external_id_taken', `Another ${spec.label} in this institution already has that externalId.`, {
      violations: [{ rule: 'unique', message: 'externalId must be unique', field: 'externalId' }],
    });
  }
  // The only reference a seeker or contact row holds: a contact's introducer, deleted meanwhile.
  if (isForeignKeyViolation(err) || sqlState(err) === '23503') {
    return new AppError('related_not_found', 'introducedById names a contact that no longer exists.', {
      violations: [{ rule: 'not_found', message: 'introducedById must name an existing contact', field: 'introducedById' }],
    });
  }
  return null;
}

const unexpected = (spec: SyncSpec) => new AppError('internal_error', `This ${spec.label} could not be written because of an unexpected error; it has been logged. The other rows are not affected.`);

let savepoints = 0;

/**
 * Writes the rows inside the caller's transaction and answers one outcome per
 * row, in order. First all at once; if the database refuses any statement,
 * that attempt is rolled back to a savepoint and the rows are written again
 * one savepoint each, so one bad row never loses the others.
 */
export async function syncRows<V extends { id: string }>(runner: Runner, ctx: TenantContext, spec: SyncSpec<V>, rows: SyncRow[]): Promise<RowOutcome<V>[]> {
  const name = `sync_${++savepoints}`;
  const { sql } = runner;
  await sql.query(`SAVEPOINT ${name}`);
  try {
    const outcomes = await attempt(runner, ctx, spec, rows, false);
    await sql.query(`RELEASE SAVEPOINT ${name}`);
    return outcomes;
  } catch {
    await sql.query(`ROLLBACK TO SAVEPOINT ${name}`);
    return attempt(runner, ctx, spec, rows, true);
  }
}

async function attempt<V extends { id: string }>(runner: Runner, ctx: TenantContext, spec: SyncSpec<V>, rows: SyncRow[], isolated: boolean): Promise<RowOutcome<V>[]> {
  const now = ctx.clock();
  const institutionId = ctx.tenant.id;
  const { sql } = runner;
  const outcomes: RowOutcome<V>[] = new Array<RowOutcome<V>>(rows.length);
  const events: { row: number; type: string; id: string; data: Record<string, unknown> }[] = [];

  // In isolated mode each row's statements run under a savepoint of their own.
  const guarded = async (row: number, fn: () => Promise<void>) => {
    if (!isolated) {
      try {
        await fn();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        outcomes[row] = { status: 'rejected', error: err };
      }
      return;
    }
    const name = `sync_row_${++savepoints}`;
    await sql.query(`SAVEPOINT ${name}`);
    try {
      await fn();
      await sql.query(`RELEASE SAVEPOINT ${name}`);
    } catch (err) {
      await sql.query(`ROLLBACK TO SAVEPOINT ${name}`);
      const error = rowError(spec, err);
      outcomes[row] = error ? { status: 'rejected', error } : { status: 'rejected', error: unexpected(spec), cause: err };
    }
  };

  const applyTo = async (i: number, raw: Record<string, unknown>) => {
    const before = spec.view(raw);
    const { input } = rows[i]!;
    const keys = Object.keys(input).filter((k) => Object.hasOwn(spec.fields, k));
    const fields: Record<string, unknown> = before;
    const changes = diff(fields, { ...fields, ...input }, keys);
    if (Object.keys(changes).length === 0) {
      outcomes[i] = { status: 'unchanged', view: before };
      return;
    }
    const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, input[k]]));
    await guarded(i, async () => {
      await check(runner, ctx, spec, changed, before.id);
      const view = spec.view(await update(sql, spec, before.id, changed, now));
      outcomes[i] = { status: 'updated', view };
      events.push({ row: i, type: `${spec.kind}.updated`, id: view.id, data: { [spec.kind]: view, changes } });
    });
  };

  // Rows in externalId order (the order their locks are taken in, by every batch).
  const order = rows.map((_, i) => i).sort((a, b) => (rows[a]!.externalId < rows[b]!.externalId ? -1 : rows[a]!.externalId > rows[b]!.externalId ? 1 : 0));
  const lock = async (ids: number[]) => {
    const found = await sql.query(LOCK_SQL(spec), [institutionId, JSON.stringify(ids.map((i) => rows[i]!.externalId))]);
    return new Map(found.map((r) => [r.external_id as string, r]));
  };

  const existing = await lock(order);
  const creates: { i: number; id: string }[] = [];
  for (const i of order) {
    const raw = existing.get(rows[i]!.externalId);
    if (raw) await applyTo(i, raw);
    else creates.push({ i, id: newId(spec.kind) });
  }

  // A new row has no id anyone could point at yet, so its check does not
  // depend on the other rows of the batch: check first, then insert together.
  const toInsert: typeof creates = [];
  for (const c of creates) {
    await guarded(c.i, async () => {
      await check(runner, ctx, spec, rows[c.i]!.input, c.id);
      toInsert.push(c);
    });
  }
  const inserted = new Map<string, Record<string, unknown>>();
  const insert = async (batch: typeof creates) => {
    const records = batch.map(({ i, id }) => {
      const { externalId, input } = rows[i]!;
      const rec: Record<string, unknown> = { id, external_id: externalId };
      for (const f of Object.keys(spec.fields)) if (input[f] !== undefined) rec[snake(f)] = input[f];
      return rec;
    });
    for (const r of await sql.query(insertSqlOf(spec), [institutionId, now, JSON.stringify(records)])) inserted.set(r.external_id as string, r);
  };
  if (isolated) for (const c of toInsert) await guarded(c.i, () => insert([c]));
  else if (toInsert.length) await insert(toInsert);

  const raced: number[] = [];
  for (const { i } of toInsert) {
    if (outcomes[i]) continue;
    const raw = inserted.get(rows[i]!.externalId);
    if (!raw) {
      raced.push(i);
      continue;
    }
    const view = spec.view(raw);
    outcomes[i] = { status: 'created', view };
    events.push({ row: i, type: `${spec.kind}.created`, id: view.id, data: { [spec.kind]: view } });
  }
  // Inserted by a concurrent writer after our lock and committed since: update it.
  if (raced.length) {
    const found = await lock(raced);
    for (const i of raced) {
      const raw = found.get(rows[i]!.externalId);
      if (raw) await applyTo(i, raw);
      else outcomes[i] = { status: 'rejected', error: new AppError('conflict', `The ${spec.label} with this externalId changed while this request ran (created and deleted); retry.`) };
    }
  }

  // Last, in row order: the institution's event counter is the last lock taken.
  events.sort((a, b) => a.row - b.row);
  await appendEvents(
    sql,
    institutionId,
    ctx.actor,
    now,
    events.map((e) => ({ type: e.type, subjectType: spec.kind, subjectId: e.id, data: e.data })),
  );
  return outcomes;
}

/** PUT by external id: one row through `syncRows`, in a transaction of its own. */
export async function upsertRecord<V extends { id: string }>(
  ctx: TenantContext,
  spec: SyncSpec<V>,
  externalId: string,
  input: Record<string, unknown>,
): Promise<{ result: UpsertResult; record: V }> {
  const fields = Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'externalId' && v !== undefined));
  const [outcome] = await syncInTransaction(ctx, spec, [{ externalId, input: fields }]);
  if (outcome!.status === 'rejected') {
    // An unexpected database error stays what it is (a logged 500), not a row's refusal.
    if (outcome!.cause !== undefined) throw outcome!.cause instanceof Error ? outcome!.cause : new Error('unexpected database error', { cause: outcome!.cause });
    throw outcome!.error;
  }
  return { result: outcome!.status, record: outcome!.view };
}

/** The body's externalId, when given, must be the path's. */
export function matchExternalId(pathId: string, bodyId: unknown, where: string): void {
  if (bodyId === undefined || bodyId === null || bodyId === pathId) return;
  throw new AppError('validation_failed', `The body's externalId (${JSON.stringify(bodyId)}) differs from the one in the ${where} (${JSON.stringify(pathId)}); leave it out or send the same.`, {
    violations: [{ rule: 'external_id_mismatch', message: `must equal the ${where}'s externalId`, field: where === 'path' ? 'body.externalId' : 'input.externalId' }],
  });
}

export const upsertSeeker = (ctx: TenantContext, externalId: string, input: Partial<SeekerCreate>) => upsertRecord(ctx, SEEKER_SYNC, externalId, input);
export const upsertContact = (ctx: TenantContext, externalId: string, input: Partial<ContactCreate>) => upsertRecord(ctx, CONTACT_SYNC, externalId, input);
