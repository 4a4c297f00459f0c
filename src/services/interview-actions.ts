import { decide, type Action, type ActionInput, type ActionOverride, type InterviewChanges, type OverridableRuleCode, type RuleResult } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Contact } from '../generated/prisma/client.js';
import { camelRow } from '../db/rows.js';
import type { InterviewView } from '../schemas/interviews.js';
import type { TenantContext } from './context.js';
import { grants } from './api-keys.js';
import { appendEvent, type EventView } from './events.js';
import { checkVersion, dueColumns, insertInterview, lockInterview, type Versioned } from './interviews.js';
import { toContact, type ContactView } from './serialize.js';
import { newId } from '../ids.js';
import type { Sql } from '../db/database.js';
import { snapshot, toInterview, updateInterviewRow } from './interview-rows.js';

/** What an override did, as the event and the answer record it. */
export interface OverrideRecord {
  rules: OverridableRuleCode[];
  reason: string;
  /** The key that sent it (a `review` key). */
  apiKeyId: string;
  /** The refusals it let through; empty when the named rules did not fire. */
  lifted: RuleResult[];
}

export interface ActionResult {
  interview: InterviewView;
  advisories: RuleResult[];
  /** Set when the action was sent with an override. */
  override?: OverrideRecord;
  event: EventView;
  referral?: { contact: ContactView; interview: InterviewView };
}

/**
 * Runs one action of the state machine: lock the interview, let the domain
 * decide, then persist the change and its event in the same transaction.
 * Racing calls queue on the row lock; the loser re-reads the new state and
 * gets a clean `invalid_transition`.
 *
 * An `override` in the input needs the `review` scope, checked here for REST
 * and GraphQL alike before anything is read or written.
 */
export async function performAction<A extends Action>(
  ctx: TenantContext,
  id: string,
  action: A,
  input: ActionInput<A>,
  opts: Versioned = {},
): Promise<ActionResult> {
  return ctx.db.sqlTransaction((sql) => performActionIn(sql, ctx, id, action, input, opts));
}

/** performAction inside the caller's transaction (the scheduler expires requests this way). */
export async function performActionIn<A extends Action>(
  sql: Sql,
  ctx: TenantContext,
  id: string,
  action: A,
  input: ActionInput<A>,
  opts: Versioned = {},
): Promise<ActionResult> {
  const { override, ...actionInput } = input;
  if (override) checkMayOverride(ctx, action);
  const now = ctx.clock();
  const loaded = await lockInterview(sql, ctx, id);
  checkVersion(loaded.row.version, opts.expectedVersion);
  const { row, contact } = loaded;
  const { policy, timeZone } = ctx.tenant;
  const decision = decide(snapshot(row, contact), action, input, now, policy, timeZone, new Set(override?.rules));
  if (!decision.ok) {
    if (decision.code === 'invalid_transition') {
      throw new AppError('invalid_transition', decision.message, {
        violations: [{ rule: 'invalid_transition', message: decision.message }],
        extra: { state: decision.from, action, allowedFrom: decision.allowedFrom },
      });
    }
    throw new AppError('action_refused', `The ${action} action breaks ${decision.violations.length === 1 ? 'a rule' : 'some rules'}; nothing was changed.`, {
      violations: decision.violations,
      extra: { advisories: decision.advisories },
    });
  }

  // Computed under the row lock, so the increment is safe as a plain value.
  const changes = materialize(decision.changes, row.rescheduleCount);
  const due = dueColumns({ row: { ...row, ...changes }, contact }, ctx, now);
  const updated = await updateInterviewRow(sql, id, { ...changes, ...due, updatedAt: now });
  const interview = toInterview({ row: updated, contact }, ctx.tenant, now);

  let referral: ActionResult['referral'];
  if (action === 'add_referral') referral = await addReferral(sql, ctx, now, row, input as ActionInput<'add_referral'>);
  const overridden = override && overrideRecord(ctx, override, decision.lifted);

  const event = await appendEvent(sql, ctx.tenant.id, ctx.actor, now, {
    type: decision.eventType,
    subjectType: 'interview',
    subjectId: id,
    interviewId: id,
    data: {
      interview,
      action,
      from: decision.from,
      to: decision.to,
      input: actionInput,
      advisories: decision.advisories,
      ...(overridden && { override: overridden }),
      ...(referral && { referral: { contactId: referral.contact.id, interviewId: referral.interview.id } }),
    },
  });
  return { interview, advisories: decision.advisories, ...(overridden && { override: overridden }), event, ...(referral && { referral }) };
}

function checkMayOverride(ctx: TenantContext, action: Action): void {
  if (ctx.actor.type === 'api_key' && grants(ctx.scopes, 'review')) return;
  throw new AppError(
    'override_not_allowed',
    `Overriding a rule on ${action} needs an API key with the "review" scope; this key has ${ctx.scopes.join(', ') || 'none'}. Nothing was changed.`,
  );
}

// Only rule, message and field of each lifted refusal: the record says which
// checks a person overruled, in the words the seeker would have seen.
function overrideRecord(ctx: TenantContext, override: ActionOverride, lifted: readonly RuleResult[]): OverrideRecord {
  return {
    rules: override.rules,
    reason: override.reason,
    apiKeyId: ctx.actor.id,
    lifted: lifted.map(({ rule, message, field }) => ({ rule, message, ...(field !== undefined && { field }) })),
  };
}

function materialize(changes: InterviewChanges, rescheduleCount: number) {
  const { rescheduleCount: inc, ...rest } = changes;
  return { ...rest, rescheduleCount: inc === 'increment' ? rescheduleCount + 1 : rescheduleCount };
}

// "Ask them if they know anyone else": the suggestion becomes a contact
// introduced by this one and a new interview in prospect, linked back.
async function addReferral(
  sql: Sql,
  ctx: TenantContext,
  now: Date,
  source: { id: string; seekerId: string; contactId: string },
  input: ActionInput<'add_referral'>,
) {
  const [raw] = await sql.query(
    `INSERT INTO contacts (id, institution_id, name, email, linkedin_url, organization, title, field, introduced_by_id, may_use_name, how_we_met, tags, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '{}', $12, $12) RETURNING *`,
    [
      newId('contact'), ctx.tenant.id, input.name, input.email ?? null, input.linkedinUrl ?? null, input.organization ?? null,
      input.title ?? null, input.field ?? null, source.contactId, input.mayUseName ?? false, input.note ?? null, now,
    ],
  );
  const contact = toContact(camelRow<Contact>(raw!));
  await appendEvent(sql, ctx.tenant.id, ctx.actor, now, {
    type: 'contact.created',
    subjectType: 'contact',
    subjectId: contact.id,
    data: { contact },
  });
  const { view } = await insertInterview(sql, ctx, now, {
    seekerId: source.seekerId,
    contactId: contact.id,
    referredFromInterviewId: source.id,
  });
  return { contact, interview: view };
}
