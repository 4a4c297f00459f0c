import { monotonicFactory } from 'ulid';

// Opaque, prefixed, sortable ids (`int_01JD…`). A monotonic ULID keeps ids
// created in the same millisecond in order, so "ORDER BY id" is creation order
// and id cursors are stable under inserts.
export const ID_PREFIXES = {
  institution: 'ins',
  apiKey: 'key',
  seeker: 'skr',
  contact: 'con',
  interview: 'int',
  event: 'evt',
  webhookEndpoint: 'whe',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  reminder: 'rem',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ulid = monotonicFactory();

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid().toLowerCase()}`;
}

/** The pattern of a whole id with the given prefix: `int_` and 26 lowercase Crockford base32 characters. */
export function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`);
}
