import type { Tx } from '../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { AppError, notFound } from '../errors.js';
import { newId, type IdKind } from '../ids.js';
import type { TenantContext } from './context.js';
import { appendEvent, diff } from './events.js';
import { decodeCursor, page } from './pagination.js';
import { ID_PREFIXES } from '../ids.js';

// Seekers and contacts are plain records with the same lifecycle: create,
// read, list, patch, delete, each write appending its `<kind>.*` event in the
// same transaction. One implementation serves both.

interface Row {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

// The slice of a Prisma model delegate used here. Prisma's own delegate types
// are generic per model and don't unify, hence the cast at the call sites.
export interface Delegate<R> {
  create(args: { data: Record<string, unknown> }): Promise<R>;
  findFirst(args: { where: Record<string, unknown> }): Promise<R | null>;
  findMany(args: { where: Record<string, unknown>; orderBy: { id: 'asc' }; take: number }): Promise<R[]>;
  update(args: { where: { id: string }; data: Record<string, unknown> }): Promise<R>;
  delete(args: { where: { id: string } }): Promise<R>;
}

export interface RecordSpec<R extends Row, V extends Record<string, unknown>, C extends Record<string, unknown>> {
  kind: Extract<IdKind, 'seeker' | 'contact'>;
  label: string;
  delegate: (tx: Tx) => Delegate<R>;
  view: (row: R) => V;
  /** Checks references inside the transaction; throws AppError. */
  check?: (tx: Tx, ctx: TenantContext, input: Partial<C>, id: string) => Promise<void>;
  /** Runs first in update, in its transaction: may lock the row and refuse any write (an erased seeker). */
  beforeUpdate?: (tx: Tx, ctx: TenantContext, id: string) => Promise<void>;
}

export function recordService<R extends Row, V extends Record<string, unknown>, C extends Record<string, unknown>>(spec: RecordSpec<R, V, C>) {
  const eventType = (verb: string) => `${spec.kind}.${verb}`;
  const event = (id: string, data: Record<string, unknown>) => ({ subjectType: spec.kind, subjectId: id, data });

  async function load(tx: Tx, ctx: TenantContext, id: string): Promise<R> {
    const row = await spec.delegate(tx).findFirst({ where: { id, institutionId: ctx.tenant.id } });
    if (!row) throw notFound(spec.label, id);
    return row;
  }

  async function write<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await ctx.db.transaction(fn);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('external_id_taken', `Another ${spec.label} in this institution already has that externalId.`, {
          violations: [{ rule: 'unique', message: 'externalId must be unique', field: 'externalId' }],
        });
      }
      if (isForeignKeyViolation(err)) {
        throw new AppError('resource_in_use', `This ${spec.label} still has interviews; cancel or close them and keep the record, or delete the interviews first.`);
      }
      throw err;
    }
  }

  return {
    /** The record's definition, for the bulk paths that share its view and checks (services/upsert.ts). */
    spec,

    async create(ctx: TenantContext, input: C): Promise<V> {
      const now = ctx.clock();
      const id = newId(spec.kind);
      return write(ctx, async (tx) => {
        await spec.check?.(tx, ctx, input, id);
        const row = await spec.delegate(tx).create({ data: { ...input, id, institutionId: ctx.tenant.id, createdAt: now, updatedAt: now } });
        const view = spec.view(row);
        await appendEvent(tx, ctx.tenant.id, ctx.actor, now, { type: eventType('created'), ...event(id, { [spec.kind]: view }) });
        return view;
      });
    },

    async get(ctx: TenantContext, id: string): Promise<V> {
      const row = await spec.delegate(ctx.db.prisma).findFirst({ where: { id, institutionId: ctx.tenant.id } });
      if (!row) throw notFound(spec.label, id);
      return spec.view(row);
    },

    async list(ctx: TenantContext, q: { limit: number; cursor?: string | undefined; ids?: string[] | undefined }) {
      const where: Record<string, unknown> = { institutionId: ctx.tenant.id };
      if (q.cursor || q.ids) {
        where.id = { ...(q.cursor && { gt: decodeCursor(q.cursor, ID_PREFIXES[spec.kind]) }), ...(q.ids && { in: q.ids }) };
      }
      const rows = await spec.delegate(ctx.db.prisma).findMany({ where, orderBy: { id: 'asc' }, take: q.limit + 1 });
      const { items, nextCursor } = page(rows, q.limit);
      return { data: items.map(spec.view), nextCursor };
    },

    async update(ctx: TenantContext, id: string, patch: Partial<C>): Promise<V> {
      const now = ctx.clock();
      return write(ctx, async (tx) => {
        await spec.beforeUpdate?.(tx, ctx, id);
        const before = await load(tx, ctx, id);
        await spec.check?.(tx, ctx, patch, id);
        const beforeView = spec.view(before);
        const changes = diff(beforeView, { ...beforeView, ...patch }, Object.keys(patch));
        // A PATCH that changes nothing writes nothing and emits no event.
        if (Object.keys(changes).length === 0) return beforeView;
        const row = await spec.delegate(tx).update({ where: { id }, data: { ...patch, updatedAt: now } });
        const view = spec.view(row);
        await appendEvent(tx, ctx.tenant.id, ctx.actor, now, { type: eventType('updated'), ...event(id, { [spec.kind]: view, changes }) });
        return view;
      });
    },

    async remove(ctx: TenantContext, id: string): Promise<{ id: string; deleted: true }> {
      const now = ctx.clock();
      return write(ctx, async (tx) => {
        const before = await load(tx, ctx, id);
        await spec.delegate(tx).delete({ where: { id } });
        await appendEvent(tx, ctx.tenant.id, ctx.actor, now, { type: eventType('deleted'), ...event(id, { [spec.kind]: spec.view(before) }) });
        return { id, deleted: true as const };
      });
    },
  };
}
