import type { Tx } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import type { Prisma, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../generated/prisma/client.js';
import { newId } from '../ids.js';
import { registrationProblem } from '../jobs/address-guard.js';
import { newSecret } from '../jobs/signature.js';
import type { AttemptOutcome, DeliveryListQuery, WebhookEndpointCreate, WebhookEndpointPatch } from '../schemas/webhooks.js';
import type { TenantContext } from './context.js';
import { appendEvent, type EventView } from './events.js';
import { decodeCursor, encodeCursor, page } from './pagination.js';
import { TEST_EVENT_TYPE } from './webhook-fanout.js';

// Webhook endpoints and their delivery log, for one institution. Sending is
// src/jobs' business; this is what the API can ask of it: register, change,
// pause and resume, rotate the secret, read the log, redeliver, test.

/** How long a rotated-out secret keeps signing alongside the new one. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

export interface WebhookPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: accept loopback and private addresses (tests, local development). */
  allowPrivate: boolean;
}

export type DisabledReason = 'manual' | 'gone' | 'failing';

export function toWebhookEndpoint(r: WebhookEndpoint) {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes,
    enabled: r.enabled,
    disabledReason: r.disabledReason as DisabledReason | null,
    disabledAt: r.disabledAt?.toISOString() ?? null,
    failingSince: r.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: r.previousSecret ? (r.previousSecretExpiresAt?.toISOString() ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type WebhookEndpointView = ReturnType<typeof toWebhookEndpoint>;

export function toWebhookDelivery(r: WebhookDelivery) {
  return {
    id: r.id,
    endpointId: r.endpointId,
    eventId: r.eventId,
    eventType: r.eventType,
    sequence: r.sequence,
    status: r.status as 'pending' | 'delivered' | 'failed',
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    lastDurationMs: r.lastDurationMs,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type WebhookDeliveryView = ReturnType<typeof toWebhookDelivery>;

export function toWebhookAttempt(r: WebhookAttempt) {
  return {
    id: r.id,
    deliveryId: r.deliveryId,
    endpointId: r.endpointId,
    attempt: r.attempt,
    attemptedAt: r.attemptedAt.toISOString(),
    statusCode: r.statusCode,
    durationMs: r.durationMs,
    error: r.error,
    outcome: r.outcome as AttemptOutcome,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  };
}
export type WebhookAttemptView = ReturnType<typeof toWebhookAttempt>;

function checkUrl(url: string, policy: WebhookPolicy) {
  if (policy.allowPrivate) return;
  const problem = registrationProblem(new URL(url));
  if (problem) {
    throw new AppError('webhook_url_not_allowed', `Webhooks are only sent to public addresses: ${problem}.`, {
      violations: [{ rule: 'private_address', message: problem, field: 'url' }],
    });
  }
}

async function loadEndpoint(tx: Tx, ctx: TenantContext, id: string): Promise<WebhookEndpoint> {
  const row = await tx.webhookEndpoint.findFirst({ where: { id, institutionId: ctx.tenant.id } });
  if (!row) throw notFound('webhook endpoint', id);
  return row;
}

/**
 * Endpoints one institution may have. Each is a lane the worker leases and a
 * fan-out row per event, so the count bounds what one institution costs
 * every write; 20 leaves room for a CRM, a mailer and their staging twins.
 */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export async function createWebhookEndpoint(ctx: TenantContext, input: WebhookEndpointCreate, policy: WebhookPolicy) {
  checkUrl(input.url, policy);
  const now = ctx.clock();
  const enabled = input.enabled ?? true;
  const row = await ctx.db.transaction(async (tx) => {
    // Creations for one institution take turns, so two at once cannot both
    // see room for one more. NO KEY UPDATE leaves inserts that reference the
    // institution (their foreign-key checks) free to go on.
    await tx.$queryRaw`SELECT 1 FROM institutions WHERE id = ${ctx.tenant.id} FOR NO KEY UPDATE`;
    const count = await tx.webhookEndpoint.count({ where: { institutionId: ctx.tenant.id } });
    if (count >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError(
        'webhook_endpoint_limit',
        `This institution already has ${count} webhook endpoints, the most it may have. Delete one it no longer needs, or point one endpoint at a receiver that fans out further.`,
        { extra: { limit: MAX_WEBHOOK_ENDPOINTS } },
      );
    }
    return tx.webhookEndpoint.create({
      data: {
        id: newId('webhookEndpoint'),
        institutionId: ctx.tenant.id,
        url: input.url,
        description: input.description ?? null,
        eventTypes: [...new Set(input.eventTypes ?? [])],
        enabled,
        disabledReason: enabled ? null : 'manual',
        disabledAt: enabled ? null : now,
        secret: newSecret(),
        createdAt: now,
        updatedAt: now,
      },
    });
  });
  return { ...toWebhookEndpoint(row), secret: row.secret };
}

export async function getWebhookEndpoint(ctx: TenantContext, id: string) {
  return toWebhookEndpoint(await loadEndpoint(ctx.db.prisma, ctx, id));
}

export async function listWebhookEndpoints(ctx: TenantContext, q: { limit: number; cursor?: string | undefined }) {
  const where: Prisma.WebhookEndpointWhereInput = { institutionId: ctx.tenant.id };
  if (q.cursor) where.id = { gt: decodeCursor(q.cursor, 'whe') };
  const rows = await ctx.db.prisma.webhookEndpoint.findMany({ where, orderBy: { id: 'asc' }, take: q.limit + 1 });
  const { items, nextCursor } = page(rows, q.limit);
  return { data: items.map(toWebhookEndpoint), nextCursor };
}

export async function updateWebhookEndpoint(ctx: TenantContext, id: string, patch: WebhookEndpointPatch, policy: WebhookPolicy) {
  if (patch.url !== undefined) checkUrl(patch.url, policy);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const before = await loadEndpoint(tx, ctx, id);
    const data: Prisma.WebhookEndpointUpdateInput = { updatedAt: now };
    if (patch.url !== undefined) data.url = patch.url;
    if (patch.description !== undefined) data.description = patch.description;
    if (patch.eventTypes !== undefined) data.eventTypes = [...new Set(patch.eventTypes)];
    if (patch.enabled === false && before.enabled) {
      Object.assign(data, { enabled: false, disabledReason: 'manual', disabledAt: now });
      await pauseDeliveries(tx, id, now);
    } else if (patch.enabled === true && !before.enabled) {
      Object.assign(data, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, backoffUntil: null });
      await resumeDeliveries(tx, before, now);
    }
    return toWebhookEndpoint(await tx.webhookEndpoint.update({ where: { id }, data }));
  });
}

export async function deleteWebhookEndpoint(ctx: TenantContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    await loadEndpoint(tx, ctx, id);
    await tx.webhookEndpoint.delete({ where: { id } });
    return { id, deleted: true as const };
  });
}

