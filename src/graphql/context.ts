import type { FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { bearer } from '../http/auth.js';
import { authenticate, grants, type Principal, type Scope } from '../services/api-keys.js';
import type { Clock, TenantContext } from '../services/context.js';
import type { WebhookPolicy } from '../services/webhooks.js';
import type { EventBus } from './event-bus.js';
import { createLoaders, type Loaders } from './loaders.js';

declare module 'mercurius' {
  interface MercuriusContext {
    rapport: RequestScope;
  }
}

export type GraphQLContext = MercuriusContext;

export interface GraphQLDeps {
  db: Database;
  clock: Clock;
  bus: EventBus;
  webhookPolicy: WebhookPolicy;
}

/**
 * One HTTP request (or one WebSocket connection): the same Bearer auth as
 * REST, run once and only when a field needs it, so introspection works
 * without a key. The key may also come in connection_init's payload
 * (`{ authorization: 'Bearer …' }`); mercurius copies it onto the upgrade
 * request's headers, which is why the header is read lazily.
 */
export class RequestScope {
  #principal: Promise<Principal | null> | undefined;
  #tenant: TenantContext | undefined;
  #loaders: Loaders | undefined;

  constructor(
    readonly deps: GraphQLDeps,
    private readonly request: FastifyRequest,
  ) {}

  /** The caller's TenantContext, built as src/http/auth.ts builds it, if the key grants `scope`. */
  async tenant(scope: Scope): Promise<TenantContext> {
    const token = bearer(this.request);
    if (!token) {
      throw new AppError('unauthorized', 'Send your API key as "Authorization: Bearer <key>" (over WebSocket: connection_init { authorization }).');
    }
    this.#principal ??= authenticate(this.deps.db, token);
    const principal = await this.#principal;
    if (!principal) throw new AppError('unauthorized', 'That API key is not valid or has been revoked.');
    if (!grants(principal.scopes, scope)) {
      throw new AppError('insufficient_scope', `This needs the "${scope}" scope; the key has ${principal.scopes.join(', ') || 'none'}.`);
    }
    this.#tenant ??= {
      db: this.deps.db,
      clock: this.deps.clock,
      tenant: principal.tenant,
      actor: { type: 'api_key', id: principal.keyId },
      scopes: principal.scopes,
    };
    return { ...this.#tenant };
  }

  /**
   * Batching loaders for nested fields. Every nested field sits under a root
   * field that has already authenticated, so this never needs to wait.
   */
  get loaders(): Loaders {
    if (!this.#tenant) throw new Error('loaders used before the root field authenticated');
    this.#loaders ??= createLoaders(this.#tenant);
    return this.#loaders;
  }
}
