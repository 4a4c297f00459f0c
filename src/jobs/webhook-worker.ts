import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../services/context.js';
import { EVENTS_CHANNEL } from '../services/events.js';
import { DeliveryStore, type AttemptRecord, type DueDelivery, type LeasedEndpoint } from './delivery-store.js';
import { failingTooLong, judgeAttempt } from './retry-policy.js';
import { Sender } from './sender.js';
import { webhookHeaders } from './signature.js';

// Delivers webhooks from the outbox (webhook_deliveries rows written with
// their events). It runs inside the API process (WORKERS=true, the default)
// and as `npm run worker`; any number of either share one database.
//
// Each endpoint is a lane: one worker at a time holds it (a lease in
// PostgreSQL) and sends its due deliveries one by one in sequence order,
// recording the attempts as it goes (see #lane). Lanes run side by side up to
// `concurrency` per process, so a slow or dead receiver holds up only its
// own lane. The loop wakes on the event NOTIFY that appendEvent sends at
// commit (a new delivery is usually sent within milliseconds), when a lane
// ends, and every `pollMs` for retries that fall due.

/** Attempts recorded per statement, at most. */
const FLUSH_EVERY = 25;
/** How long an attempt may wait to be recorded. */
const FLUSH_MS = 250;
/**
 * A running lane that finds nothing due waits this long for the next event
 * before giving its endpoint back: under a steady flow the next delivery
 * then needs neither a new lease nor a release (two commits fewer).
 */
const LINGER_MS = 50;

/** An attempt made; `gone`: the receiver answered 410. */
type Attempt = AttemptRecord & { gone: boolean };

export interface WorkerLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const silent: WorkerLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface WebhookWorkerOptions {
  db: Database;
  clock?: Clock;
  /** WEBHOOK_ALLOW_PRIVATE: let deliveries reach loopback and private addresses. */
  allowPrivate: boolean;
  /** Endpoints served at once by this process, so concurrent requests at most (default 16). */
  concurrency?: number;
  /** The deadline of one attempt (default 10 s). */
  timeoutMs?: number;
  /** Deliveries read per query (default 50). */
  batchSize?: number;
  /** Deliveries a lane sends before it gives its endpoint back for others' turn (default 500). */
  maxPerLease?: number;
  /** How long a lease lasts without renewal; every attempt renews it (default 60 s). */
  leaseMs?: number;
  /** Idle poll, for retries that fall due (default 1 s). */
  pollMs?: number;
  /** Wake on the events NOTIFY (default true). */
  listen?: boolean;
  random?: () => number;
  log?: WorkerLog;
}

export interface WorkerStats {
  attempts: number;
  delivered: number;
  failedAttempts: number;
  disabled: number;
}

export class WebhookWorker {
  /** This worker's lease owner name, unique per process and start. */
  readonly id = `wkr_${randomBytes(8).toString('hex')}`;
  readonly stats: WorkerStats = { attempts: 0, delivered: 0, failedAttempts: 0, disabled: 0 };

  readonly #db: Database;
  readonly #store: DeliveryStore;
  readonly #sender: Sender;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #log: WorkerLog;
  readonly #concurrency: number;
  readonly #batchSize: number;
  readonly #maxPerLease: number;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #listen: boolean;

  readonly #lanes = new Map<string, Promise<void>>();
  #stopping = false;
  #loop: Promise<void> | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #woken = false;
  #wake: (() => void) | undefined;
  /** Lanes lingering for the next event (see LINGER_MS). */
  readonly #lingering = new Set<() => void>();
  #listening = false;

