import { Prisma } from '../generated/prisma/client.js';
import type { Sql } from '../db/database.js';
import { dueDates, nextReminderAt } from '../domain/index.js';
import { AppError, notFound, seekerErased } from '../errors.js';
import { newId } from '../ids.js';
import type { InterviewCreate, InterviewListQuery, InterviewPatch, InterviewView } from '../schemas/interviews.js';
import type { TenantContext } from './context.js';
import { appendEvent, diff, type EventView } from './events.js';
import { loadInterview, loadInterviews, reminderBasis, snapshot, toInterview, updateInterviewRow, type LoadedInterview } from './interview-rows.js';
import { decodeCursor, page } from './pagination.js';

export interface Versioned {
  /** From If-Match (REST) or expectedVersion (GraphQL): refuse with 412 when stale. */
  expectedVersion?: number | undefined;
}

export function checkVersion(actual: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== actual) {
    throw new AppError('version_conflict', `The interview is at version ${actual}, not ${expected}; read it again and retry.`, {
      extra: { currentVersion: actual },
    });
  }
}

export async function lockInterview(sql: Sql, ctx: TenantContext, id: string): Promise<LoadedInterview> {
  const loaded = await loadInterview(sql, ctx.tenant.id, id, true);
  if (!loaded) throw notFound('interview', id);
  // Erasure (services/privacy.ts) marks the row under this same lock: free.
  if (loaded.row.erasedAt) throw seekerErased(loaded.row.seekerId);
  return loaded;
}

/** Inserts a new interview in `prospect` plus its `interview.created` event; used by create and add_referral. */
export async function insertInterview(
  sql: Sql,
  ctx: TenantContext,
  now: Date,
  input: InterviewCreate & { referredFromInterviewId?: string },
): Promise<{ view: InterviewView; event: EventView }> {
  const id = newId('interview');
  await sql.query(
    `INSERT INTO interviews (id, institution_id, seeker_id, contact_id, topics, questions, notes, referred_from_interview_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [id, ctx.tenant.id, input.seekerId, input.contactId, input.topics ?? [], input.questions ?? [], input.notes ?? null, input.referredFromInterviewId ?? null, now],
  );
  const loaded = (await loadInterview(sql, ctx.tenant.id, id))!;
  const view = toInterview(loaded, ctx.tenant, now);
  const event = await appendEvent(sql, ctx.tenant.id, ctx.actor, now, {
    type: 'interview.created',
    subjectType: 'interview',
    subjectId: id,
    interviewId: id,
    data: { interview: view },
  });
  return { view, event };
}

export async function createInterview(ctx: TenantContext, input: InterviewCreate): Promise<InterviewView> {
  return (await createInterviewWithEvent(ctx, input)).view;
}

/** createInterview, also answering the `interview.created` event (GraphQL's payload carries it). */
export async function createInterviewWithEvent(ctx: TenantContext, input: InterviewCreate): Promise<{ view: InterviewView; event: EventView }> {
  const now = ctx.clock();
  return ctx.db.sqlTransaction(async (sql) => {
    const [found] = await sql.query<{ seeker: boolean; contact: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM seekers WHERE id = $1 AND institution_id = $3) AS seeker,
              EXISTS (SELECT 1 FROM contacts WHERE id = $2 AND institution_id = $3) AS contact`,
      [input.seekerId, input.contactId, ctx.tenant.id],
    );
    const seeker = found?.seeker;
    const contact = found?.contact;
    const missing = [
      ...(seeker ? [] : [{ rule: 'not_found', message: `no seeker ${input.seekerId} here`, field: 'seekerId' }]),
      ...(contact ? [] : [{ rule: 'not_found', message: `no contact ${input.contactId} here`, field: 'contactId' }]),
    ];
    if (missing.length) throw new AppError('related_not_found', 'The interview names a seeker or contact that does not exist here.', { violations: missing });
    // Held to commit, as the foreign key's own lock: an erasure running now
    // either waits for this interview (and erases it) or is seen here.
    const [s] = await sql.query<{ erased_at: Date | null }>('SELECT erased_at FROM seekers WHERE id = $1 FOR KEY SHARE', [input.seekerId]);
    if (s?.erased_at) throw seekerErased(input.seekerId);
    return insertInterview(sql, ctx, now, input);
  });
}

export async function getInterview(ctx: TenantContext, id: string): Promise<InterviewView> {
  const loaded = await loadInterview(ctx.db.sql, ctx.tenant.id, id);
  if (!loaded) throw notFound('interview', id);
  return toInterview(loaded, ctx.tenant, ctx.clock());
}

