import type { Database } from '../db/database.js';
import type { Actor } from '../services/context.js';
import { newId } from '../ids.js';
import { appendEvent } from '../services/events.js';
import { pauseDeliveries, toWebhookEndpoint, type DisabledReason } from '../services/webhooks.js';

// The worker's SQL. Work is handed out per endpoint: a worker leases an
// endpoint that has due deliveries (FOR UPDATE SKIP LOCKED, so racing workers
// each get different endpoints and never wait on one another), sends its due
// deliveries one at a time in sequence order, and records each attempt in one
// statement that also renews the lease. No transaction is held across a send.
// A worker that dies leaves a lease that simply expires; its endpoint's
// deliveries are then taken up by another worker, the interrupted attempt
// included (at least once).

const ACTOR: Actor = { type: 'system', id: 'webhook-worker' };

export interface LeasedEndpoint {
  id: string;
  institutionId: string;
}

export interface DueDelivery {
  id: string;
  attempts: number;
  eventId: string;
  /** The body: the event envelope exactly as GET /v1/events returns it. */
  body: string;
  url: string;
  /** Current secret first, then the previous one while its overlap lasts. */
  secrets: string[];
  failingSince: Date | null;
}

interface DueRow {
  id: string;
  attempts: number;
  event_id: string;
  type: string;
  created_at: Date;
  sequence: number;
  data: unknown;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
}

/** One attempt, as the delivery log keeps it. */
export interface AttemptRecord {
  id: string;
  /** `attempts` as read before this one: the row is only updated if it still says so. */
  seenAttempts: number;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** When the request went out (the attempt log's attemptedAt). */
  sentAt: Date;
  at: Date;
  /** A Retry-After: nothing goes to the endpoint before then. */
  backoffUntil: Date | null;
}

export type RecordResult =
  /** The lease is still ours and the endpoint still enabled: carry on. */
  | { kind: 'continue'; failingSince: Date | null }
  /** Stop this lane: the lease was lost, the endpoint disabled or deleted, or it asked us to back off. */
  | { kind: 'stop'; failingSince: Date | null };

export class DeliveryStore {
  constructor(private readonly db: Database) {}

  /** Leases up to `limit` endpoints with due work, least recently served first. */
  async claimEndpoints(owner: string, limit: number, now: Date, leaseMs: number): Promise<LeasedEndpoint[]> {
    if (limit <= 0) return [];
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.db.prisma.$queryRaw<{ id: string; institution_id: string }[]>`
      WITH due AS (
        SELECT e.id FROM webhook_endpoints e
        WHERE e.enabled
          AND (e.lease_expires_at IS NULL OR e.lease_expires_at <= ${now}::timestamptz)
          AND (e.backoff_until IS NULL OR e.backoff_until <= ${now}::timestamptz)
          AND e.id IN (SELECT d.endpoint_id FROM webhook_deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}::timestamptz)
        ORDER BY e.lease_expires_at NULLS FIRST
        LIMIT ${limit}::int
        FOR UPDATE OF e SKIP LOCKED
      )
      UPDATE webhook_endpoints e SET lease_owner = ${owner}, lease_expires_at = ${until}::timestamptz
      FROM due WHERE e.id = due.id
      RETURNING e.id, e.institution_id`;
    return rows.map((r) => ({ id: r.id, institutionId: r.institution_id }));
  }

  /**
   * The next due deliveries of a leased endpoint, in sequence order; none if
   * the lease is no longer ours, the endpoint is disabled or backing off.
   * First attempts are always due (their nextAttemptAt is their creation), so
   * a clock a little behind another process's can't reorder them.
   */
  async dueDeliveries(endpointId: string, owner: string, now: Date, limit: number): Promise<DueDelivery[]> {
    const rows = await this.db.prisma.$queryRaw<DueRow[]>`
      SELECT d.id, d.attempts, d.event_id, ev.type, ev.created_at, ev.sequence, ev.data,
             e.url, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since
      FROM webhook_endpoints e
      JOIN webhook_deliveries d ON d.endpoint_id = e.id
      JOIN events ev ON ev.id = d.event_id
      WHERE e.id = ${endpointId} AND e.lease_owner = ${owner} AND e.enabled
        AND (e.backoff_until IS NULL OR e.backoff_until <= ${now}::timestamptz)
        AND d.status = 'pending' AND d.next_attempt_at IS NOT NULL
        AND (d.attempts = 0 OR d.next_attempt_at <= ${now}::timestamptz)
      ORDER BY d.sequence
      LIMIT ${limit}::int`;
    return rows.map((r) => {
      const secrets = [r.secret];
      if (r.previous_secret && r.previous_secret_expires_at && r.previous_secret_expires_at > now) secrets.push(r.previous_secret);
      const envelope = { id: r.event_id, type: r.type, createdAt: r.created_at.toISOString(), sequence: r.sequence, data: r.data };
      return { id: r.id, attempts: r.attempts, eventId: r.event_id, body: JSON.stringify(envelope), url: r.url, secrets, failingSince: r.failing_since };
    });
  }

