/**
 * The baseline for `npm run bench`: a bare fastify + `pg` server that serves
 * the two benchmarked routes of Rapport with the same SQL statements, in the
 * same order and the same transaction shape, against the same database.
 *
 * What it keeps of Rapport:
 * - auth: sha256 of the bearer key, then the same one JOIN of api_keys and
 *   institutions that src/services/api-keys.ts sends;
 * - GET /v1/interviews/:id: the interview-rows SELECT (interviews JOIN
 *   contacts LEFT JOIN contacts), one row, the same JSON fields;
 * - POST /v1/interviews/:id/reschedule: BEGIN; SELECT … FOR UPDATE OF i;
 *   UPDATE interviews SET … RETURNING *; the one-statement event append
 *   (APPEND_SQL from src/services/events.ts: sequence bump + NOTIFY, event
 *   row, webhook fan-out); COMMIT — with the same event payload;
 * - the domain work: it calls the same pure functions from src/domain
 *   (`decide`, `dueDates`, `availableActions`), so the ratio measures the
 *   framework, ORM and validation layers, not the rules. BASELINE_DOMAIN=0
 *   skips them (a constant answer) to show what the rules themselves cost.
 *
 * What it leaves out, as a bare server would: zod validation and
 * serialization (plain JSON.stringify), the policy re-parse per request, the
 * ULID request ids, the error handler, OpenAPI.
 *
 * Env: DATABASE_URL, PORT (default 3101), DB_POOL_SIZE (default 10, as Rapport),
 * LOG_LEVEL (default warn).
 */
import { createHash } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { availableActions, decide, dueDates, DEFAULT_POLICY, type InterviewSnapshot, type Policy, type State } from '../src/domain/index.js';
import { newId } from '../src/ids.js';
import { APPEND_SQL, EVENTS_CHANNEL } from '../src/services/events.js';
import { fanOutParams } from '../src/services/webhook-fanout.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('baseline: DATABASE_URL is required');
const port = Number(process.env.PORT ?? 3101);
const useDomain = process.env.BASELINE_DOMAIN !== '0';
const logLevel = process.env.LOG_LEVEL ?? 'warn';

const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) });

type Row = Record<string, unknown>;
interface Tenant {
  id: string;
  timeZone: string;
  policy: Policy;
  keyId: string;
}

// ---- SQL: the statements Rapport sends (see bench/RESULTS.md for how they were captured)

const AUTH_JOIN = `SELECT k.id AS key_id, k.scopes, k.revoked_at, i.id AS institution_id, i.name, i.time_zone, i.policy::text AS policy_text
     FROM api_keys k JOIN institutions i ON i.id = k.institution_id
     WHERE k.hash = $1`;

const SELECT_INTERVIEW = `
  SELECT i.*, c.name AS "c_name", c.research_notes AS "c_research_notes", c.how_we_met AS "c_how_we_met", ib.name AS "c_introduced_by_name", c.may_use_name AS "c_may_use_name"
  FROM interviews i
  JOIN contacts c ON c.id = i.contact_id
  LEFT JOIN contacts ib ON ib.id = c.introduced_by_id WHERE i.id = $1 AND i.institution_id = $2 `;
const LOCK_INTERVIEW = `${SELECT_INTERVIEW}FOR UPDATE OF i`;


const snakeCache = new Map<string, string>();
const snake = (k: string) => {
  let s = snakeCache.get(k);
  if (!s) snakeCache.set(k, (s = k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)));
  return s;
};

// ---- auth

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

const policyOf = (text: unknown): Policy => ({ ...DEFAULT_POLICY, ...(JSON.parse(text as string) as Partial<Policy>) });

async function authenticate(req: FastifyRequest): Promise<Tenant> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const secret = m?.[1];
  if (!secret || !secret.startsWith('rk_') || secret.length > 200) throw new HttpError(401, 'unauthorized');
  const hash = createHash('sha256').update(secret).digest('hex');
  const { rows } = await pool.query<Row>(AUTH_JOIN, [hash]);
  const k = rows[0];
  if (!k || k.revoked_at) throw new HttpError(401, 'unauthorized');
  return { id: k.institution_id as string, timeZone: k.time_zone as string, policy: policyOf(k.policy_text), keyId: k.key_id as string };
}

