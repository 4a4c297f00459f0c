import { Prisma } from '../generated/prisma/client.js';
import type { Interview } from '../generated/prisma/client.js';
import type { Sql, Tx } from '../db/database.js';
import { camelRow } from '../db/rows.js';
import { availableActions, type DueDates, type InterviewSnapshot, type ReminderBasis, type State } from '../domain/index.js';
import type { InterviewView } from '../schemas/interviews.js';
import type { Tenant } from './context.js';

// Reading an interview always needs the three facts about its contact that
// the rules look at, so one query joins them in (and, for actions, locks the
// interview row in the same statement).

export interface ContactFacts {
  name: string;
  researchNotes: string | null;
  howWeMet: string | null;
  introducedByName: string | null;
  introducerMayBeNamed: boolean;
}
export interface LoadedInterview {
  row: Interview;
  contact: ContactFacts;
}

const SELECT_TEXT = `
  SELECT i.*, c.name AS "c_name", c.research_notes AS "c_research_notes", c.how_we_met AS "c_how_we_met", ib.name AS "c_introduced_by_name", c.may_use_name AS "c_may_use_name"
  FROM interviews i
  JOIN contacts c ON c.id = i.contact_id
  LEFT JOIN contacts ib ON ib.id = c.introduced_by_id`;
const SELECT = Prisma.raw(SELECT_TEXT);

type RawRow = Record<string, unknown>;

function rowFromRaw(raw: RawRow): Interview {
  const row = camelRow<Record<string, unknown>>(raw, 'c_');
  // Prisma writes empty arrays for list columns, but raw NULLs would break the domain.
  row.topics ??= [];
  row.questions ??= [];
  return row as unknown as Interview;
}

function fromRaw(raw: RawRow): LoadedInterview {
  return {
    row: rowFromRaw(raw),
    contact: {
      name: raw.c_name as string,
      researchNotes: raw.c_research_notes as string | null,
      howWeMet: raw.c_how_we_met as string | null,
      introducedByName: raw.c_introduced_by_name as string | null,
      introducerMayBeNamed: raw.c_may_use_name as boolean,
    },
  };
}

/** One interview, optionally locked for the rest of the transaction (FOR UPDATE). */
export async function loadInterview(sql: Sql, institutionId: string, id: string, lock = false): Promise<LoadedInterview | null> {
  const rows = await sql.query<RawRow>(`${SELECT_TEXT} WHERE i.id = $1 AND i.institution_id = $2${lock ? ' FOR UPDATE OF i' : ''}`, [id, institutionId]);
  return rows[0] ? fromRaw(rows[0]) : null;
}

// The interview columns a write may set; every @map in schema.prisma is the
// snake_case of its field, and only these names ever reach SQL text.
const WRITABLE = new Set([
  'state', 'topics', 'questions', 'notes', 'requestChannel', 'requestMessage', 'requestedMinutes', 'requestedAt',
  'scheduledAt', 'durationMinutes', 'mode', 'location', 'confirmedAt', 'confirmChannel', 'heldAt', 'actualMinutes',
  'meetingNotes', 'extendedByInterviewee', 'askedForReferral', 'thankedAt', 'thankYouChannel', 'followUpCount',
  'lastContactAt', 'endedReason', 'endedAt', 'confirmBy', 'thankYouDueBy', 'nextFollowUpDueAt', 'requestExpiresAt',
  'nextReminderAt', 'updatedAt', 'rescheduleCount',
]);
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Sets the given fields, bumps `version`, and answers the new row (one statement). */
export async function updateInterviewRow(sql: Sql, id: string, set: Record<string, unknown>): Promise<Interview> {
  const fields = Object.keys(set).filter((k) => set[k] !== undefined);
  for (const f of fields) if (!WRITABLE.has(f)) throw new Error(`not a writable interview column: ${f}`);
  const assignments = fields.map((f, n) => `${snake(f)} = $${n + 2}`);
  const rows = await sql.query<RawRow>(
    `UPDATE interviews SET ${[...assignments, 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING *`,
    [id, ...fields.map((f) => set[f])],
  );
  return rowFromRaw(rows[0]!);
}

export async function loadInterviews(db: Tx, where: Prisma.Sql, limit: number): Promise<LoadedInterview[]> {
  const rows = await db.$queryRaw<RawRow[]>`${SELECT} WHERE ${where} ORDER BY i.id LIMIT ${limit}`;
  return rows.map(fromRaw);
}

/** What the reminders of an interview row depend on: its state, meeting times and due dates. */
export function reminderBasis(row: Pick<Interview, 'state' | 'scheduledAt' | 'heldAt'> & DueDates): ReminderBasis {
  return {
    state: row.state as State,
    scheduledAt: row.scheduledAt,
    heldAt: row.heldAt,
    confirmBy: row.confirmBy,
    thankYouDueBy: row.thankYouDueBy,
    nextFollowUpDueAt: row.nextFollowUpDueAt,
    requestExpiresAt: row.requestExpiresAt,
  };
}

export function snapshot(row: Interview, contact: ContactFacts): InterviewSnapshot {
  return {
    state: row.state as State,
    topics: row.topics,
    questions: row.questions,
    requestChannel: row.requestChannel,
    requestMessage: row.requestMessage,
    requestedMinutes: row.requestedMinutes,
    requestedAt: row.requestedAt,
    scheduledAt: row.scheduledAt,
    durationMinutes: row.durationMinutes,
    mode: row.mode,
    location: row.location,
    confirmedAt: row.confirmedAt,
    heldAt: row.heldAt,
    actualMinutes: row.actualMinutes,
    thankedAt: row.thankedAt,
    followUpCount: row.followUpCount,
    lastContactAt: row.lastContactAt,
    contact,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInterview(loaded: LoadedInterview, tenant: Tenant, now: Date): InterviewView {
  const { row: r, contact } = loaded;
  return {
    id: r.id,
    seekerId: r.seekerId,
    contactId: r.contactId,
    state: r.state as State,
    version: r.version,
    topics: r.topics,
    questions: r.questions,
    notes: r.notes,
    requestChannel: r.requestChannel,
    requestMessage: r.requestMessage,
    requestedMinutes: r.requestedMinutes,
    requestedAt: iso(r.requestedAt),
    scheduledAt: iso(r.scheduledAt),
    durationMinutes: r.durationMinutes,
    mode: r.mode,
    location: r.location,
    rescheduleCount: r.rescheduleCount,
    confirmedAt: iso(r.confirmedAt),
    confirmChannel: r.confirmChannel,
    heldAt: iso(r.heldAt),
    actualMinutes: r.actualMinutes,
    meetingNotes: r.meetingNotes,
    extendedByInterviewee: r.extendedByInterviewee,
    askedForReferral: r.askedForReferral,
    thankedAt: iso(r.thankedAt),
    thankYouChannel: r.thankYouChannel,
    followUpCount: r.followUpCount,
    lastContactAt: iso(r.lastContactAt),
    endedReason: r.endedReason,
    endedAt: iso(r.endedAt),
    referredFromInterviewId: r.referredFromInterviewId,
    confirmBy: iso(r.confirmBy),
    thankYouDueBy: iso(r.thankYouDueBy),
    nextFollowUpDueAt: iso(r.nextFollowUpDueAt),
    requestExpiresAt: iso(r.requestExpiresAt),
    availableActions: availableActions(snapshot(r, contact), now, tenant.policy, tenant.timeZone),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
