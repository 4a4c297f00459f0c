import type { Database, Sql } from '../db/database.js';
import { nextReminderAt, policySchema, reminderEventType, remindersDue } from '../domain/index.js';
import { newId } from '../ids.js';
import type { Actor, Clock, Tenant, TenantContext } from '../services/context.js';
import { appendEvent } from '../services/events.js';
import { performActionIn } from '../services/interview-actions.js';
import { loadInterview, reminderBasis, toInterview } from '../services/interview-rows.js';
import type { WorkerLog } from './webhook-worker.js';

export const SCHEDULER_ACTOR: Actor = { type: 'system', id: 'scheduler' };
export const REMINDERS_EVERY_MS = 30_000;
const BATCH_SIZE = 50;
// A pass stops after this many batches so that stop() is never kept waiting
// long; the next pass starts at once and goes on where it left off.
const MAX_BATCHES_PER_PASS = 20;
// An interview whose reminders fail to process (a bug, not bad luck) is looked
// at again after this, instead of blocking the queue on every pass.
const RETRY_FAILED_AFTER_MS = 15 * 60_000;

/**
 * The claim: due interviews, earliest first, skipping rows another scheduler
 * holds. `next_reminder_at` is indexed, so this is an index scan that stops
 * after $2 rows whatever the table's size (test/reminders/claim-plan.test.ts).
 */
export const CLAIM_SQL = `SELECT id, institution_id FROM interviews
 WHERE next_reminder_at <= $1
 ORDER BY next_reminder_at
 LIMIT $2
 FOR UPDATE SKIP LOCKED`;

const RECORD_SQL = `INSERT INTO reminders (id, institution_id, interview_id, kind, due_at, event_id, created_at)
 VALUES ($1, $2, $3, $4, $5, $6, $7)
 ON CONFLICT (interview_id, kind, due_at) DO NOTHING
 RETURNING id`;

export interface PassResult {
  /** Interviews claimed and looked at. */
  interviews: number;
  /** Reminder events appended. */
  sent: number;
  /** Requests expired (requested → no_response). */
  expired: number;
  /** The pass stopped at its batch limit with work left: the next should start at once. */
  more?: boolean;
}

/**
 * Turns time into reminder events, exactly once each.
 *
 * Each claimed interview is handled in the claiming transaction, under its row
 * lock: the reminders valid now are recomputed from its current state (so one
 * whose condition is gone — confirmed, thanked, cancelled, rescheduled — is
 * never sent), each is recorded under the unique key (interview, kind, due
 * instant) and only a new record appends its event. Two schedulers skip each
 * other's rows; a crash rolls back record and event together; a clock that
 * jumps back finds the key taken. Then `next_reminder_at` moves to the next
 * occurrence.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly opts: { db: Database; log: WorkerLog; clock?: Clock; everyMs?: number; batchSize?: number },
  ) {}

  private now(): Date {
    return (this.opts.clock ?? (() => new Date()))();
  }

  /** One pass over everything due; safe to run in any number of processes at once. */
  async tick(): Promise<PassResult> {
    const total: PassResult = { interviews: 0, sent: 0, expired: 0 };
    const tenants = new Map<string, Tenant>();
    const size = this.opts.batchSize ?? BATCH_SIZE;
    for (let n = 0; n < MAX_BATCHES_PER_PASS && !this.stopped; n++) {
      const result = await this.batch(size, tenants);
      total.interviews += result.interviews;
      total.sent += result.sent;
      total.expired += result.expired;
      if (result.interviews < size) break;
      if (n === MAX_BATCHES_PER_PASS - 1) total.more = true;
    }
    if (total.sent > 0) this.opts.log.info(total, 'reminders sent');
    return total;
  }

  private async batch(size: number, tenants: Map<string, Tenant>): Promise<PassResult> {
    try {
      return await this.opts.db.sqlTransaction((sql) => this.claimAndProcess(sql, size, tenants));
    } catch (err) {
      if (size === 1) throw err;
      // Something in the batch failed and rolled it all back: go one by one so
      // a single bad interview cannot hold up everyone else's reminders.
      this.opts.log.warn({ err }, 'reminder batch failed; retrying one interview at a time');
      const total: PassResult = { interviews: 0, sent: 0, expired: 0 };
      for (let n = 0; n < size; n++) {
        const one = await this.single(tenants);
        if (!one) break;
        total.interviews += one.interviews;
        total.sent += one.sent;
        total.expired += one.expired;
      }
      return total;
    }
  }

  private async single(tenants: Map<string, Tenant>): Promise<PassResult | null> {
    let claimedId: string | undefined;
    try {
      return await this.opts.db.sqlTransaction(async (sql) => {
        const result = await this.claimAndProcess(sql, 1, tenants, (id) => (claimedId = id));
        return result.interviews === 0 ? null : result;
      });
    } catch (err) {
      if (!claimedId) throw err;
      const retryAt = new Date(this.now().getTime() + RETRY_FAILED_AFTER_MS);
      this.opts.log.error({ err, interviewId: claimedId, retryAt }, 'reminders for this interview failed; will retry later');
      await this.opts.db.sql.query('UPDATE interviews SET next_reminder_at = $2 WHERE id = $1', [claimedId, retryAt]);
      return { interviews: 1, sent: 0, expired: 0 };
    }
  }

  private async claimAndProcess(sql: Sql, size: number, tenants: Map<string, Tenant>, onClaim?: (id: string) => void): Promise<PassResult> {
    const now = this.now();
    const claimed = await sql.query<{ id: string; institution_id: string }>(CLAIM_SQL, [now, size]);
    const result: PassResult = { interviews: claimed.length, sent: 0, expired: 0 };
    for (const { id, institution_id: institutionId } of claimed) {
      onClaim?.(id);
      const tenant = tenants.get(institutionId) ?? (await loadTenant(sql, institutionId));
      tenants.set(institutionId, tenant);
      const outcome = await processInterview(sql, this.opts.db, tenant, id, now);
      result.sent += outcome.sent;
      if (outcome.expired) result.expired += 1;
    }
    return result;
  }

  start(): void {
    this.stopped = false;
    this.opts.log.info({ everyMs: this.opts.everyMs ?? REMINDERS_EVERY_MS }, 'reminder scheduler started');
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err: unknown) => {
          this.opts.log.error({ err }, 'reminder pass failed; will retry');
          return undefined;
        })
        .then((result) => {
          this.running = undefined;
          // A backlog (after an outage, or a migration) drains at full speed, not a pass per interval.
          if (result?.more && !this.stopped) setImmediate(run);
        });
    };
    run();
    this.timer = setInterval(run, this.opts.everyMs ?? REMINDERS_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}