  constructor(opts: WebhookWorkerOptions) {
    this.#db = opts.db;
    this.#store = new DeliveryStore(opts.db);
    this.#clock = opts.clock ?? (() => new Date());
    this.#random = opts.random ?? Math.random;
    this.#log = opts.log ?? silent;
    this.#concurrency = opts.concurrency ?? 16;
    this.#batchSize = opts.batchSize ?? 50;
    this.#maxPerLease = opts.maxPerLease ?? 500;
    this.#leaseMs = opts.leaseMs ?? 60_000;
    this.#pollMs = opts.pollMs ?? 1_000;
    this.#listen = opts.listen ?? true;
    const timeoutMs = opts.timeoutMs ?? 10_000;
    if (this.#leaseMs < timeoutMs * 2) throw new Error('leaseMs must be at least twice timeoutMs, so a lease never lapses during an attempt');
    this.#sender = new Sender({ allowPrivate: opts.allowPrivate, timeoutMs, maxSocketsPerHost: Math.min(this.#concurrency, 16) });
  }

  /**
   * One pass, for tests and scripts: lease every endpoint with due work (up
   * to `concurrency`), send until each has nothing due at the clock's time,
   * and return what this pass did.
   */
  async tick(): Promise<WorkerStats> {
    const before = { ...this.stats };
    const leased = await this.#store.claimEndpoints(this.id, this.#concurrency - this.#lanes.size, this.#clock(), this.#leaseMs);
    await Promise.all(leased.map((ep) => this.#launch(ep)));
    return {
      attempts: this.stats.attempts - before.attempts,
      delivered: this.stats.delivered - before.delivered,
      failedAttempts: this.stats.failedAttempts - before.failedAttempts,
      disabled: this.stats.disabled - before.disabled,
    };
  }

  /** Ticks until a pass finds nothing to do. */
  async drain(maxPasses = 100): Promise<WorkerStats> {
    const total: WorkerStats = { attempts: 0, delivered: 0, failedAttempts: 0, disabled: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const r = await this.tick();
      total.attempts += r.attempts;
      total.delivered += r.delivered;
      total.failedAttempts += r.failedAttempts;
      total.disabled += r.disabled;
      if (r.attempts === 0) break;
    }
    return total;
  }

  /** Runs in the background until stop(). */
  async start(): Promise<void> {
    if (this.#loop || this.#stopping) return;
    if (this.#listen) {
      try {
        this.#unlisten = await this.#db.listen(EVENTS_CHANNEL, () => this.#signal());
        this.#listening = true;
      } catch (err) {
        this.#log.warn({ err }, 'webhook worker: LISTEN failed; polling only');
      }
    }
    this.#loop = this.#run();
    this.#log.info({ worker: this.id, concurrency: this.#concurrency }, 'webhook worker started');
  }

  /**
   * Stops taking work, lets each lane finish and record the attempt in
   * flight (at most one timeout), and gives the leases back.
   */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#signal();
    await this.#loop;
    await Promise.allSettled([...this.#lanes.values()]);
    await this.#unlisten?.().catch(() => undefined);
    this.#sender.close();
    this.#log.info({ worker: this.id, ...this.stats }, 'webhook worker stopped');
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        const free = this.#concurrency - this.#lanes.size;
        if (free > 0) {
          const leased = await this.#store.claimEndpoints(this.id, free, this.#clock(), this.#leaseMs);
          for (const ep of leased) void this.#launch(ep);
        }
      } catch (err) {
        if (this.#stopping) break;
        this.#log.error({ err }, 'webhook worker: claiming work failed');
      }
      await this.#sleep(this.#pollMs);
    }
  }

  #launch(ep: LeasedEndpoint): Promise<void> {
    const lane = this.#lane(ep).finally(() => {
      this.#lanes.delete(ep.id);
      this.#signal();
    });
    this.#lanes.set(ep.id, lane);
    return lane;
  }

  async #lane(ep: LeasedEndpoint): Promise<void> {
    // Attempts are recorded in groups, one statement (and one commit) per
    // group rather than per attempt: a group is written when it reaches
    // FLUSH_EVERY, after FLUSH_MS, when the lane must stop, and always before
    // the next read of due deliveries, so an unrecorded attempt is never read
    // (and sent) again while the lease is held. Every write renews the lease,
    // at the latest every FLUSH_MS plus one timeout.
    const unrecorded: Attempt[] = [];
    let lastFlush = performance.now();
    const flush = async (): Promise<boolean> => {
      if (unrecorded.length === 0) return true;
      const group = unrecorded.splice(0);
      lastFlush = performance.now();
      const now = this.#clock();
      const result = await this.#store.record(ep.id, this.id, group, now, this.#leaseMs);
      const last = group[group.length - 1]!;
      const detail = { lastStatusCode: last.statusCode, lastError: last.error };
      if (last.gone) {
        await this.#disable(ep, 'gone', now, detail);
        return false;
      }
      if (last.status !== 'delivered' && failingTooLong(result.failingSince, now)) {
        await this.#disable(ep, 'failing', now, detail);
        return false;
      }
      return result.kind === 'continue';
    };

    let sent = 0;
    let lingered = false;
    try {
      lane: while (!this.#stopping && sent < this.#maxPerLease) {
        const batch = await this.#store.dueDeliveries(ep.id, this.id, this.#clock(), Math.min(this.#batchSize, this.#maxPerLease - sent));
        if (batch.length === 0) {
          // Once per dry spell, and only when events wake us (not in tick()).
          if (lingered || !this.#listening || !this.#loop || !(await this.#linger())) break;
          lingered = true;
          continue;
        }
        lingered = false;
        for (const d of batch) {
          if (this.#stopping) break lane;
          const attempt = await this.#attempt(ep, d);
          unrecorded.push(attempt);
          sent++;
          const mustStop = attempt.gone || attempt.backoffUntil !== null;
          if (mustStop || unrecorded.length >= FLUSH_EVERY || performance.now() - lastFlush >= FLUSH_MS) {
            if (!(await flush())) break lane;
          }
        }
        if (!(await flush())) break;
      }
    } catch (err) {
      this.#log.error({ err, endpoint: ep.id }, 'webhook worker: lane failed');
    } finally {
      await flush().catch((err: unknown) => this.#log.error({ err, endpoint: ep.id }, 'webhook worker: recording attempts failed'));
      await this.#store.release(ep.id, this.id, this.#clock()).catch((err: unknown) => this.#log.warn({ err, endpoint: ep.id }, 'webhook worker: release failed'));
    }
  }

  /** One attempt: sent, judged, not yet recorded. */
  async #attempt(ep: LeasedEndpoint, d: DueDelivery): Promise<Attempt> {
    const sentAt = this.#clock();
    const outcome = await this.#sender.send(d.url, webhookHeaders(d.secrets, d.eventId, sentAt, d.body), d.body, sentAt);
    const now = this.#clock();
    const verdict = judgeAttempt(outcome, d.attempts + 1, now, this.#random());
    this.stats.attempts++;
    if (verdict.kind === 'delivered') this.stats.delivered++;
    else {
      this.stats.failedAttempts++;
      this.#log.debug({ endpoint: ep.id, delivery: d.id, status: outcome.status, error: outcome.error, verdict: verdict.kind }, 'webhook attempt failed');
    }
    return {
      id: d.id,
      seenAttempts: d.attempts,
      // A 410 leaves the delivery queued but unscheduled: the endpoint is about to be disabled.
      status: verdict.kind === 'delivered' ? 'delivered' : verdict.kind === 'failed' ? 'failed' : 'pending',
      nextAttemptAt: verdict.kind === 'retry' ? verdict.nextAttemptAt : null,
      statusCode: outcome.status,
      error: outcome.error,
      durationMs: outcome.durationMs,
      sentAt,
      at: now,
      backoffUntil: verdict.kind === 'retry' || verdict.kind === 'failed' ? verdict.backoffUntil : null,
      gone: verdict.kind === 'gone',
    };
  }

  async #disable(ep: LeasedEndpoint, reason: 'gone' | 'failing', now: Date, detail: { lastStatusCode: number | null; lastError: string | null }) {
    if (await this.#store.disable(ep.id, reason, now, detail)) {
      this.stats.disabled++;
      this.#log.info({ endpoint: ep.id, institution: ep.institutionId, reason }, 'webhook endpoint disabled');
    }
  }

  #signal(): void {
    this.#woken = true;
    this.#wake?.();
    for (const wake of this.#lingering) wake();
  }

  /** Waits up to LINGER_MS for an event; true if one came. */
  #linger(): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#lingering.delete(wake);
        resolve(!this.#stopping);
      };
      const timer = setTimeout(() => {
        this.#lingering.delete(wake);
        resolve(false);
      }, LINGER_MS);
      this.#lingering.add(wake);
    });
  }

  async #sleep(ms: number): Promise<void> {
    if (!this.#woken && !this.#stopping) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    this.#woken = false;
  }
}
