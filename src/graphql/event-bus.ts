import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { EVENTS_CHANNEL, type EventView } from '../services/events.js';
import { eventsAfter, latestSequence } from '../services/loaders.js';

// Subscriptions follow the event log itself. appendEvent NOTIFYs
// `<institution>:<sequence>` at commit; every API process LISTENs, and for
// each institution that has subscribers here reads the events after the last
// one it saw, in sequence order, and hands them out. A notification carries
// no data, so nothing crosses tenants, a missed one is caught up by the next,
// and a process that reconnects re-reads from where it was.

const PAGE = 200;
/** A subscriber this far behind is dropped rather than held in memory. */
const MAX_QUEUE = 5_000;

class Subscriber implements AsyncIterableIterator<EventView> {
  #queue: EventView[] = [];
  #waiting: ((r: IteratorResult<EventView>) => void) | null = null;
  #rejecting: ((err: Error) => void) | null = null;
  #failure: Error | null = null;
  #done = false;
  /** Live events that arrive while the backlog is replayed. */
  #held: EventView[] | null;

  constructor(
    private readonly hub: Hub,
    public cursor: number,
    private readonly types: ReadonlySet<string> | null,
    replaying: boolean,
    private readonly keyId: string | undefined,
    private readonly onRevoked: () => Error,
  ) {
    this.#held = replaying ? [] : null;
  }

