import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { InterviewListQuery, InterviewView } from '../schemas/interviews.js';
import type { TenantContext } from './context.js';
import { toEventView, type EventView } from './events.js';
import { loadInterviews, toInterview } from './interview-rows.js';
import { interviewConditions } from './interviews.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { toContact, toSeeker, type ContactView, type SeekerView } from './serialize.js';

// Batch reads for GraphQL's loaders: many ids in, one query out, so a list of
// 50 interviews with their seekers and contacts costs the same SQL as 5. Every
// query is scoped by the caller's institution: another tenant's id simply
// finds nothing. Views are the same as the single-record reads.

export async function seekersByIds(ctx: TenantContext, ids: readonly string[]): Promise<SeekerView[]> {
  const rows = await ctx.db.prisma.seeker.findMany({ where: { institutionId: ctx.tenant.id, id: { in: [...ids] } } });
  return rows.map(toSeeker);
}

export async function contactsByIds(ctx: TenantContext, ids: readonly string[]): Promise<ContactView[]> {
  const rows = await ctx.db.prisma.contact.findMany({ where: { institutionId: ctx.tenant.id, id: { in: [...ids] } } });
  return rows.map(toContact);
}

/** Contacts introduced by any of these contacts (the referral graph), oldest first. */
export async function contactsIntroducedBy(ctx: TenantContext, ids: readonly string[]): Promise<ContactView[]> {
  const rows = await ctx.db.prisma.contact.findMany({
    where: { institutionId: ctx.tenant.id, introducedById: { in: [...ids] } },
    orderBy: { id: 'asc' },
  });
  return rows.map(toContact);
}

export async function interviewsByIds(ctx: TenantContext, ids: readonly string[]): Promise<InterviewView[]> {
  const where = Prisma.sql`i.institution_id = ${ctx.tenant.id} AND i.id IN (${Prisma.join([...ids])})`;
  const now = ctx.clock();
  return (await loadInterviews(ctx.db.prisma, where, ids.length)).map((l) => toInterview(l, ctx.tenant, now));
}

/** Interviews created by add_referral from any of these interviews, oldest first. */
export async function interviewsReferredFrom(ctx: TenantContext, ids: readonly string[]): Promise<InterviewView[]> {
  const where = Prisma.sql`i.institution_id = ${ctx.tenant.id} AND i.referred_from_interview_id IN (${Prisma.join([...ids])})`;
  const now = ctx.clock();
  // Referrals per interview are few; the cap only bounds a pathological graph.
  return (await loadInterviews(ctx.db.prisma, where, 1_000)).map((l) => toInterview(l, ctx.tenant, now));
}

export async function countInterviews(ctx: TenantContext, q: Omit<InterviewListQuery, 'limit' | 'cursor'>): Promise<number> {
  const rows = await ctx.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM interviews i WHERE ${interviewConditions(ctx, q)}`;
  return Number(rows[0]?.n ?? 0);
}

export async function countSeekers(ctx: TenantContext, ids?: string[]): Promise<number> {
  return ctx.db.prisma.seeker.count({ where: { institutionId: ctx.tenant.id, ...(ids && { id: { in: ids } }) } });
}

export async function countContacts(ctx: TenantContext, ids?: string[]): Promise<number> {
  return ctx.db.prisma.contact.count({ where: { institutionId: ctx.tenant.id, ...(ids && { id: { in: ids } }) } });
}

export interface TimelinePage {
  data: EventView[];
  nextCursor: string | null;
}

/**
 * The first `limit` events after `cursor` of each interview's timeline, in one
 * query for all of them (a window per interview). Same pages as
 * interviewTimeline for one interview.
 */
export async function timelines(
  ctx: TenantContext,
  interviewIds: readonly string[],
  q: { limit: number; cursor?: string | undefined },
): Promise<Map<string, TimelinePage>> {
  let after = 0;
  if (q.cursor) {
    const id = decodeCursor(q.cursor, 'evt');
    const ev = await ctx.db.prisma.event.findFirst({ where: { id, institutionId: ctx.tenant.id }, select: { sequence: true } });
    if (!ev) throw new AppError('invalid_cursor', `No event ${id} exists here to continue after.`);
    after = ev.sequence;
  }
  const rows = await ctx.db.prisma.$queryRaw<{ id: string; interview_id: string; type: string; created_at: Date; sequence: number; data: unknown }[]>`
    SELECT id, interview_id, type, created_at, sequence, data FROM (
      SELECT e.*, row_number() OVER (PARTITION BY e.interview_id ORDER BY e.sequence) AS rn
      FROM events e
      WHERE e.institution_id = ${ctx.tenant.id} AND e.interview_id IN (${Prisma.join([...interviewIds])}) AND e.sequence > ${after}
    ) w WHERE w.rn <= ${q.limit + 1} ORDER BY w.interview_id, w.sequence`;
  const pages = new Map<string, TimelinePage>(interviewIds.map((id) => [id, { data: [], nextCursor: null }]));
  for (const r of rows) {
    const page = pages.get(r.interview_id)!;
    if (page.data.length === q.limit) {
      page.nextCursor = encodeCursor(page.data[page.data.length - 1]!.id);
      continue;
    }
    page.data.push(toEventView({ id: r.id, type: r.type, createdAt: r.created_at, sequence: r.sequence, data: r.data }));
  }
  return pages;
}

// For subscriptions, which follow one institution's log by sequence.

/** The last sequence committed for an institution (0 before any event). */
export async function latestSequence(db: Database, institutionId: string): Promise<number> {
  const row = await db.prisma.institution.findUnique({ where: { id: institutionId }, select: { eventSeq: true } });
  return row?.eventSeq ?? 0;
}

/** The sequence of one of the institution's events, or null. */
export async function eventSequence(db: Database, institutionId: string, eventId: string): Promise<number | null> {
  const ev = await db.prisma.event.findFirst({ where: { id: eventId, institutionId }, select: { sequence: true } });
  return ev?.sequence ?? null;
}

export async function eventsAfter(db: Database, institutionId: string, sequence: number, limit: number): Promise<EventView[]> {
  const rows = await db.prisma.event.findMany({
    where: { institutionId, sequence: { gt: sequence } },
    orderBy: { sequence: 'asc' },
    take: limit,
  });
  return rows.map(toEventView);
}
