import type { Sql, Tx } from '../db/database.js';
import { newId } from '../ids.js';
import type { Actor } from './context.js';
import { FAN_OUT_SQL, fanOutParams, fanOutSql, TEST_EVENT_TYPE } from './webhook-fanout.js';

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

// The same for several events of one institution at once (a bulk import's
// rows): one round trip instead of one per event. The counter moves by the
// number of events and they take the sequences after it, in input order;
// one NOTIFY names the last, and a reader of the feed or a subscriber reads
// every event after the one it last saw anyway.
const APPEND_MANY_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb)
    AS x(ord int, id text, type text, interview_id text, subject_type text, subject_id text, data jsonb, delivery_prefix text, category text)
), seq AS (
  UPDATE institutions SET event_seq = event_seq + (SELECT count(*) FROM input) WHERE id = $1
  RETURNING event_seq - (SELECT count(*) FROM input) AS base, pg_notify($4, id || ':' || event_seq)::text AS notified
), ev AS (
  INSERT INTO events (id, institution_id, sequence, type, interview_id, subject_type, subject_id, data, created_at)
  SELECT x.id, $1, seq.base + x.ord, x.type, x.interview_id, x.subject_type, x.subject_id, x.data, $2 FROM input x, seq
  RETURNING id, sequence
), fan AS (${fanOutSql({
  from: 'input x JOIN ev ON ev.id = x.id',
  institutionId: '$1',
  eventId: 'x.id',
  type: 'x.type',
  subjectId: 'x.subject_id',
  now: '$2',
  prefix: 'x.delivery_prefix',
  category: 'x.category',
  testType: '$5',
})})
SELECT id, sequence FROM ev`;

/** Appends several events in one statement, in the order given (see APPEND_MANY_SQL). */
export async function appendEvents(runner: Tx | Sql, institutionId: string, actor: Actor, now: Date, inputs: readonly EventInput[]): Promise<EventView[]> {
  if (inputs.length === 0) return [];
  if (inputs.length === 1) return [await appendEvent(runner, institutionId, actor, now, inputs[0]!)];
  const rows = inputs.map((input, i) => {
    const id = input.id ?? newId('event');
    const [deliveryPrefix, category] = fanOutParams(id, input.type);
    return {
      ord: i + 1,
      id,
      type: input.type,
      interview_id: input.interviewId ?? null,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      data: { ...input.data, actor },
      delivery_prefix: deliveryPrefix,
      category,
    };
  });
  const appended = await asSql(runner).query<{ id: string; sequence: number }>(APPEND_MANY_SQL, [institutionId, now, JSON.stringify(rows), EVENTS_CHANNEL, TEST_EVENT_TYPE]);
  const sequences = new Map(appended.map((r) => [r.id, Number(r.sequence)]));
  return rows.map((r) => ({ id: r.id, type: r.type, createdAt: now.toISOString(), sequence: sequences.get(r.id)!, data: r.data }));
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
