import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, problemType, type ErrorCode, type Violation } from '../errors.js';

// Everything that leaves as an error goes through here and becomes RFC 9457
// problem+json with a stable `code`. Client mistakes are named precisely;
// anything unexpected is a logged 500 that reveals nothing.

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  const body: Record<string, unknown> = {
    type: problemType(err.code),
    title: ERRORS[err.code].title,
    status: err.status,
    detail: err.message,
    code: err.code,
    instance: req.url,
    ...(err.violations && { violations: err.violations }),
    ...err.extra,
  };
  // RFC 9110 §15.5.2: a 401 names the scheme to authenticate with.
  if (err.status === 401) reply.header('www-authenticate', 'Bearer realm="rapport"');
  return reply.code(err.status).type('application/problem+json').send(JSON.stringify(body));
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
  FST_ERR_BAD_URL: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
};

function validationViolations(err: FastifyError): Violation[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const params = v.params as { keys?: string[] } | undefined;
    // zod reports unknown keys on the parent object; name the key itself.
    const field = params?.keys?.length ? [path, params.keys.join(',')].filter(Boolean).join('.') : path;
    return { rule: v.keyword, message: v.message ?? 'is not valid', field: field ? `${where}.${field}` : where };
  });
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const err = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(err) || (err.validation && err.statusCode === 400)) {
    const violations = validationViolations(err);
    const first = violations[0];
    const detail = first ? `${first.field}: ${first.message}${violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''}` : 'The request is not valid.';
    return new AppError('validation_failed', detail, { violations });
  }
  // secure-json-parse refuses __proto__ / constructor.prototype keys; fastify
  // wraps that as an invalid-JSON error, but the cause deserves its own words.
  if (/prototype property/i.test(String(err.message)) || /prototype property/i.test(String((err.cause as Error | undefined)?.message))) {
    return new AppError('malformed_json', 'The body has a "__proto__" or "constructor.prototype" key, which is refused.');
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return new AppError(mapped, err.message);
  if (err instanceof SyntaxError) return new AppError('malformed_json', `The body is not valid JSON: ${err.message}`);
  // A last line of defence: text the database cannot store is still bad input.
  if (isUnstorableTextError(error)) return new AppError('validation_failed', 'A text field holds characters that cannot be stored (NUL or an unpaired surrogate).');
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    const code: ErrorCode = err.statusCode === 413 ? 'body_too_large' : err.statusCode === 415 ? 'unsupported_media_type' : err.statusCode === 405 ? 'method_not_allowed' : 'validation_failed';
    return new AppError(code, err.message);
  }
  return null;
}

function isUnstorableTextError(error: unknown): boolean {
  const text = JSON.stringify({ code: (error as { code?: unknown }).code, meta: (error as { meta?: unknown }).meta, message: String((error as Error).message) });
  return /P2039|22021|22P05|invalid byte sequence|unsupported Unicode escape/i.test(text);
}

export function errorHandler(this: unknown, error: unknown, req: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(error);
  if (app) {
    if (app.status >= 500) req.log.error({ err: error }, 'request failed');
    return sendProblem(reply, req, app);
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, req, new AppError('internal_error', 'An unexpected error occurred; it has been logged with this request id: ' + req.id));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, req, new AppError('not_found', `No route matches ${req.method} ${req.url.split('?')[0]}.`));
}
