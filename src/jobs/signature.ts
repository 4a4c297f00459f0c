import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks signatures (https://www.standardwebhooks.com/, the spec's
// "Signature scheme"): `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, the
// key being the base64 part of a `whsec_` secret. Several signatures are
// space-separated; a receiver accepts the message if any one verifies, which
// is how a rotated-out secret keeps working for its grace period.

export const SECRET_PREFIX = 'whsec_';

/** A new secret: 32 random bytes (the spec allows 24 to 64), base64, prefixed. */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

export function sign(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three Standard Webhooks headers for one attempt, signed with every secret given. */
export function webhookHeaders(secrets: readonly string[], msgId: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, msgId, timestamp, body)).join(' '),
  };
}
