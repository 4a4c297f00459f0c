import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { BlockedAddressError, guardedLookup, hostOf, isBlockedAddress } from './address-guard.js';
import { parseRetryAfter } from './retry-policy.js';

// One HTTP POST per attempt, with node:http(s) rather than fetch because the
// connection must use our own lookup (see address-guard.ts). Redirects are
// never followed (a 3xx is a failed attempt: following one could lead to an
// address that was never checked), the whole attempt — DNS, connect, answer,
// body — has one deadline, and at most `maxResponseBytes` of the answer is
// read. Keep-alive agents are per sender, so one worker's connections are
// never reused by another with a different address policy.

export interface SenderOptions {
  allowPrivate: boolean;
  /** The deadline of one attempt, everything included (default 10 s). */
  timeoutMs?: number;
  /** How much of a response body is read (default 8 KiB); the rest is dropped with the connection. */
  maxResponseBytes?: number;
  /** Connections kept per receiver host (default 8). */
  maxSocketsPerHost?: number;
  userAgent?: string;
}

export interface SendOutcome {
  /** The HTTP status, or null when no answer came (refused, timed out, blocked). */
  status: number | null;
  durationMs: number;
  /** Why the attempt failed, for the delivery log; null on a 2xx. */
  error: string | null;
  /** A Retry-After the receiver sent, in milliseconds. */
  retryAfterMs: number | null;
}

const ERROR_SNIPPET = 200;

export class Sender {
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #userAgent: string;
  readonly #allowPrivate: boolean;
  readonly #lookup: ReturnType<typeof guardedLookup>;
  readonly #http: http.Agent;
  readonly #https: https.Agent;

  constructor(opts: SenderOptions) {
    this.#allowPrivate = opts.allowPrivate;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#maxBytes = opts.maxResponseBytes ?? 8 * 1024;
    this.#userAgent = opts.userAgent ?? 'Rapport-Webhooks/1';
    this.#lookup = guardedLookup(opts.allowPrivate);
    // Idle sockets close before Node's default server keep-alive (5 s) would.
    const agentOptions = { keepAlive: true, maxSockets: opts.maxSocketsPerHost ?? 8, maxFreeSockets: opts.maxSocketsPerHost ?? 8, timeout: 4_000, scheduling: 'lifo' as const };
    this.#http = new http.Agent(agentOptions);
    this.#https = new https.Agent(agentOptions);
  }

  async send(target: string, headers: Record<string, string>, body: string, now: Date): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return { status: null, durationMs: 0, error: 'the endpoint URL is not valid', retryAfterMs: null };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { status: null, durationMs: 0, error: `${url.protocol} URLs are not delivered to; only http and https`, retryAfterMs: null };
    }
    // A literal address never goes through lookup: check it here.
    const host = hostOf(url);
    if (isIP(host) && !this.#allowPrivate && isBlockedAddress(host)) {
      return { status: null, durationMs: 0, error: `blocked: ${host} is a private, loopback or reserved address`, retryAfterMs: null };
    }
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    let result = await this.#attempt(url, headers, body, deadline);
    // A kept-alive socket the receiver closed as we reused it: the request
    // never reached it, so one immediate retry on a fresh socket is safe.
    if (result.kind === 'error' && result.reusedSocket && result.code === 'ECONNRESET' && !deadline.aborted) {
      result = await this.#attempt(url, headers, body, deadline);
    }
    if (result.kind === 'error') {
      return { status: null, durationMs: elapsed(), error: result.message, retryAfterMs: null };
    }
    const { status, snippet, location, retryAfter } = result;
    const durationMs = elapsed();
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    if (status >= 200 && status < 300) return { status, durationMs, error: null, retryAfterMs };
    let error = `HTTP ${status}`;
    if (status >= 300 && status < 400) error += `: redirect${location ? ` to ${location.slice(0, 300)}` : ''} not followed; register the final URL`;
    else if (snippet) error += `: ${snippet}`;
    return { status, durationMs, error, retryAfterMs };
  }

  #attempt(url: URL, headers: Record<string, string>, body: string, deadline: AbortSignal): Promise<AttemptResult> {
    const timeout = (): AttemptResult => ({ kind: 'error', message: new TimeoutError(this.#timeoutMs).message, code: 'ETIMEDOUT', reusedSocket: false });
    if (deadline.aborted) return Promise.resolve(timeout());
    return new Promise((resolve) => {
      const secure = url.protocol === 'https:';
      const payload = Buffer.from(body);
      // Past the deadline nothing counts, not even a status line already read.
      let settled = false;
      const done = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        deadline.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? this.#https : this.#http,
        lookup: this.#lookup,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length), 'user-agent': this.#userAgent },
      });
      const onAbort = () => {
        done(timeout());
        req.destroy(new TimeoutError(this.#timeoutMs));
      };
      deadline.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err: NodeJS.ErrnoException) => done({ kind: 'error', message: describe(err, url), code: err.code, reusedSocket: req.reusedSocket }));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          done({
            kind: 'answer',
            status: res.statusCode ?? 0,
            snippet: Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, ERROR_SNIPPET),
            location: header(res.headers.location),
            retryAfter: header(res.headers['retry-after']),
          });
        res.on('data', (chunk: Buffer) => {
          if (size >= this.#maxBytes) return;
          size += chunk.length;
          chunks.push(chunk);
          // Enough read: drop the rest with the connection.
          if (size >= this.#maxBytes) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      });
      req.end(payload);
    });
  }

  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}

type AttemptResult =
  | { kind: 'answer'; status: number; snippet: string; location: string | undefined; retryAfter: string | undefined }
  | { kind: 'error'; message: string; code: string | undefined; reusedSocket: boolean };

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function describe(err: NodeJS.ErrnoException, url: URL): string {
  if (err instanceof BlockedAddressError || err instanceof TimeoutError) return `${err instanceof BlockedAddressError ? 'blocked: ' : ''}${err.message}`;
  const host = url.host;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${url.hostname} could not be resolved`;
    case 'ECONNRESET':
      return `${host} closed the connection`;
    default:
      return `${err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 300);
  }
}
