import { GraphQLError, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { AppError, ERRORS, type ErrorCode } from '../errors.js';
import { toAppError } from '../http/problem.js';

// Every error GraphQL answers carries `extensions: { code, status, … }` read
// from the one table in src/errors.ts, as REST's problem+json does: a refused
// action is `action_refused` with `violations` on both. Anything unexpected is
// logged and leaves as `internal_error` with a message that reveals nothing.

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/** The extensions of an AppError: the same fields REST's problem+json carries. */
export function extensionsOf(err: AppError): Record<string, unknown> {
  return { code: err.code, status: err.status, ...(err.violations && { violations: err.violations }), ...err.extra };
}

/** An AppError as a GraphQLError, for paths that do not pass the formatter (subscription start). */
export function toGraphQLError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError) return err;
  if (err instanceof AppError) return new GraphQLError(err.message, { originalError: err, extensions: extensionsOf(err) });
  return new GraphQLError(ERRORS.internal_error.title, { extensions: { code: 'internal_error', status: 500 } });
}

interface Classified {
  message: string;
  extensions: Record<string, unknown>;
  status: number;
}

function classify(error: GraphQLError, ctx: MercuriusContext): Classified {
  const original = error.originalError;
  if (original instanceof AppError) return { message: original.message, extensions: extensionsOf(original), status: original.status };
  // Our own validation rules (depth and cost) put a code from the table on the error.
  const code = error.extensions?.code;
  if (!original && isErrorCode(code)) return { message: error.message, extensions: { ...error.extensions, status: ERRORS[code].status }, status: ERRORS[code].status };
  // Syntax, validation and variable errors of graphql-js: the client's query is wrong.
  if (!original || original instanceof GraphQLError) {
    return { message: error.message, extensions: { code: 'validation_failed', status: 400 }, status: 400 };
  }
  // Errors of the HTTP layer on /graphql (malformed JSON, 405 for a mutation over GET, …).
  const mapped = toAppError(original);
  if (mapped && mapped.status < 500) return { message: mapped.message, extensions: extensionsOf(mapped), status: mapped.status };
  const log = ctx.reply?.log ?? ctx.app?.log;
  log?.error({ err: original, path: error.path }, 'graphql resolver failed');
  const requestId = ctx.reply?.request?.id;
  return {
    message: `An unexpected error occurred; it has been logged${requestId ? ` with this request id: ${requestId}` : ''}.`,
    extensions: { code: 'internal_error', status: 500 },
    status: 500,
  };
}

/**
 * mercurius wraps request-level errors (validation, 405 for a mutation over
 * GET) in one error with `.errors` and a `statusCode`; unwrap them, keeping
 * the wrapper's status for the ones that are not GraphQL errors.
 */
function wrapped(err: unknown): { errors?: unknown; statusCode?: unknown } | undefined {
  return typeof err === 'object' && err !== null ? err : undefined;
}

function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((e): GraphQLError[] => {
    const wrapper = wrapped(e.originalError);
    const inner: unknown = wrapper?.errors;
    if (!Array.isArray(inner)) return [e];
    return inner.map((x: unknown) => {
      if (x instanceof GraphQLError) return x;
      const original = Object.assign(new Error(x instanceof Error ? x.message : String(x)), { statusCode: wrapper?.statusCode });
      return new GraphQLError(original.message, { originalError: original });
    });
  });
}

/**
 * mercurius' errorFormatter. Field errors answer HTTP 200 with partial data
 * (GraphQL over HTTP); a request that never executed (bad syntax, too deep,
 * malformed JSON) answers the status of its code.
 */
export function errorFormatter(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  ctx: MercuriusContext,
): { statusCode: number; response: FormattedExecutionResult } {
  const classified = flatten(execution.errors).map((error) => ({ error, ...classify(error, ctx) }));
  const errors = classified.map(({ error, message, extensions }) => ({
    message,
    ...(error.locations && { locations: error.locations }),
    ...(error.path && { path: error.path }),
    extensions,
  }));
  const statusCode = execution.data ? 200 : Math.max(...classified.map((c) => c.status), 400);
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
