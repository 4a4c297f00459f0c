import { Prisma } from '../generated/prisma/client.js';
import { AppError, notFound } from '../errors.js';
import type { TenantContext } from './context.js';
import { toEventView } from './events.js';
import { decodeCursor, encodeCursor } from './pagination.js';

async function sequenceOf(ctx: TenantContext, eventId: string): Promise<number> {
  const ev = await ctx.db.prisma.event.findFirst({ where: { id: eventId, institutionId: ctx.tenant.id }, select: { sequence: true } });
  if (!ev) throw new AppError('invalid_cursor', `No event ${eventId} exists here to continue after.`);
  return ev.sequence;
}

/**
 * The institution's change feed, in strictly ascending `sequence`. Because a
 * sequence is taken under the institution row lock and released at commit,
 * what a reader sees is always a prefix: no later event shows before an
 * earlier one commits.
 */
export async function eventFeed(ctx: TenantContext, q: { after?: string | undefined; types?: string | undefined; limit: number }) {
  const after = q.after ? await sequenceOf(ctx, q.after) : 0;
  const types = q.types?.split(',');
  const rows = await ctx.db.prisma.event.findMany({
    where: { institutionId: ctx.tenant.id, sequence: { gt: after }, ...(types && { type: { in: types } }) },
    orderBy: { sequence: 'asc' },
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(toEventView);
  return { data: items, nextCursor: more ? items[items.length - 1]!.id : null };
}

/** One interview's timeline, oldest first. */
export async function interviewTimeline(ctx: TenantContext, interviewId: string, q: { limit: number; cursor?: string | undefined }) {
  const exists = await ctx.db.prisma.interview.findFirst({ where: { id: interviewId, institutionId: ctx.tenant.id }, select: { id: true } });
  if (!exists) throw notFound('interview', interviewId);
  const after = q.cursor ? await sequenceOf(ctx, decodeCursor(q.cursor, 'evt')) : 0;
  const rows = await ctx.db.prisma.event.findMany({
    where: { institutionId: ctx.tenant.id, interviewId, sequence: { gt: after } },
    orderBy: { sequence: Prisma.SortOrder.asc },
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(toEventView);
  return { data: items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
}