// ---- rows and views

interface Contact {
  name: string;
  researchNotes: string | null;
  howWeMet: string | null;
  introducedByName: string | null;
  introducerMayBeNamed: boolean;
}

const contactOf = (r: Row): Contact => ({
  name: r.c_name as string,
  researchNotes: r.c_research_notes as string | null,
  howWeMet: r.c_how_we_met as string | null,
  introducedByName: r.c_introduced_by_name as string | null,
  introducerMayBeNamed: r.c_may_use_name as boolean,
});

const d = (v: unknown) => v as Date | null;
const iso = (v: unknown) => (v ? (v as Date).toISOString() : null);

function snapshot(r: Row, contact: Contact): InterviewSnapshot {
  return {
    state: r.state as State,
    topics: (r.topics as string[] | null) ?? [],
    questions: (r.questions as string[] | null) ?? [],
    requestChannel: r.request_channel as string | null,
    requestMessage: r.request_message as string | null,
    requestedMinutes: r.requested_minutes as number | null,
    requestedAt: d(r.requested_at),
    scheduledAt: d(r.scheduled_at),
    durationMinutes: r.duration_minutes as number | null,
    mode: r.mode as string | null,
    location: r.location as string | null,
    confirmedAt: d(r.confirmed_at),
    heldAt: d(r.held_at),
    actualMinutes: r.actual_minutes as number | null,
    thankedAt: d(r.thanked_at),
    followUpCount: r.follow_up_count as number,
    lastContactAt: d(r.last_contact_at),
    contact,
  };
}

const STATIC_AVAILABLE = ['reschedule', 'confirm', 'meet', 'decline', 'cancel'].map((action) => ({ action, allowed: true, violations: [] }));

