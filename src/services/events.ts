import type { Sql, Tx } from '../db/database.js';
import { newId } from '../ids.js';
import type { Actor } from './context.js';
import { FAN_OUT_SQL, fanOutParams } from './webhook-fanout.js';

export interface EventInput {
  /** Set when the caller must know the id before appending (a reminder records it first). */
  id?: string;
  type: string;
  subjectType: 'interview' | 'seeker' | 'contact' | 'institution' | 'webhook_endpoint' | 'api_key';
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

/** The LISTEN/NOTIFY channel that announces committed events as `<institution id>:<sequence>`. */
export const EVENTS_CHANNEL = 'rapport_events';

/** Prisma's transaction client or a plain-SQL one: both can append. */
function asSql(runner: Tx | Sql): Sql {
  if ('query' in runner) return runner;
  return { query: <T>(text: string, params: unknown[] = []) => runner.$queryRawUnsafe<T[]>(text, ...params) };
}

// One statement, because it runs on every write:
// - seq: the sequence comes from a counter on the institution row. The row
//   lock it takes is held until commit, so per institution sequences commit
//   in order and a reader of the feed never sees 12 before 11 is visible.
//   It also NOTIFYs EVENTS_CHANNEL, which PostgreSQL delivers at commit
//   (never on rollback) to every listening process: GraphQL subscriptions.
// - ev: the event row itself.
// - fan: the webhook outbox, the deliveries this event owes (webhook-fanout.ts).
export const APPEND_SQL = `
WITH seq AS (
  UPDATE institutions SET event_seq = event_seq + 1 WHERE id = $1
  RETURNING event_seq, pg_notify($9, id || ':' || event_seq)::text AS notified
), ev AS (
  INSERT INTO events (id, institution_id, sequence, type, interview_id, subject_type, subject_id, data, created_at)
  SELECT $2, $1, seq.event_seq, $3, $4, $5, $6, $7::jsonb, $8 FROM seq
  RETURNING sequence
), fan AS (${FAN_OUT_SQL})
SELECT sequence FROM ev`;

/** Appends one event inside the caller's transaction (see APPEND_SQL). */
export async function appendEvent(runner: Tx | Sql, institutionId: string, actor: Actor, now: Date, input: EventInput): Promise<EventView> {
  const id = input.id ?? newId('event');
  const data = { ...input.data, actor };
  const rows = await asSql(runner).query<{ sequence: number }>(APPEND_SQL, [
    institutionId,
    id,
    input.type,
    input.interviewId ?? null,
    input.subjectType,
    input.subjectId,
    JSON.stringify(data),
    now,
    EVENTS_CHANNEL,
    ...fanOutParams(id, input.type),
  ]);
  return { id, type: input.type, createdAt: now.toISOString(), sequence: Number(rows[0]!.sequence), data };
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