  offer(ev: EventView) {
    if (this.#done) return;
    if (this.#held) this.#held.push(ev);
    else this.#deliver(ev);
  }

  /** Reads the backlog after `cursor` up to now, then lets the held live events through. */
  async replay(db: Database, institutionId: string) {
    try {
      for (;;) {
        const rows = await eventsAfter(db, institutionId, this.cursor, PAGE);
        for (const ev of rows) this.#deliver(ev);
        if (rows.length < PAGE || this.#done) break;
      }
      const held = this.#held ?? [];
      this.#held = null;
      for (const ev of held) this.#deliver(ev);
    } catch (err) {
      this.fail(err as Error);
    }
  }

  #deliver(ev: EventView) {
    if (this.#done || ev.sequence <= this.cursor) return;
    this.cursor = ev.sequence;
    // The key was checked once, at subscribe; its revocation, like every
    // change, comes through the log, so a long-lived socket ends with it.
    if (this.keyId && ev.type === 'api_key.revoked' && (ev.data.apiKey as { id?: unknown } | undefined)?.id === this.keyId) {
      this.fail(this.onRevoked());
      return;
    }
    if (this.types && !this.types.has(ev.type)) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#rejecting = null;
      resolve({ value: ev, done: false });
    } else if (this.#queue.length >= MAX_QUEUE) {
      this.fail(new Error('subscriber too slow: events were not consumed'));
    } else {
      this.#queue.push(ev);
    }
  }

  fail(err: Error) {
    this.#failure = err;
    if (this.#rejecting) this.#rejecting(err);
    this.#end();
  }

  #end() {
    if (this.#done) return;
    this.#done = true;
    this.hub.remove(this);
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = this.#rejecting = null;
  }

  next(): Promise<IteratorResult<EventView>> {
    const ev = this.#queue.shift();
    if (ev) return Promise.resolve({ value: ev, done: false });
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#rejecting = reject;
    });
  }

  return(): Promise<IteratorResult<EventView>> {
    this.#queue = [];
    this.#end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** One institution's followers in this process. */
class Hub {
  head = 0;
  readonly subscribers = new Set<Subscriber>();
  readonly ready: Promise<void>;
  #running = false;
  #again = false;

  constructor(
    private readonly bus: EventBus,
    private readonly db: Database,
    readonly institutionId: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.ready = latestSequence(db, institutionId).then((seq) => {
      this.head = seq;
    });
  }

  /** A commit was announced (null: maybe several were missed). */
  poke(sequence: number | null) {
    if (sequence !== null && sequence <= this.head) return;
    this.#again = true;
    if (!this.#running) void this.#drain();
  }

  async #drain() {
    this.#running = true;
    try {
      await this.ready;
      while (this.#again) {
        this.#again = false;
        for (;;) {
          const rows = await eventsAfter(this.db, this.institutionId, this.head, PAGE);
          for (const ev of rows) {
            this.head = ev.sequence;
            for (const s of this.subscribers) s.offer(ev);
          }
          if (rows.length < PAGE) break;
        }
      }
    } catch (err) {
      this.log.error({ err, institutionId: this.institutionId }, 'reading events for subscribers failed');
      for (const s of [...this.subscribers]) s.fail(new Error('the event feed could not be read; subscribe again'));
    } finally {
      this.#running = false;
    }
  }

  remove(sub: Subscriber) {
    this.subscribers.delete(sub);
    if (this.subscribers.size === 0) this.bus.forget(this);
  }
}

export interface SubscribeOptions {
  /** Continue after this sequence (replaying the backlog) instead of from now. */
  after?: number | undefined;
  types?: readonly string[] | undefined;
  /** The API key the subscriber authenticated with: its `api_key.revoked` event ends the subscription. */
  keyId?: string | undefined;
  /** The error a revoked subscriber ends with. */
  onRevoked?: () => Error;
}

export class EventBus {
  #hubs = new Map<string, Hub>();
  #listening: Promise<() => Promise<void>> | undefined;
  #closed = false;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * The institution's events committed from now on (or, with `after`, from
   * that sequence on), in order, filtered by type. LISTEN starts with the
   * first subscriber, so an app that never serves one never holds a connection.
   */
  async subscribe(institutionId: string, opts: SubscribeOptions = {}): Promise<AsyncIterableIterator<EventView>> {
    if (this.#closed) throw new Error('the event bus is closed');
    // A failed LISTEN or first read is not remembered: the next subscriber tries again.
    this.#listening ??= this.db.listen(EVENTS_CHANNEL, (payload) => this.#onNotify(payload)).catch((err: unknown) => {
      this.#listening = undefined;
      throw err;
    });
    await this.#listening;
    let hub = this.#hubs.get(institutionId);
    if (!hub) {
      hub = new Hub(this, this.db, institutionId, this.log);
      this.#hubs.set(institutionId, hub);
    }
    try {
      await hub.ready;
    } catch (err) {
      this.forget(hub);
      throw err;
    }
    const replay = opts.after !== undefined && opts.after < hub.head;
    const revoked = opts.onRevoked ?? (() => new Error('the API key was revoked'));
    const sub = new Subscriber(hub, opts.after ?? hub.head, opts.types?.length ? new Set(opts.types) : null, replay, opts.keyId, revoked);
    hub.subscribers.add(sub);
    if (replay) void sub.replay(this.db, institutionId);
    return sub;
  }

  /** Subscribers following an institution in this process (for readiness checks). */
  subscriberCount(institutionId: string): number {
    return this.#hubs.get(institutionId)?.subscribers.size ?? 0;
  }

  forget(hub: Hub) {
    if (this.#hubs.get(hub.institutionId) === hub) this.#hubs.delete(hub.institutionId);
  }

  #onNotify(payload: string | null) {
    if (payload === null) {
      for (const hub of this.#hubs.values()) hub.poke(null);
      return;
    }
    const at = payload.lastIndexOf(':');
    const hub = this.#hubs.get(payload.slice(0, at));
    if (hub) hub.poke(Number(payload.slice(at + 1)));
  }

  async close() {
    this.#closed = true;
    for (const hub of [...this.#hubs.values()]) for (const s of [...hub.subscribers]) await s.return();
    this.#hubs.clear();
    const listening = this.#listening;
    this.#listening = undefined;
    if (listening) await (await listening.catch(() => async () => undefined))();
  }
}