function view(r: Row, contact: Contact, tenant: Tenant, now: Date) {
  return {
    id: r.id,
    seekerId: r.seeker_id,
    contactId: r.contact_id,
    state: r.state,
    version: r.version,
    topics: r.topics ?? [],
    questions: r.questions ?? [],
    notes: r.notes,
    requestChannel: r.request_channel,
    requestMessage: r.request_message,
    requestedMinutes: r.requested_minutes,
    requestedAt: iso(r.requested_at),
    scheduledAt: iso(r.scheduled_at),
    durationMinutes: r.duration_minutes,
    mode: r.mode,
    location: r.location,
    rescheduleCount: r.reschedule_count,
    confirmedAt: iso(r.confirmed_at),
    confirmChannel: r.confirm_channel,
    heldAt: iso(r.held_at),
    actualMinutes: r.actual_minutes,
    meetingNotes: r.meeting_notes,
    extendedByInterviewee: r.extended_by_interviewee,
    askedForReferral: r.asked_for_referral,
    thankedAt: iso(r.thanked_at),
    thankYouChannel: r.thank_you_channel,
    followUpCount: r.follow_up_count,
    lastContactAt: iso(r.last_contact_at),
    endedReason: r.ended_reason,
    endedAt: iso(r.ended_at),
    referredFromInterviewId: r.referred_from_interview_id,
    confirmBy: iso(r.confirm_by),
    thankYouDueBy: iso(r.thank_you_due_by),
    nextFollowUpDueAt: iso(r.next_follow_up_due_at),
    requestExpiresAt: iso(r.request_expires_at),
    availableActions: useDomain ? availableActions(snapshot(r, contact), now, tenant.policy, tenant.timeZone) : STATIC_AVAILABLE,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

// ---- the server

const app = Fastify({ logger: { level: logLevel } });

app.setErrorHandler((err: Error, _req: FastifyRequest, reply: FastifyReply) => {
  if (err instanceof HttpError) return reply.code(err.status).send({ code: err.code });
  reply.log.error({ err }, 'baseline error');
  const status = (err as { statusCode?: number }).statusCode ?? 500;
  return reply.code(status).send({ code: 'error', message: err.message });
});

app.get('/health', async () => ({ status: 'ok' }));

app.get<{ Params: { id: string } }>('/v1/interviews/:id', async (req, reply) => {
  const tenant = await authenticate(req);
  const { rows } = await pool.query<Row>(SELECT_INTERVIEW, [req.params.id, tenant.id]);
  const r = rows[0];
  if (!r) throw new HttpError(404, 'not_found');
  const body = view(r, contactOf(r), tenant, new Date());
  return reply.header('etag', `"${r.version as number}"`).send(body);
});

app.post<{ Params: { id: string }; Body: { scheduledAt?: unknown } }>('/v1/interviews/:id/reschedule', async (req, reply) => {
  const tenant = await authenticate(req);
  const input = req.body;
  if (typeof input?.scheduledAt !== 'string' || Number.isNaN(Date.parse(input.scheduledAt))) throw new HttpError(400, 'validation_failed');
  const id = req.params.id;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const now = new Date();
    const { rows } = await client.query<Row>(LOCK_INTERVIEW, [id, tenant.id]);
    const row = rows[0];
    if (!row) throw new HttpError(404, 'not_found');
    const contact = contactOf(row);
    let from: State = row.state as State;
    let to: State = 'scheduled';
    let eventType = 'interview.rescheduled';
    let advisories: unknown[] = [];
    let changes: Record<string, unknown>;
    if (useDomain) {
      const decision = decide(snapshot(row, contact), 'reschedule', { scheduledAt: input.scheduledAt }, now, tenant.policy, tenant.timeZone);
      if (!decision.ok) throw new HttpError(409, decision.code);
      ({ from, to, eventType, advisories } = decision);
      const after = { ...snapshot(row, contact), ...decision.changes } as InterviewSnapshot;
      changes = { ...decision.changes, ...dueDates(after, tenant.policy, tenant.timeZone) };
    } else {
      if (from !== 'scheduled') throw new HttpError(409, 'invalid_transition');
      const at = new Date(input.scheduledAt);
      changes = {
        scheduledAt: at, confirmedAt: null, confirmChannel: null, state: 'scheduled', rescheduleCount: 'increment',
        confirmBy: new Date(at.getTime() - 3 * 86_400_000), thankYouDueBy: null, nextFollowUpDueAt: null, requestExpiresAt: null,
      };
    }
    // Rapport computes the reschedule count under the row lock and sets plain values.
    if (changes.rescheduleCount === 'increment') changes.rescheduleCount = (row.reschedule_count as number) + 1;
    const set: Record<string, unknown> = { ...changes, updatedAt: now };
    const fields = Object.keys(set).filter((k) => set[k] !== undefined);
    const assignments = fields.map((f, n) => `${snake(f)} = $${n + 2}`);
    const { rows: updated } = await client.query<Row>(
      `UPDATE interviews SET ${[...assignments, 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING *`,
      [id, ...fields.map((f) => set[f])],
    );
    const interview = view(updated[0]!, contact, tenant, now);
    const data = { interview, action: 'reschedule', from, to, input, advisories, actor: { type: 'api_key', id: tenant.keyId } };
    const eventId = newId('event');
    const { rows: seq } = await client.query<{ sequence: number }>(APPEND_SQL, [
      tenant.id, eventId, eventType, id, 'interview', id, JSON.stringify(data), now, EVENTS_CHANNEL, ...fanOutParams(eventId, eventType),
    ]);
    const sequence = seq[0]!.sequence;
    await client.query('COMMIT');
    const event = { id: eventId, type: eventType, createdAt: now.toISOString(), sequence, data };
    return reply.header('etag', `"${interview.version as number}"`).send({ interview, advisories, event });
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
});

const shutdown = () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await app.listen({ port, host: '127.0.0.1' });
