import type { Tx } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { newId } from '../ids.js';
import type { Actor } from './context.js';

export interface EventInput {
  type: string;
  subjectType: 'interview' | 'seeker' | 'contact' | 'institution';
  subjectId: string;
  interviewId?: string | undefined;
  data: Record<string, unknown>;
}

export interface EventView {
  id: string;
  type: string;
  createdAt: string;
  sequence: number;
  data: Record<string, unknown>;
}

/**
 * Appends one event inside the caller's transaction. The sequence comes from
 * a counter on the institution row; the row lock it takes is held until
 * commit, so per institution sequences commit in order and a reader of the
 * feed never sees 12 before 11 is visible.
 */
export async function appendEvent(tx: Tx, institutionId: string, actor: Actor, now: Date, input: EventInput): Promise<EventView> {
  const rows = await tx.$queryRaw<{ event_seq: number }[]>`
    UPDATE institutions SET event_seq = event_seq + 1 WHERE id = ${institutionId} RETURNING event_seq`;
  const sequence = rows[0]!.event_seq;
  const data = { ...input.data, actor };
  const id = newId('event');
  await tx.event.create({
    data: {
      id,
      institutionId,
      sequence,
      type: input.type,
      interviewId: input.interviewId ?? null,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      data: data as unknown as Prisma.InputJsonValue,
      createdAt: now,
    },
  });
  return { id, type: input.type, createdAt: now.toISOString(), sequence, data };
}

export function toEventView(row: { id: string; type: string; createdAt: Date; sequence: number; data: unknown }): EventView {
  return { id: row.id, type: row.type, createdAt: row.createdAt.toISOString(), sequence: row.sequence, data: row.data as Record<string, unknown> };
}

/** The fields that differ, each with its previous and new value, for `*.updated` events. */
export function diff<T extends Record<string, unknown>>(before: T, after: T, keys: readonly (keyof T)[]) {
  const changes: Record<string, { previous: unknown; current: unknown }> = {};
  for (const k of keys) {
    const a = jsonValue(before[k]);
    const b = jsonValue(after[k]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[k as string] = { previous: a, current: b };
  }
  return changes;
}

function jsonValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : (v ?? null);
}
