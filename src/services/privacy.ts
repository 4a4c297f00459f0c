import { Prisma } from '../generated/prisma/client.js';
import type { Sql, Tx } from '../db/database.js';
import type { Action, ActionInput } from '../domain/index.js';
import { AppError, ERRORS, notFound, problemType, seekerErased } from '../errors.js';
import type { InterviewView } from '../schemas/interviews.js';
import type { ErasureCounts, SeekerErasure, SeekerExport } from '../schemas/privacy.js';
import type { TenantContext } from './context.js';
import { appendEvent, toEventView, type EventView } from './events.js';
import type { OverrideRecord } from './interview-actions.js';
import { loadInterviews, toInterview } from './interview-rows.js';
import { toContact, toSeeker, type SeekerView } from './serialize.js';

// A seeker's privacy rights: everything held about them as one document
// (export), and the erasure of their personal data (erase). Erasure keeps the
// rows (anonymised) so reports still count the interviews, their states,
// channels, timestamps and counts; it rewrites the free text on the rows and
// in the event log, where webhooks and the change feed read it from.

export const ERASED_NAME = '[erased]';

/**
 * Bounds of the export, which is built in memory: far above what one person
 * does (a busy seeker has tens of interviews of tens of events), low enough
 * that a document stays near 20 MB (events are about 2 KB each, as they carry
 * the interview). Past them: export_too_large.
 */
export const EXPORT_MAX_INTERVIEWS = 1_000;
export const EXPORT_MAX_EVENTS = 10_000;
const EVENT_PAGE = 500;

// What erasure leaves in each field: KEEP it, or the value written over it.
// Typed over every key of the views and inputs, so a new field does not
// compile until someone decides whether it is personal.
const KEEP = Symbol('keep');
type FieldRule = typeof KEEP | null | string | readonly never[];
const EMPTY: readonly never[] = [];

const SEEKER_FIELDS: Record<keyof SeekerView, FieldRule> = {
  id: KEEP, externalId: null, name: ERASED_NAME, email: null, notes: null, createdAt: KEEP, updatedAt: KEEP,
};

// Everything the seeker wrote goes; states, channels, times, durations,
// counts and flags stay (they are what reports are made of).
const INTERVIEW_FIELDS: Record<keyof InterviewView, FieldRule> = {
  topics: EMPTY, questions: EMPTY, notes: null, requestMessage: null, location: null, meetingNotes: null, endedReason: null,
  id: KEEP, seekerId: KEEP, contactId: KEEP, state: KEEP, version: KEEP, requestChannel: KEEP, requestedMinutes: KEEP, requestedAt: KEEP,
  scheduledAt: KEEP, durationMinutes: KEEP, mode: KEEP, rescheduleCount: KEEP, confirmedAt: KEEP, confirmChannel: KEEP, heldAt: KEEP,
  actualMinutes: KEEP, extendedByInterviewee: KEEP, askedForReferral: KEEP, thankedAt: KEEP, thankYouChannel: KEEP, followUpCount: KEEP,
  lastContactAt: KEEP, endedAt: KEEP, referredFromInterviewId: KEEP, confirmBy: KEEP, thankYouDueBy: KEEP, nextFollowUpDueAt: KEEP,
  requestExpiresAt: KEEP, availableActions: KEEP, createdAt: KEEP, updatedAt: KEEP,
};

// Action inputs as events keep them. add_referral's name, e-mail, … describe
// the referred contact, whose record is the institution's and is kept; the
// seeker's own note about them goes. An `override` is kept beside the input
// (data.override, below), not in it.
type InputKey = { [A in Action]: keyof ActionInput<A> }[Action];
const INPUT_FIELDS: Record<InputKey, FieldRule> = {
  topics: EMPTY, message: null, location: null, reason: null, notes: null, note: null, override: null,
  channel: KEEP, requestedMinutes: KEEP, sentAt: KEEP, scheduledAt: KEEP, durationMinutes: KEEP, mode: KEEP, confirmedAt: KEEP,
  heldAt: KEEP, actualMinutes: KEEP, extendedByInterviewee: KEEP, askedForReferral: KEEP, kind: KEEP, containsRequest: KEEP,
  name: KEEP, email: KEEP, linkedinUrl: KEEP, organization: KEEP, title: KEEP, field: KEEP, mayUseName: KEEP,
};

// A counsellor's override: which rules, by which key, and the rule texts stay;
// the reason, written about the seeker's message, goes.
const OVERRIDE_FIELDS: Record<keyof OverrideRecord, FieldRule> = { rules: KEEP, reason: null, apiKeyId: KEEP, lifted: KEEP };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const erasedValue = (rule: Exclude<FieldRule, typeof KEEP>) => (Array.isArray(rule) ? [] : rule);

