import type { FastifyInstance } from 'fastify';
import type { Tenant } from '../helpers/app.js';

// Test results are read loosely, as JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface GqlResult<T = Json> {
  status: number;
  data: T | null;
  errors: { message: string; path?: string[]; extensions: { code: string; status: number; violations?: { rule: string; message: string; field?: string }[]; [k: string]: unknown } }[] | undefined;
}

/** POST /graphql as this tenant. */
export function gql(a: Tenant) {
  return async <T = Json>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> => {
    const res = await a.call({ method: 'POST', url: '/graphql', payload: { query, variables } });
    const body = res.json();
    return { status: res.statusCode, data: body.data ?? null, errors: body.errors };
  };
}

/** POST /graphql with any headers (or none). */
export async function rawGql(app: FastifyInstance, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<GqlResult> {
  const res = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query, variables } });
  const body = res.json();
  return { status: res.statusCode, data: body.data ?? null, errors: body.errors };
}

/** The codes of a result's errors, in order. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions.code);

export const ACTION_RESULT = `interview { id state version availableActions { action allowed violations { rule message } } } advisories { rule message } event { id type sequence data }`;