/**
 * A new secret; the old one keeps signing alongside it for 24 hours (a second
 * rotation within them drops the oldest), so receivers can switch over
 * without missing a delivery.
 */
export async function rotateWebhookSecret(ctx: TenantContext, id: string) {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const before = await loadEndpoint(tx, ctx, id);
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: { secret: newSecret(), previousSecret: before.secret, previousSecretExpiresAt: new Date(now.getTime() + SECRET_OVERLAP_MS), updatedAt: now },
    });
    return { ...toWebhookEndpoint(row), secret: row.secret };
  });
}

/** An endpoint's deliveries, newest first (by event sequence). */
export async function listDeliveries(ctx: TenantContext, endpointId: string, q: DeliveryListQuery) {
  const cursorId = q.cursor ? decodeCursor(q.cursor, 'whd') : undefined;
  await loadEndpoint(ctx.db.prisma, ctx, endpointId);
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId, institutionId: ctx.tenant.id, ...(q.status && { status: q.status }) };
  if (cursorId) {
    const after = await ctx.db.prisma.webhookDelivery.findFirst({ where: { id: cursorId, endpointId }, select: { sequence: true } });
    if (!after) throw new AppError('invalid_cursor', 'The cursor is not one this list handed out; start again without it.');
    where.sequence = { lt: after.sequence };
  }
  const rows = await ctx.db.prisma.webhookDelivery.findMany({ where, orderBy: { sequence: 'desc' }, take: q.limit + 1 });
  const more = rows.length > q.limit;
  const items = more ? rows.slice(0, q.limit) : rows;
  return { data: items.map(toWebhookDelivery), nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
}