function overwrite(value: unknown, rules: Record<string, FieldRule>): unknown {
  if (!isObject(value)) return value;
  const out = { ...value };
  for (const [k, rule] of Object.entries(rules)) if (rule !== KEEP && k in out) out[k] = erasedValue(rule);
  return out;
}

/** `changes: {field: {previous, current}}` of `*.updated` events: which fields changed stays, not their values. */
function overwriteChanges(value: unknown, rules: Record<string, FieldRule>): unknown {
  if (!isObject(value)) return value;
  const out = { ...value };
  for (const k of Object.keys(out)) {
    const rule = rules[k];
    if (rule !== undefined && rule !== KEEP) out[k] = { previous: erasedValue(rule), current: erasedValue(rule) };
  }
  return out;
}

/** An event's data with the seeker's personal data written over; everything else as it was. */
export function eraseEventData(data: Json, subject: 'seeker' | 'interview'): Json {
  const out = { ...data };
  if ('seeker' in out) out.seeker = overwrite(out.seeker, SEEKER_FIELDS);
  if ('interview' in out) out.interview = overwrite(out.interview, INTERVIEW_FIELDS);
  if ('input' in out) out.input = overwrite(out.input, INPUT_FIELDS);
  if ('override' in out) out.override = overwrite(out.override, OVERRIDE_FIELDS);
  if ('changes' in out) out.changes = overwriteChanges(out.changes, subject === 'seeker' ? SEEKER_FIELDS : INTERVIEW_FIELDS);
  return out;
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const literal = (rule: Exclude<FieldRule, typeof KEEP>) => (rule === null ? 'NULL' : typeof rule === 'string' ? `'${rule.replace(/'/g, "''")}'` : `'{}'`);
/** `column = value, …` for the fields a rule table erases (every view field is its column's camelCase). */
const assignments = (rules: Record<string, FieldRule>) =>
  Object.entries(rules)
    .flatMap(([k, rule]) => (rule === KEEP ? [] : [`${snake(k)} = ${literal(rule)}`]))
    .join(', ');

// The events about a seeker: their own (`seeker.*`, which carry no
// interview), and every event of their interviews, reminders included.
// Both arms read the (institution_id, interview_id, sequence) index.
const SEEKER_EVENTS = `institution_id = $1 AND (interview_id = ANY($2::text[]) OR (interview_id IS NULL AND subject_type = 'seeker' AND subject_id = $3))`;
const seekerEvents = (institutionId: string, seekerId: string, interviewIds: string[]) =>
  Prisma.sql`institution_id = ${institutionId} AND (interview_id = ANY(${interviewIds}::text[]) OR (interview_id IS NULL AND subject_type = 'seeker' AND subject_id = ${seekerId}))`;

const tooLarge = (seekerId: string, what: string) =>
  new AppError('export_too_large', `Seeker ${seekerId} has more ${what} than one export holds (${EXPORT_MAX_INTERVIEWS} interviews, ${EXPORT_MAX_EVENTS} events); ask the operator for a database extract.`);

/** GET /v1/seekers/{id}/export: one consistent snapshot (a repeatable-read, read-only transaction). */
export async function exportSeeker(ctx: TenantContext, seekerId: string): Promise<SeekerExport> {
  const now = ctx.clock();
  const institutionId = ctx.tenant.id;
  return ctx.db.transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const seeker = await tx.seeker.findFirst({ where: { id: seekerId, institutionId } });
    if (!seeker) throw notFound('seeker', seekerId);
    const loaded = await loadInterviews(tx, Prisma.sql`i.institution_id = ${institutionId} AND i.seeker_id = ${seekerId}`, EXPORT_MAX_INTERVIEWS + 1);
    if (loaded.length > EXPORT_MAX_INTERVIEWS) throw tooLarge(seekerId, 'interviews');
    const interviewIds = loaded.map((l) => l.row.id);
    const events = await allEvents(tx, seekerEvents(institutionId, seekerId, interviewIds), seekerId);
    const contactIds = [...new Set(loaded.map((l) => l.row.contactId))];
    // One transaction is one connection: these run one after another.
    const contacts = await tx.contact.findMany({ where: { institutionId, id: { in: contactIds } }, orderBy: { id: 'asc' } });
    const reminders = await tx.reminder.findMany({ where: { institutionId, interviewId: { in: interviewIds } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
    const deliveries = await tx.$queryRaw<{ id: string; endpoint_id: string; event_id: string; status: string }[]>`
      SELECT d.id, d.endpoint_id, d.event_id, d.status FROM webhook_deliveries d
      WHERE d.institution_id = ${institutionId}
        AND d.event_id IN (SELECT id FROM events WHERE ${seekerEvents(institutionId, seekerId, interviewIds)})
      ORDER BY d.sequence, d.id`;
    return {
      exportVersion: 1 as const,
      exportedAt: now.toISOString(),
      institution: { id: institutionId, name: ctx.tenant.name },
      seeker: { ...toSeeker(seeker), erasedAt: seeker.erasedAt?.toISOString() ?? null },
      calendarFeed: { enabled: seeker.calendarTokenHash !== null },
      interviews: loaded.map((l) => toInterview(l, ctx.tenant, now)),
      contacts: contacts.map(toContact),
      events,
      reminders: reminders.map((r) => ({ id: r.id, interviewId: r.interviewId, kind: r.kind, dueAt: r.dueAt.toISOString(), eventId: r.eventId, createdAt: r.createdAt.toISOString() })),
      webhookDeliveries: deliveries.map((d) => ({ id: d.id, endpointId: d.endpoint_id, eventId: d.event_id, status: d.status as 'pending' | 'delivered' | 'failed' })),
    };
  });
}

/** The seeker's events, oldest first, a page at a time (keyset on sequence). */
async function allEvents(tx: Tx, where: Prisma.Sql, seekerId: string): Promise<EventView[]> {
  const events: EventView[] = [];
  for (let after = 0; ; ) {
    const rows = await tx.$queryRaw<{ id: string; type: string; created_at: Date; sequence: number; data: unknown }[]>`
      SELECT id, type, created_at, sequence, data FROM events WHERE ${where} AND sequence > ${after} ORDER BY sequence LIMIT ${EVENT_PAGE}`;
    for (const r of rows) events.push(toEventView({ ...r, createdAt: r.created_at, data: parseJson(r.data) }));
    if (events.length > EXPORT_MAX_EVENTS) throw tooLarge(seekerId, 'events');
    if (rows.length < EVENT_PAGE) return events;
    after = rows[rows.length - 1]!.sequence;
  }
}

const parseJson = (v: unknown): Json => (typeof v === 'string' ? (JSON.parse(v) as Json) : (v as Json));

/**
 * DELETE /v1/seekers/{id}?erase=true. One transaction: the interviews'
 * free text, the seeker's events and their interviews' events, the receivers'
 * error texts logged for those events' deliveries, stored idempotent answers
 * that show them, the seeker row itself and their calendar token; then one
 * `seeker.erased` event with counts only. Erasing again answers the same and
 * changes nothing.
 */
export async function eraseSeeker(ctx: TenantContext, seekerId: string): Promise<SeekerErasure> {
  const now = ctx.clock();
  const institutionId = ctx.tenant.id;
  return ctx.db.sqlTransaction(async (sql) => {
    // Locks in the order writers take them, interview then seeker (an
    // add_referral holds its interview, then inserts for the seeker).
    await sql.query('SELECT id FROM interviews WHERE institution_id = $1 AND seeker_id = $2 ORDER BY id FOR UPDATE', [institutionId, seekerId]);
    const [seeker] = await sql.query<{ erased_at: Date | null; calendar_token_hash: string | null }>(
      'SELECT erased_at, calendar_token_hash FROM seekers WHERE id = $1 AND institution_id = $2 FOR UPDATE',
      [seekerId, institutionId],
    );
    if (!seeker) throw notFound('seeker', seekerId);
    if (seeker.erased_at) return priorErasure(sql, institutionId, seekerId, seeker.erased_at);

    // After the seeker lock: an interview created meanwhile has committed and is included.
    const interviews = await sql.query<{ id: string }>(
      `UPDATE interviews SET ${assignments(INTERVIEW_FIELDS)}, next_reminder_at = NULL, erased_at = $3, updated_at = $3, version = version + 1
       WHERE institution_id = $1 AND seeker_id = $2 RETURNING id`,
      [institutionId, seekerId, now],
    );
    const params = [institutionId, interviews.map((i) => i.id), seekerId];
    const events = await eraseEvents(sql, params);
    const deliveries = await sql.query(
      `UPDATE webhook_deliveries SET last_error = '${ERASED_NAME}'
       WHERE institution_id = $1 AND last_error IS NOT NULL AND event_id IN (SELECT id FROM events WHERE ${SEEKER_EVENTS}) RETURNING 1`,
      params,
    );
    // Every attempt keeps its own error text: a success after failures leaves last_error null but not these.
    await sql.query(
      `UPDATE webhook_attempts SET error = '${ERASED_NAME}'
       WHERE institution_id = $1 AND error IS NOT NULL
         AND delivery_id IN (SELECT id FROM webhook_deliveries WHERE institution_id = $1 AND event_id IN (SELECT id FROM events WHERE ${SEEKER_EVENTS}))`,
      params,
    );
    const saved = await sql.query(
      `UPDATE idempotency_keys k SET response_status = $4, response_body = $5, response_headers = $6::jsonb
       WHERE k.institution_id = $1 AND k.response_body IS NOT NULL
         AND EXISTS (SELECT 1 FROM unnest($2::text[] || $3::text) AS x(id) WHERE strpos(k.response_body, x.id) > 0) RETURNING 1`,
      [...params, ...erasedReplay(seekerId)],
    );
    await sql.query(
      `UPDATE seekers SET ${assignments(SEEKER_FIELDS)}, calendar_token_hash = NULL, erased_at = $2, updated_at = $2 WHERE id = $1`,
      [seekerId, now],
    );
    const counts: ErasureCounts = {
      interviews: interviews.length,
      events,
      webhookDeliveries: deliveries.length,
      savedResponses: saved.length,
      calendarFeedRevoked: seeker.calendar_token_hash !== null,
    };
    await appendEvent(sql, institutionId, ctx.actor, now, {
      type: 'seeker.erased',
      subjectType: 'seeker',
      subjectId: seekerId,
      data: { seeker: { id: seekerId }, counts },
    });
    return { id: seekerId, erased: true as const, erasedAt: now.toISOString(), counts };
  });
}

/**
 * Stored Idempotency-Key answers (kept 24 h) that show the seeker or their
 * interviews are replaced by a seeker_erased refusal: a retry neither runs
 * again nor gets the erased data back. One body serves both replayers: REST
 * (http/idempotency.ts) sends it as it is, problem+json; GraphQL
 * (graphql/idempotency.ts) rethrows its `error` member.
 */
function erasedReplay(seekerId: string): [number, string, string] {
  const err = seekerErased(seekerId);
  const body = {
    type: problemType(err.code), title: ERRORS[err.code].title, status: err.status, detail: err.message, code: err.code, ...err.extra,
    error: { code: err.code, message: err.message, extra: err.extra },
  };
  return [err.status, JSON.stringify(body), JSON.stringify({ 'content-type': 'application/problem+json' })];
}

/** Rewrites the seeker's events a page at a time; answers how many changed. */
async function eraseEvents(sql: Sql, params: unknown[]): Promise<number> {
  let changed = 0;
  for (let after = 0; ; ) {
    const rows = await sql.query<{ id: string; sequence: number; interview_id: string | null; data: unknown }>(
      `SELECT id, sequence, interview_id, data FROM events WHERE ${SEEKER_EVENTS} AND sequence > $4 ORDER BY sequence LIMIT ${EVENT_PAGE}`,
      [...params, after],
    );
    const updates = rows.flatMap((r) => {
      const before = parseJson(r.data);
      const data = eraseEventData(before, r.interview_id === null ? 'seeker' : 'interview');
      return JSON.stringify(data) === JSON.stringify(before) ? [] : [{ id: r.id, data }];
    });
    if (updates.length) {
      await sql.query(
        'UPDATE events e SET data = v.data FROM jsonb_to_recordset($2::jsonb) AS v(id text, data jsonb) WHERE e.institution_id = $1 AND e.id = v.id',
        [params[0], JSON.stringify(updates)],
      );
      changed += updates.length;
    }
    if (rows.length < EVENT_PAGE) return changed;
    after = Number(rows[rows.length - 1]!.sequence);
  }
}

/** A repeated erasure answers what the first one did, from its `seeker.erased` event. */
async function priorErasure(sql: Sql, institutionId: string, seekerId: string, erasedAt: Date): Promise<SeekerErasure> {
  const [ev] = await sql.query<{ data: unknown }>(
    `SELECT data FROM events WHERE institution_id = $1 AND interview_id IS NULL AND subject_type = 'seeker' AND subject_id = $2 AND type = 'seeker.erased'
     ORDER BY sequence LIMIT 1`,
    [institutionId, seekerId],
  );
  const counts = ev ? (parseJson(ev.data).counts as ErasureCounts) : { interviews: 0, events: 0, webhookDeliveries: 0, savedResponses: 0, calendarFeedRevoked: false };
  return { id: seekerId, erased: true as const, erasedAt: erasedAt.toISOString(), counts };
}
