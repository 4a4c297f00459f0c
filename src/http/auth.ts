import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { authenticate, grants, type Scope } from '../services/api-keys.js';
import type { Clock, TenantContext } from '../services/context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every /v1 route: the caller's institution, never optional. */
    ctx: TenantContext;
  }
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one are public. */
    scope?: Scope;
  }
}

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

async function authPlugin(app: FastifyInstance, opts: { db: Database; clock: Clock }) {
  app.decorateRequest('ctx', null as unknown as TenantContext);
  app.addHook('onRequest', async (req) => {
    const scope = req.routeOptions.config.scope;
    if (!scope) return;
    const token = bearer(req);
    if (!token) throw new AppError('unauthorized', 'Send your API key as "Authorization: Bearer <key>".');
    const principal = await authenticate(opts.db, token);
    if (!principal) throw new AppError('unauthorized', 'That API key is not valid or has been revoked.');
    if (!grants(principal.scopes, scope)) {
      throw new AppError('insufficient_scope', `This needs the "${scope}" scope; the key has ${principal.scopes.join(', ') || 'none'}.`);
    }
    req.ctx = { db: opts.db, clock: opts.clock, tenant: principal.tenant, actor: { type: 'api_key', id: principal.keyId } };
  });
}

export default fp(authPlugin, { name: 'rapport-auth' });