async function loadTenant(sql: Sql, id: string): Promise<Tenant> {
  const [row] = await sql.query<{ id: string; name: string; time_zone: string; policy: unknown }>(
    'SELECT id, name, time_zone, policy FROM institutions WHERE id = $1',
    [id],
  );
  if (!row) throw new Error(`institution ${id} of a claimed interview is gone`);
  return { id: row.id, name: row.name, timeZone: row.time_zone, policy: policySchema.parse(row.policy) };
}

/** The reminders one locked interview is due at `now`; answers what it did. */
async function processInterview(sql: Sql, db: Database, tenant: Tenant, id: string, now: Date) {
  const loaded = await loadInterview(sql, tenant.id, id);
  if (!loaded) return { sent: 0, expired: false };
  const { row } = loaded;
  const basis = reminderBasis(row);
  const { policy, timeZone } = tenant;
  let sent = 0;
  let expired = false;
  for (const reminder of remindersDue(basis, policy, timeZone, now)) {
    const eventId = newId('event');
    const recorded = await sql.query(RECORD_SQL, [newId('reminder'), tenant.id, id, reminder.kind, reminder.dueAt, eventId, now]);
    if (recorded.length > 0) {
      sent += 1;
      await appendEvent(sql, tenant.id, SCHEDULER_ACTOR, now, {
        id: eventId,
        type: reminderEventType(reminder.kind),
        subjectType: 'interview',
        subjectId: id,
        interviewId: id,
        data: {
          reminder: { kind: reminder.kind, dueAt: reminder.dueAt.toISOString(), staleAt: reminder.until?.toISOString() ?? null },
          interview: toInterview(loaded, tenant, now),
        },
      });
    }
    if (reminder.kind === 'request_expired') {
      // The state is still `requested` (the basis says so, under the lock): expire it now.
      const ctx: TenantContext = { db, clock: () => now, tenant, actor: SCHEDULER_ACTOR, scopes: [] };
      await performActionIn(sql, ctx, id, 'expire', {});
      expired = true;
    }
  }
  // The expire action has already set its own (empty) reminder schedule.
  if (!expired) {
    await sql.query('UPDATE interviews SET next_reminder_at = $2 WHERE id = $1', [id, nextReminderAt(basis, policy, timeZone, now)]);
  }
  return { sent, expired };
}
