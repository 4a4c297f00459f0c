// When a failed delivery is tried again, and when an endpoint is given up on.
// Pure: time and randomness come in as arguments.

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The wait after each failed attempt: the first retry within seconds, then
 * spreading out over about three days (5 s + 5 m + 30 m + 2 h + 5 h + 10 h +
 * 14 h + 20 h + 20 h ≈ 71.6 h). Ten attempts in all.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 20 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Each wait is stretched or shrunk by up to this fraction, so failed receivers don't get retried in lockstep. */
export const JITTER = 0.2;

/** An endpoint that has failed every attempt for this long is disabled (a brief outage never is). */
export const DISABLE_AFTER_MS = 5 * DAY;

/** The longest Retry-After honoured; a larger one is capped here. */
export const MAX_RETRY_AFTER_MS = DAY;

/**
 * The delay before the attempt after `attempts` failed ones, or null when the
 * schedule is spent. `random` is in [0, 1).
 */
export function retryDelay(attempts: number, random: number): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}

/**
 * A Retry-After header (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) as
 * milliseconds from `now`, capped at MAX_RETRY_AFTER_MS; null when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  let ms: number;
  if (/^\d+$/.test(v)) ms = Number(v) * SECOND;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

export type AttemptVerdict =
  | { kind: 'delivered' }
  /** The receiver said the URL is gone (410): disable the endpoint now; the delivery waits for a re-enable. */
  | { kind: 'gone' }
  | { kind: 'retry'; nextAttemptAt: Date; backoffUntil: Date | null }
  | { kind: 'failed'; backoffUntil: Date | null };

/** What one attempt's outcome means for its delivery. `attempts` counts this one. */
export function judgeAttempt(
  outcome: { status: number | null; retryAfterMs: number | null },
  attempts: number,
  now: Date,
  random: number,
): AttemptVerdict {
  const { status } = outcome;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  // 429 and 503 may say when to come back; nothing goes to the endpoint before then.
  const honoured = (status === 429 || status === 503) && outcome.retryAfterMs !== null ? outcome.retryAfterMs : null;
  const backoffUntil = honoured !== null ? new Date(now.getTime() + honoured) : null;
  const delay = retryDelay(attempts, random);
  if (delay === null) return { kind: 'failed', backoffUntil };
  return { kind: 'retry', nextAttemptAt: new Date(now.getTime() + Math.max(delay, honoured ?? 0)), backoffUntil };
}

/** Whether an endpoint failing since `failingSince` has failed long enough to be disabled. */
export function failingTooLong(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
}
