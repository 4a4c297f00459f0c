import { decide, type Action, type ActionInput, type InterviewChanges, type RuleResult } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { InterviewView } from '../schemas/interviews.js';
import type { TenantContext } from './context.js';
import { appendEvent, type EventView } from './events.js';
import { checkVersion, dueColumns, insertInterview, lockInterview, type Versioned } from './interviews.js';
import { toContact, type ContactView } from './serialize.js';
import { newId } from '../ids.js';
import type { Tx } from '../db/database.js';
import { snapshot, toInterview } from './interview-rows.js';

export interface ActionResult {
  interview: InterviewView;
  advisories: RuleResult[];
  event: EventView;
  referral?: { contact: ContactView; interview: InterviewView };
}

function toData(changes: InterviewChanges): Prisma.InterviewUpdateInput {
  const { rescheduleCount, ...rest } = changes;
  return { ...rest, ...(rescheduleCount === 'increment' && { rescheduleCount: { increment: 1 } }) };
}

/**
 * Runs one action of the state machine: lock the interview, let the domain
 * decide, then persist the change and its event in the same transaction.
 * Racing calls queue on the row lock; the loser re-reads the new state and
 * gets a clean `invalid_transition`.
 */
export async function performAction<A extends Action>(
  ctx: TenantContext,
  id: string,
  action: A,
  input: ActionInput<A>,
  opts: Versioned = {},
): Promise<ActionResult> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const loaded = await lockInterview(tx, ctx, id);
    checkVersion(loaded.row.version, opts.expectedVersion);
    const { row, contact } = loaded;
    const { policy, timeZone } = ctx.tenant;
    const decision = decide(snapshot(row, contact), action, input, now, policy, timeZone);
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

    const changed = { ...row, ...materialize(decision.changes, row.rescheduleCount) };
    const due = dueColumns({ row: changed, contact }, ctx);
    const updated = await tx.interview.update({
      where: { id },
      data: { ...toData(decision.changes), ...due, version: { increment: 1 }, updatedAt: now },
    });
    const interview = toInterview({ row: updated, contact }, ctx.tenant, now);

    let referral: ActionResult['referral'];
    if (action === 'add_referral') referral = await addReferral(tx, ctx, now, row, input as ActionInput<'add_referral'>);

    const event = await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
      type: decision.eventType,
      subjectType: 'interview',
      subjectId: id,
      interviewId: id,
      data: {
        interview,
        action,
        from: decision.from,
        to: decision.to,
        input,
        advisories: decision.advisories,
        ...(referral && { referral: { contactId: referral.contact.id, interviewId: referral.interview.id } }),
      },
    });
    return { interview, advisories: decision.advisories, event, ...(referral && { referral }) };
  });
}

function materialize(changes: InterviewChanges, rescheduleCount: number) {
  const { rescheduleCount: inc, ...rest } = changes;
  return { ...rest, rescheduleCount: inc === 'increment' ? rescheduleCount + 1 : rescheduleCount };
}

// "Ask them if they know anyone else": the suggestion becomes a contact
// introduced by this one and a new interview in prospect, linked back.
async function addReferral(
  tx: Tx,
  ctx: TenantContext,
  now: Date,
  source: { id: string; seekerId: string; contactId: string },
  input: ActionInput<'add_referral'>,
) {
  const contactRow = await tx.contact.create({
    data: {
      id: newId('contact'),
      institutionId: ctx.tenant.id,
      name: input.name,
      email: input.email ?? null,
      linkedinUrl: input.linkedinUrl ?? null,
      organization: input.organization ?? null,
      title: input.title ?? null,
      field: input.field ?? null,
      introducedById: source.contactId,
      mayUseName: input.mayUseName ?? false,
      researchNotes: null,
      howWeMet: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    },
  });
  const contact = toContact(contactRow);
  await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
    type: 'contact.created',
    subjectType: 'contact',
    subjectId: contact.id,
    data: { contact },
  });
  const { view } = await insertInterview(tx, ctx, now, {
    seekerId: source.seekerId,
    contactId: contact.id,
    referredFromInterviewId: source.id,
  });
  return { contact, interview: view };
}