/** The WHERE clause of an interview list (alias `i`); a count of the same list uses it too. */
export function interviewConditions(ctx: TenantContext, q: Omit<InterviewListQuery, 'limit'>): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`i.institution_id = ${ctx.tenant.id}`];
  if (q.cursor) conds.push(Prisma.sql`i.id > ${decodeCursor(q.cursor, 'int')}`);
  if (q.ids) conds.push(Prisma.sql`i.id IN (${Prisma.join(q.ids)})`);
  if (q.state) conds.push(Prisma.sql`i.state IN (${Prisma.join(q.state)})`);
  if (q.seekerId) conds.push(Prisma.sql`i.seeker_id = ${q.seekerId}`);
  if (q.contactId) conds.push(Prisma.sql`i.contact_id = ${q.contactId}`);
  if (q.updatedSince) conds.push(Prisma.sql`i.updated_at >= ${new Date(q.updatedSince)}`);
  conds.push(...dueConditions(q, ctx.clock()));
  return Prisma.join(conds, ' AND ');
}

// The four stored due dates; each is set only while its state needs it.
const DUE_DATE_COLUMNS = ['confirm_by', 'thank_you_due_by', 'next_follow_up_due_at', 'request_expires_at'].map((c) => Prisma.raw(`i.${c}`));

/**
 * An OR over the four columns, each compared on its own: with
 * `institution_id = $tenant` beside it, PostgreSQL can answer each arm from
 * its (institution_id, column) index and BitmapOr them. A COALESCE or
 * LEAST over the columns would hide them from the indexes.
 */
function anyDue(test: (column: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(DUE_DATE_COLUMNS.map(test), ' OR ')})`;
}

function dueConditions(q: Omit<InterviewListQuery, 'limit'>, now: Date): Prisma.Sql[] {
  const at = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
  const conds: Prisma.Sql[] = [];
  const [after, before] = [at(q.dueAfter), at(q.dueBefore)];
  if (after && before) conds.push(anyDue((c) => Prisma.sql`(${c} >= ${after} AND ${c} < ${before})`));
  else if (after) conds.push(anyDue((c) => Prisma.sql`${c} >= ${after}`));
  else if (before) conds.push(anyDue((c) => Prisma.sql`${c} < ${before}`));
  const single: [string | undefined, string, '<' | '>='][] = [
    [q.thankYouDueBefore, 'thank_you_due_by', '<'],
    [q.followUpDueBefore, 'next_follow_up_due_at', '<'],
    [q.confirmByAfter, 'confirm_by', '>='],
    [q.confirmByBefore, 'confirm_by', '<'],
    [q.requestExpiresBefore, 'request_expires_at', '<'],
  ];
  for (const [bound, column, op] of single) {
    if (bound !== undefined) conds.push(Prisma.sql`${Prisma.raw(`i.${column} ${op}`)} ${new Date(bound)}`);
  }
  // Overdue: the due instant has arrived (≤ now), as the agenda and the reminders count it.
  if (q.overdue === true) conds.push(anyDue((c) => Prisma.sql`${c} <= ${now}`));
  if (q.overdue === false) conds.push(Prisma.sql`NOT ${anyDue((c) => Prisma.sql`COALESCE(${c} <= ${now}, false)`)}`);
  return conds;
}

export async function listInterviews(ctx: TenantContext, q: InterviewListQuery) {
  const rows = await loadInterviews(ctx.db.prisma, interviewConditions(ctx, q), q.limit + 1);
  const now = ctx.clock();
  const { items, nextCursor } = page(rows.map((r) => ({ ...r, id: r.row.id })), q.limit);
  return { data: items.map((l) => toInterview(l, ctx.tenant, now)), nextCursor };
}

const PATCHABLE = ['topics', 'questions', 'notes'] as const;

/** Edits the seeker's own working notes: no state change, an `interview.updated` event. */
export async function updateInterview(ctx: TenantContext, id: string, patch: InterviewPatch, opts: Versioned = {}) {
  const now = ctx.clock();
  return ctx.db.sqlTransaction(async (sql) => {
    const loaded = await lockInterview(sql, ctx, id);
    checkVersion(loaded.row.version, opts.expectedVersion);
    const before = loaded.row;
    const changes = diff(before, { ...before, ...patch }, PATCHABLE.filter((k) => k in patch));
    if (Object.keys(changes).length === 0) return toInterview(loaded, ctx.tenant, now);
    const data = Object.fromEntries(Object.keys(changes).map((k) => [k, patch[k as keyof InterviewPatch] ?? null]));
    const row = await updateInterviewRow(sql, id, { ...data, updatedAt: now });
    const view = toInterview({ row, contact: loaded.contact }, ctx.tenant, now);
    await appendEvent(sql, ctx.tenant.id, ctx.actor, now, {
      type: 'interview.updated',
      subjectType: 'interview',
      subjectId: id,
      interviewId: id,
      data: { interview: view, changes },
    });
    return view;
  });
}

/**
 * Recomputes the stored due dates the list filters index, and when the
 * scheduler should next look at the interview (a reminder already due goes
 * out on its next pass).
 */
export function dueColumns(loaded: LoadedInterview, ctx: TenantContext, now: Date) {
  const { policy, timeZone } = ctx.tenant;
  const due = dueDates(snapshot(loaded.row, loaded.contact), policy, timeZone);
  return { ...due, nextReminderAt: nextReminderAt(reminderBasis({ ...loaded.row, ...due }), policy, timeZone, now, true) };
}
