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
    /**
     * The route also takes a secret `token` in its query string (a calendar
     * feed: calendar apps cannot send headers). When the query has one, the
     * API key is not asked for and the route checks the token itself.
     */
    calendarToken?: boolean;
  }
}

/** Whether the request carries `?token=`, which makes it a token request on a `calendarToken` route. */
export function hasQueryToken(req: FastifyRequest): boolean {
  const query = req.query as Record<string, unknown> | null | undefined;
  return query != null && Object.hasOwn(query, 'token');
}

/**
 * The URL with the value of every `token` query parameter replaced: what logs
 * and error answers show instead of a credential.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // Undecodable: compared as sent.
      }
      return decoded.trim().toLowerCase() === 'token' ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
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
    const { scope, calendarToken } = req.routeOptions.config;
    if (!scope) return;
    if (calendarToken && hasQueryToken(req)) return;
    const token = bearer(req);
    if (!token) throw new AppError('unauthorized', 'Send your API key as "Authorization: Bearer <key>".');
    const principal = await authenticate(opts.db, token);
    if (!principal) throw new AppError('unauthorized', 'That API key is not valid or has been revoked.');
    if (!grants(principal.scopes, scope)) {
      throw new AppError('insufficient_scope', `This needs the "${scope}" scope; the key has ${principal.scopes.join(', ') || 'none'}.`);
    }
    req.ctx = { db: opts.db, clock: opts.clock, tenant: principal.tenant, actor: { type: 'api_key', id: principal.keyId }, scopes: principal.scopes };
  });
}

export default fp(authPlugin, { name: 'rapport-auth' });