  /**
   * Records attempts (in the order they were made) and renews the lease, in
   * one statement. A delivery is only updated if nobody touched it since it
   * was read (a redelivery in between resets `attempts`), the endpoint only
   * if the lease is still ours; an attempt joins the log only with its
   * delivery's update, so a stale or repeated record adds nothing. Its number
   * follows the log's last (not `attempts`, which a redelivery restarts); a
   * delivery older than the log starts it after the attempts it already had.
   */
  async record(endpointId: string, owner: string, attempts: readonly AttemptRecord[], now: Date, leaseMs: number): Promise<RecordResult> {
    // The endpoint's failure streak: ended by a success, started by the first failure after it.
    let hadSuccess = false;
    let streakStart: Date | null = null;
    let firstFailure: Date | null = null;
    for (const a of attempts) {
      if (a.status === 'delivered') {
        hadSuccess = true;
        streakStart = null;
      } else {
        firstFailure ??= a.at;
        streakStart ??= a.at;
      }
    }
    const backoffUntil = attempts[attempts.length - 1]?.backoffUntil ?? null;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    const rows = await this.db.prisma.$queryRaw<{ enabled: boolean; failing_since: Date | null }[]>`
      WITH v AS (
        SELECT * FROM unnest(
          ${attempts.map((a) => a.id)}::text[], ${attempts.map((a) => a.seenAttempts)}::int[], ${attempts.map((a) => a.status)}::text[],
          ${attempts.map((a) => iso(a.nextAttemptAt))}::timestamptz[], ${attempts.map((a) => a.statusCode)}::int[],
          ${attempts.map((a) => a.error)}::text[], ${attempts.map((a) => a.durationMs)}::int[], ${attempts.map((a) => iso(a.at))}::timestamptz[],
          ${attempts.map((a) => iso(a.sentAt))}::timestamptz[], ${attempts.map(() => newId('webhookAttempt'))}::text[]
        ) AS v(id, seen, status, next_at, code, err, ms, at, sent_at, attempt_id)
      ),
      d AS (
        UPDATE webhook_deliveries w SET
          status = v.status, attempts = w.attempts + 1, next_attempt_at = v.next_at,
          last_status_code = v.code, last_error = v.err, last_duration_ms = v.ms,
          delivered_at = CASE WHEN v.status = 'delivered' THEN v.at END, updated_at = v.at
        FROM v WHERE w.id = v.id AND w.attempts = v.seen AND w.status = 'pending'
        RETURNING w.id, w.institution_id, w.endpoint_id
      ),
      a AS (
        INSERT INTO webhook_attempts (id, institution_id, delivery_id, endpoint_id, attempt, attempted_at, status_code, duration_ms, error, outcome, next_attempt_at)
        SELECT v.attempt_id, d.institution_id, d.id, d.endpoint_id,
          coalesce((SELECT max(l.attempt) FROM webhook_attempts l WHERE l.delivery_id = d.id), v.seen) + 1,
          v.sent_at, v.code, v.ms, v.err,
          CASE WHEN v.status = 'delivered' THEN 'delivered' WHEN v.next_at IS NOT NULL THEN 'retry_scheduled' ELSE 'failed' END,
          v.next_at
        FROM d JOIN v ON v.id = d.id
      )
      UPDATE webhook_endpoints SET
        failing_since = CASE WHEN ${hadSuccess}::boolean THEN ${iso(streakStart)}::timestamptz ELSE coalesce(failing_since, ${iso(firstFailure)}::timestamptz) END,
        backoff_until = ${iso(backoffUntil)}::timestamptz,
        lease_expires_at = ${leaseUntil}::timestamptz
      WHERE id = ${endpointId} AND lease_owner = ${owner}
      RETURNING enabled, failing_since`;
    const row = rows[0];
    if (!row) return { kind: 'stop', failingSince: null };
    return { kind: row.enabled && backoffUntil === null ? 'continue' : 'stop', failingSince: row.failing_since };
  }

  /** Gives the endpoint back; `lease_expires_at` then says when it was last served. */
  async release(endpointId: string, owner: string, now: Date): Promise<void> {
    await this.db.prisma.$executeRaw`
      UPDATE webhook_endpoints SET lease_owner = NULL, lease_expires_at = ${now}::timestamptz
      WHERE id = ${endpointId} AND lease_owner = ${owner}`;
  }

  /**
   * Switches an endpoint off on the receiver's behalf (410 Gone, or 5 days of
   * failures), pauses what is queued for it, and appends
   * `webhook_endpoint.disabled`, all in one transaction. False if it was
   * already off.
   */
  async disable(endpointId: string, reason: Exclude<DisabledReason, 'manual'>, now: Date, detail: { lastStatusCode: number | null; lastError: string | null }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE webhook_endpoints SET enabled = false, disabled_reason = ${reason}, disabled_at = ${now}::timestamptz,
          lease_owner = NULL, lease_expires_at = NULL, updated_at = ${now}::timestamptz
        WHERE id = ${endpointId} AND enabled
        RETURNING id`;
      if (rows.length === 0) return false;
      await pauseDeliveries(tx, endpointId, now);
      const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
      await appendEvent(tx, endpoint.institutionId, ACTOR, now, {
        type: 'webhook_endpoint.disabled',
        subjectType: 'webhook_endpoint',
        subjectId: endpointId,
        data: { webhookEndpoint: toWebhookEndpoint(endpoint), reason, lastStatusCode: detail.lastStatusCode, lastError: detail.lastError },
      });
      return true;
    });
  }
}
