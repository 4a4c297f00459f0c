import type { FastifyInstance } from 'fastify';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Tenant } from '../helpers/app.js';

// A real WebSocket client for the `events` subscription: graphql-ws speaking
// graphql-transport-ws, the key in connection_init as a browser would send it.

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** graphql-transport-ws acknowledges no subscription: wait until the server follows `n` for this institution. */
export async function following(app: FastifyInstance, institutionId: string, n = 1) {
  const until = Date.now() + 30_000; // a hang guard: a loaded CI machine is slow, not wrong
  while (app.eventBus.subscriberCount(institutionId) < n) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${n} subscriber(s)`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Received {
  type: string;
  sequence: number;
  data: Record<string, unknown>;
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return `ws://127.0.0.1:${port}/graphql`;
}

/** Subscribes with the key in connection_init; collects what arrives. */
export const EVENTS = 'subscription($after: ID, $types: [String!]) { events(after: $after, types: $types) { type sequence data } }';

export function follow(t: Teardown, url: string, key: string | null, variables: Record<string, unknown> = {}, query = EVENTS) {
  const client: Client = createClient({ url, webSocketImpl: WebSocket, connectionParams: key ? { authorization: `Bearer ${key}` } : {}, retryAttempts: 0, lazy: false });
  const got: Received[] = [];
  const errors: { message: string; extensions?: Record<string, unknown> }[] = [];
  const stop = client.subscribe<{ events: Received }>(
    { query, variables },
    {
      next: (v) => (v.data ? got.push(v.data.events) : errors.push(...((v.errors ?? []) as never[]))),
      error: (e) => errors.push(...(Array.isArray(e) ? e : [{ message: String((e as Error).message ?? e) }])),
      complete: () => undefined,
    },
  );
  t.teardown(async () => {
    stop();
    await client.dispose();
  });
  return { got, errors };
}

export const create = (a: Tenant, name: string) => a.call({ method: 'POST', url: '/v1/seekers', payload: { name } });