export async function getDelivery(ctx: TenantContext, id: string) {
  const row = await ctx.db.prisma.webhookDelivery.findFirst({ where: { id, institutionId: ctx.tenant.id } });
  if (!row) throw notFound('webhook delivery', id);
  return toWebhookDelivery(row);
}

/** A delivery's attempt log, oldest first; 404 unless the delivery is the institution's and under that endpoint. */
export async function listAttempts(ctx: TenantContext, endpointId: string, deliveryId: string, q: { limit: number; cursor?: string | undefined }) {
  const cursorId = q.cursor ? decodeCursor(q.cursor, 'wha') : undefined;
  const delivery = await ctx.db.prisma.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId, institutionId: ctx.tenant.id }, select: { id: true } });
  if (!delivery) {
    // Name what is missing: the endpoint itself, or the delivery under it.
    await loadEndpoint(ctx.db.prisma, ctx, endpointId);
    throw notFound('webhook delivery', deliveryId);
  }
  const where: Prisma.WebhookAttemptWhereInput = { deliveryId, institutionId: ctx.tenant.id };
  if (cursorId) {
    const after = await ctx.db.prisma.webhookAttempt.findFirst({ where: { id: cursorId, deliveryId }, select: { attempt: true } });
    if (!after) throw new AppError('invalid_cursor', 'The cursor is not one this list handed out; start again without it.');
    where.attempt = { gt: after.attempt };
  }
  const rows = await ctx.db.prisma.webhookAttempt.findMany({ where, orderBy: { attempt: 'asc' }, take: q.limit + 1 });
  const { items, nextCursor } = page(rows, q.limit);
  return { data: items.map(toWebhookAttempt), nextCursor };
}

/** Sends a delivery again, now, with a fresh retry schedule, whatever its status. */
export async function redeliver(ctx: TenantContext, id: string) {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const row = await tx.webhookDelivery.findFirst({ where: { id, institutionId: ctx.tenant.id }, include: { endpoint: { select: { enabled: true } } } });
    if (!row) throw notFound('webhook delivery', id);
    if (!row.endpoint.enabled) throw disabledError(row.endpointId);
    const updated = await tx.webhookDelivery.update({
      where: { id },
      data: { status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null, updatedAt: now },
    });
    return toWebhookDelivery(updated);
  });
}

/** Appends a `webhook.test` event that only this endpoint receives, and returns it with its delivery. */
export async function sendTestEvent(ctx: TenantContext, endpointId: string): Promise<{ event: EventView; delivery: WebhookDeliveryView }> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const endpoint = await loadEndpoint(tx, ctx, endpointId);
    if (!endpoint.enabled) throw disabledError(endpointId);
    const event = await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
      type: TEST_EVENT_TYPE,
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      data: { webhookEndpoint: { id: endpoint.id, url: endpoint.url }, message: 'A test event from Rapport: if you can read this, the endpoint works.' },
    });
    const delivery = await tx.webhookDelivery.findUniqueOrThrow({ where: { endpointId_eventId: { endpointId, eventId: event.id } } });
    return { event, delivery: toWebhookDelivery(delivery) };
  });
}

function disabledError(endpointId: string) {
  return new AppError('webhook_endpoint_disabled', `Webhook endpoint ${endpointId} is disabled; enable it first (PATCH enabled: true).`);
}

/** Disabled: what is queued waits, unscheduled, for a re-enable. */
export async function pauseDeliveries(tx: Tx, endpointId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE webhook_deliveries SET next_attempt_at = NULL, updated_at = ${now}::timestamptz
    WHERE endpoint_id = ${endpointId} AND status = 'pending' AND next_attempt_at IS NOT NULL`;
}

/**
 * Re-enabled: resume from where it stopped. Everything still queued is due
 * now, and so is every delivery whose last attempt failed while the endpoint
 * was failing (since `failingSince`), each with a fresh schedule; they leave
 * in sequence order.
 */
async function resumeDeliveries(tx: Tx, endpoint: WebhookEndpoint, now: Date): Promise<void> {
  const since = endpoint.failingSince;
  await tx.$executeRaw`
    UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    WHERE endpoint_id = ${endpoint.id}
      AND ((status = 'pending' AND next_attempt_at IS NULL)
        OR (status = 'failed' AND ${since}::timestamptz IS NOT NULL AND updated_at >= ${since}::timestamptz))`;
}
