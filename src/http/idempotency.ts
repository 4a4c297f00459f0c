import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { claimKey, KEY_PATTERN, releaseKey, REPLAYED_HEADERS, requestHash, storeResponse, withCommitMark } from '../services/idempotency.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
  interface FastifyContextConfig {
    /**
     * The answer carries a secret that is otherwise kept only as a hash (an
     * API key, a calendar token): a saved answer would keep it in clear for
     * a day, so the route does not honour Idempotency-Key.
     */
    answersSecret?: boolean;
  }
}

// `Idempotency-Key` on any authenticated POST. Runs after validation, so the
// body it hashes is the one the handler will see.
async function idempotencyPlugin(app: FastifyInstance) {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers['idempotency-key'];
    const { scope, answersSecret } = req.routeOptions.config;
    if (req.method !== 'POST' || header === undefined || !scope || answersSecret) return;
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID.', {
        violations: [{ rule: 'idempotency_key', message: 'not a valid key', field: 'header.idempotency-key' }],
      });
    }
    const { db, tenant, clock } = req.ctx;
    const hash = requestHash(req.method, req.url.split('?')[0]!, req.body);
    const claim = await claimKey(db, tenant.id, key, hash, clock());
    switch (claim.kind) {
      case 'run':
        req.idempotencyKey = key;
        req.ctx = { ...req.ctx, db: withCommitMark(db, tenant.id, key) };
        return;
      case 'replay':
        return reply
          .code(claim.response.status)
          .headers({ ...claim.response.headers, 'idempotent-replayed': 'true' })
          .send(claim.response.body);
      case 'reused':
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was first used with a different request; use a new key for a new request.');
      case 'in_progress':
        throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry in a moment.');
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.idempotencyKey;
    if (!key) return payload;
    req.idempotencyKey = null;
    const { db, tenant } = req.ctx;
    if (reply.statusCode >= 500) {
      await releaseKey(db, tenant.id, key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const h of REPLAYED_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? null);
    await storeResponse(db, tenant.id, key, { status: reply.statusCode, body, headers });
    return payload;
  });
}

export default fp(idempotencyPlugin, { name: 'rapport-idempotency', dependencies: ['rapport-auth'] });
