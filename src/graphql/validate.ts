import { z } from 'zod';
import { AppError, type Violation } from '../errors.js';

// GraphQL checks types; the rules of shape (lengths, formats, ranges, unknown
// keys) are the zod schemas REST validates with, applied here to the same
// input. A ZodError becomes the same `validation_failed` with violations.

/** The violations of a ZodError, each naming its field under `where` (an argument name). */
export function zodViolations(err: z.ZodError, where: string, rename: Record<string, string> = {}): Violation[] {
  return err.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'string' ? (rename[p] ?? p) : String(p)));
    // zod reports unknown keys on the parent object; name the keys themselves.
    if (issue.code === 'unrecognized_keys') path.push(issue.keys.join(','));
    return { rule: issue.code, message: issue.message, field: [where, ...path].filter(Boolean).join('.') };
  });
}

export function validationError(err: z.ZodError, where: string, rename: Record<string, string> = {}): AppError {
  const violations = zodViolations(err, where, rename);
  const first = violations[0]!;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return new AppError('validation_failed', `${first.field}: ${first.message}${more}`, { violations });
}

/**
 * In GraphQL an optional input field may be sent as null. Where the REST
 * schema has no meaning for null (an optional, non-nullable field) null means
 * "not given" and is dropped; where null means "clear" (nullable fields of
 * patches) it is kept.
 */
function dropMeaninglessNulls(schema: z.ZodType, value: unknown): unknown {
  const shape = objectShape(schema);
  if (!shape || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = shape[key];
    if (v === null && field && !field.safeParse(null).success) continue;
    out[key] = field ? dropMeaninglessNulls(field, v) : v;
  }
  return out;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  if (schema instanceof z.ZodObject) return schema.shape;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return objectShape(schema.unwrap() as z.ZodType);
  return undefined;
}

/** Parses a GraphQL argument with its REST schema; throws `validation_failed`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string, rename: Record<string, string> = {}): z.output<S> {
  const result = schema.safeParse(dropMeaninglessNulls(schema, value ?? {}));
  if (!result.success) throw validationError(result.error, where, rename);
  return result.data;
}
