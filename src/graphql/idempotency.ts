import type { GraphQLResolveInfo } from 'graphql';
import { AppError, type Violation } from '../errors.js';
import type { Scope } from '../services/api-keys.js';
import type { TenantContext } from '../services/context.js';
import { claimKey, KEY_PATTERN, releaseKey, requestHash, storeResponse, withCommitMark } from '../services/idempotency.js';
import type { GraphQLContext } from './context.js';
import { isErrorCode } from './errors.js';

// `idempotencyKey` on every mutation, with the semantics of REST's
// Idempotency-Key header and in the same key space per institution. The hash
// is of 'GRAPHQL', the mutation's name and its other arguments, so a key used
// on REST and then on GraphQL (or on two mutations) is `idempotency_key_reused`.
// The stored answer is the resolver's result as JSON (views are plain objects
// with ISO dates), or a refusal (an AppError under 500), replayed as the same
// error; any other failure releases the key so a retry runs.

interface StoredError {
  error: { code: string; message: string; violations?: Violation[]; extra?: Record<string, unknown> };
}

function replayed<R>(status: number, body: string): R {
  if (status < 300) return JSON.parse(body) as R;
  const { error } = JSON.parse(body) as StoredError;
  if (!isErrorCode(error.code)) throw new Error(`stored idempotent answer has an unknown code ${error.code}`);
  throw new AppError(error.code, error.message, { ...(error.violations && { violations: error.violations }), ...(error.extra && { extra: error.extra }) });
}

/**
 * A mutation resolver: authenticates with `scope`, then runs `run` once per
 * idempotency key (every call when none is given).
 */
export function mutation<Args extends { idempotencyKey?: string | null }, R>(scope: Scope, run: (ctx: TenantContext, args: Args, g: GraphQLContext) => Promise<R>) {
  return async (_parent: unknown, args: Args, g: GraphQLContext, info: GraphQLResolveInfo): Promise<R> => {
    const ctx = await g.rapport.tenant(scope);
    const { idempotencyKey: key, ...rest } = args;
    if (key == null) return run(ctx, args, g);
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', 'idempotencyKey must be 1 to 255 visible ASCII characters, such as a UUID.', {
        violations: [{ rule: 'idempotency_key', message: 'not a valid key', field: 'args.idempotencyKey' }],
      });
    }
    const { db, tenant } = ctx;
    const claim = await claimKey(db, tenant.id, key, requestHash('GRAPHQL', info.fieldName, rest), ctx.clock());
    switch (claim.kind) {
      case 'replay':
        return replayed<R>(claim.response.status, claim.response.body);
      case 'reused':
        throw new AppError('idempotency_key_reused', 'This idempotencyKey was first used with a different request; use a new key for a new request.');
      case 'in_progress':
        throw new AppError('idempotency_in_progress', 'A request with this idempotencyKey is still being processed; retry in a moment.');
      case 'run':
        break;
    }
    let result: R;
    try {
      result = await run({ ...ctx, db: withCommitMark(db, tenant.id, key) }, args, g);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        const body: StoredError = { error: { code: err.code, message: err.message, violations: err.violations, extra: err.extra } };
        await storeResponse(db, tenant.id, key, { status: err.status, body: JSON.stringify(body), headers: {} });
      } else {
        await releaseKey(db, tenant.id, key);
      }
      throw err;
    }
    await storeResponse(db, tenant.id, key, { status: 200, body: JSON.stringify(result), headers: {} });
    return result;
  };
}
