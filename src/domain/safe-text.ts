import { z } from 'zod';

// PostgreSQL refuses NUL in text and jsonb, and jsonb refuses unpaired UTF-16
// surrogates: such strings must be turned away as bad input at the edge, not
// discovered as a database error after the rules have run.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** A trimmed string of at most `max` characters that the database can store. */
export const storableText = (max: number) =>
  z.string().trim().max(max).refine(isStorableText, 'must not contain NUL characters or unpaired surrogates');
