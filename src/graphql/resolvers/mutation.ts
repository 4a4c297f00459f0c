import { actionInputSchemas, type Action, type ActionInput } from '../../domain/index.js';
import { institutionPatchSchema } from '../../schemas/institution.js';
import { interviewCreateSchema, interviewPatchSchema } from '../../schemas/interviews.js';
import { contactCreateSchema, contactPatchSchema, seekerCreateSchema, seekerPatchSchema } from '../../schemas/people.js';
import { contacts } from '../../services/contacts.js';
import { updateInstitution } from '../../services/institutions.js';
import { performAction } from '../../services/interview-actions.js';
import { createInterviewWithEvent, updateInterview } from '../../services/interviews.js';
import { seekers } from '../../services/seekers.js';
import { idArg } from '../connection.js';
import type { MutationResolvers } from '../generated/types.js';
import { mutation } from '../idempotency.js';
import type { ActionPayloadModel } from '../models.js';
import { parseInput } from '../validate.js';
import { webhookMutations } from './webhooks.js';
import { apiKeyMutations } from './api-keys.js';
import { syncMutations } from './sync.js';
import { privacyMutations } from './privacy.js';

// Mutations need `write` (updateInstitution and eraseSeeker `admin`, webhooks `webhooks`).
// Each validates its input with the REST schema, then makes one service call;
// the rules are in there. `mutation()` adds auth and the idempotencyKey.

/** The mutation of each action, named after it: requestInterview, confirmInterview, … */
export const ACTION_MUTATIONS = {
  request: 'requestInterview',
  schedule: 'scheduleInterview',
  reschedule: 'rescheduleInterview',
  confirm: 'confirmInterview',
  meet: 'meetInterview',
  thank: 'thankInterview',
  follow_up: 'followUpInterview',
  decline: 'declineInterview',
  expire: 'expireInterview',
  cancel: 'cancelInterview',
  close: 'closeInterview',
  add_referral: 'addReferral',
} as const satisfies { [A in Action]: keyof MutationResolvers };

interface ActionArgs {
  id: string;
  input?: unknown;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
}

function actionResolver<A extends Action>(action: A) {
  return mutation('write', async (ctx, args: ActionArgs): Promise<ActionPayloadModel> => {
    const id = idArg('interview', args.id);
    const input = parseInput(actionInputSchemas[action], args.input, 'input') as ActionInput<A>;
    return performAction(ctx, id, action, input, { expectedVersion: args.expectedVersion ?? undefined });
  });
}

// Spelled out (not a loop over ACTIONS) so each resolver is checked against
// its mutation's generated argument and result types.
const actions = {
  [ACTION_MUTATIONS.request]: actionResolver('request'),
  [ACTION_MUTATIONS.schedule]: actionResolver('schedule'),
  [ACTION_MUTATIONS.reschedule]: actionResolver('reschedule'),
  [ACTION_MUTATIONS.confirm]: actionResolver('confirm'),
  [ACTION_MUTATIONS.meet]: actionResolver('meet'),
  [ACTION_MUTATIONS.thank]: actionResolver('thank'),
  [ACTION_MUTATIONS.follow_up]: actionResolver('follow_up'),
  [ACTION_MUTATIONS.decline]: actionResolver('decline'),
  [ACTION_MUTATIONS.expire]: actionResolver('expire'),
  [ACTION_MUTATIONS.cancel]: actionResolver('cancel'),
  [ACTION_MUTATIONS.close]: actionResolver('close'),
  [ACTION_MUTATIONS.add_referral]: actionResolver('add_referral'),
} satisfies { [A in Action as (typeof ACTION_MUTATIONS)[A]]: MutationResolvers[(typeof ACTION_MUTATIONS)[A]] };

export const Mutation: MutationResolvers = {
  ...actions,

  createInterview: mutation('write', async (ctx, args) => {
    const { view, event } = await createInterviewWithEvent(ctx, parseInput(interviewCreateSchema, args.input, 'input'));
    return { interview: view, advisories: [], event };
  }),
  updateInterview: mutation('write', async (ctx, args) => {
    const patch = parseInput(interviewPatchSchema, args.input, 'input');
    return { interview: await updateInterview(ctx, idArg('interview', args.id), patch, { expectedVersion: args.expectedVersion ?? undefined }) };
  }),

  createSeeker: mutation('write', async (ctx, args) => ({ seeker: await seekers.create(ctx, parseInput(seekerCreateSchema, args.input, 'input')) })),
  updateSeeker: mutation('write', async (ctx, args) => ({ seeker: await seekers.update(ctx, idArg('seeker', args.id), parseInput(seekerPatchSchema, args.input, 'input')) })),
  deleteSeeker: mutation('write', async (ctx, args) => seekers.remove(ctx, idArg('seeker', args.id))),

  createContact: mutation('write', async (ctx, args) => ({ contact: await contacts.create(ctx, parseInput(contactCreateSchema, args.input, 'input')) })),
  updateContact: mutation('write', async (ctx, args) => ({ contact: await contacts.update(ctx, idArg('contact', args.id), parseInput(contactPatchSchema, args.input, 'input')) })),
  deleteContact: mutation('write', async (ctx, args) => contacts.remove(ctx, idArg('contact', args.id))),

  updateInstitution: mutation('admin', async (ctx, args) => updateInstitution(ctx, parseInput(institutionPatchSchema, args.input, 'input'))),

  ...webhookMutations,
  ...apiKeyMutations,
  ...syncMutations,
  ...privacyMutations,
};
