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
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ulid = monotonicFactory();

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid().toLowerCase()}`;
}

const ID_BODY = /^[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(kind: IdKind, value: string): boolean {
  const prefix = `${ID_PREFIXES[kind]}_`;
  return value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}
