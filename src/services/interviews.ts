import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../db/database.js';
import { dueDates } from '../domain/index.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { InterviewCreate, InterviewListQuery, InterviewPatch, InterviewView } from '../schemas/interviews.js';
import type { TenantContext } from './context.js';
import { appendEvent, diff, type EventView } from './events.js';
import { loadInterview, loadInterviews, snapshot, toInterview, type LoadedInterview } from './interview-rows.js';
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

export async function lockInterview(tx: Tx, ctx: TenantContext, id: string): Promise<LoadedInterview> {
  const loaded = await loadInterview(tx, ctx.tenant.id, id, true);
  if (!loaded) throw notFound('interview', id);
  return loaded;
}

/** Inserts a new interview in `prospect` plus its `interview.created` event; used by create and add_referral. */
export async function insertInterview(
  tx: Tx,
  ctx: TenantContext,
  now: Date,
  input: InterviewCreate & { referredFromInterviewId?: string },
): Promise<{ view: InterviewView; event: EventView }> {
  const id = newId('interview');
  await tx.interview.create({
    data: {
      id,
      institutionId: ctx.tenant.id,
      seekerId: input.seekerId,
      contactId: input.contactId,
      topics: input.topics ?? [],
      questions: input.questions ?? [],
      notes: input.notes ?? null,
      referredFromInterviewId: input.referredFromInterviewId ?? null,
      createdAt: now,
      updatedAt: now,
    },
  });
  const loaded = (await loadInterview(tx, ctx.tenant.id, id))!;
  const view = toInterview(loaded, ctx.tenant, now);
  const event = await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
    type: 'interview.created',
    subjectType: 'interview',
    subjectId: id,
    interviewId: id,
    data: { interview: view },
  });
  return { view, event };
}

export async function createInterview(ctx: TenantContext, input: InterviewCreate): Promise<InterviewView> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [seeker, contact] = await Promise.all([
      tx.seeker.findFirst({ where: { id: input.seekerId, institutionId: ctx.tenant.id }, select: { id: true } }),
      tx.contact.findFirst({ where: { id: input.contactId, institutionId: ctx.tenant.id }, select: { id: true } }),
    ]);
    const missing = [
      ...(seeker ? [] : [{ rule: 'not_found', message: `no seeker ${input.seekerId} here`, field: 'seekerId' }]),
      ...(contact ? [] : [{ rule: 'not_found', message: `no contact ${input.contactId} here`, field: 'contactId' }]),
    ];
    if (missing.length) throw new AppError('related_not_found', 'The interview names a seeker or contact that does not exist here.', { violations: missing });
    return (await insertInterview(tx, ctx, now, input)).view;
  });
}

export async function getInterview(ctx: TenantContext, id: string): Promise<InterviewView> {
  const loaded = await loadInterview(ctx.db.prisma, ctx.tenant.id, id);
  if (!loaded) throw notFound('interview', id);
  return toInterview(loaded, ctx.tenant, ctx.clock());
}

export async function listInterviews(ctx: TenantContext, q: InterviewListQuery) {
  const conds: Prisma.Sql[] = [Prisma.sql`i.institution_id = ${ctx.tenant.id}`];
  if (q.cursor) conds.push(Prisma.sql`i.id > ${decodeCursor(q.cursor, 'int')}`);
  if (q.state) conds.push(Prisma.sql`i.state IN (${Prisma.join(q.state)})`);
  if (q.seekerId) conds.push(Prisma.sql`i.seeker_id = ${q.seekerId}`);
  if (q.contactId) conds.push(Prisma.sql`i.contact_id = ${q.contactId}`);
  if (q.updatedSince) conds.push(Prisma.sql`i.updated_at >= ${new Date(q.updatedSince)}`);
  const rows = await loadInterviews(ctx.db.prisma, Prisma.join(conds, ' AND '), q.limit + 1);
  const now = ctx.clock();
  const { items, nextCursor } = page(rows.map((r) => ({ ...r, id: r.row.id })), q.limit);
  return { data: items.map((l) => toInterview(l, ctx.tenant, now)), nextCursor };
}

const PATCHABLE = ['topics', 'questions', 'notes'] as const;

/** Edits the seeker's own working notes: no state change, an `interview.updated` event. */
export async function updateInterview(ctx: TenantContext, id: string, patch: InterviewPatch, opts: Versioned = {}) {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const loaded = await lockInterview(tx, ctx, id);
    checkVersion(loaded.row.version, opts.expectedVersion);
    const before = loaded.row;
    const changes = diff(before, { ...before, ...patch }, PATCHABLE.filter((k) => k in patch));
    if (Object.keys(changes).length === 0) return toInterview(loaded, ctx.tenant, now);
    const data = Object.fromEntries(Object.keys(changes).map((k) => [k, patch[k as keyof InterviewPatch] ?? null]));
    const row = await tx.interview.update({ where: { id }, data: { ...data, version: { increment: 1 }, updatedAt: now } });
    const view = toInterview({ row, contact: loaded.contact }, ctx.tenant, now);
    await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
      type: 'interview.updated',
      subjectType: 'interview',
      subjectId: id,
      interviewId: id,
      data: { interview: view, changes },
    });
    return view;
  });
}

/** Recomputes the stored due dates that the scheduler and due-date filters index. */
export function dueColumns(loaded: LoadedInterview, ctx: TenantContext) {
  return dueDates(snapshot(loaded.row, loaded.contact), ctx.tenant.policy, ctx.tenant.timeZone);
}
