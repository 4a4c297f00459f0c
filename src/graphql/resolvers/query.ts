import { describeStateMachine } from '../../domain/index.js';
import { idOf } from '../../schemas/common.js';
import { eventFeedQuery } from '../../schemas/events.js';
import { interviewListQuery } from '../../schemas/interviews.js';
import { contacts } from '../../services/contacts.js';
import { eventFeed } from '../../services/event-feed.js';
import { getInstitution } from '../../services/institutions.js';
import { getInterview, listInterviews } from '../../services/interviews.js';
import { countContacts, countInterviews, countSeekers } from '../../services/loaders.js';
import { seekers } from '../../services/seekers.js';
import { idArg, limitArg, PAGE_ARGS, recordListArgs, toConnection } from '../connection.js';
import type { QueryResolvers } from '../generated/types.js';
import { parseInput } from '../validate.js';
import { reportQueries } from './reports.js';
import { webhookQueries } from './webhooks.js';
import { apiKeyQueries } from './api-keys.js';
import { z } from 'zod';

// Every query needs the `read` scope and is one service call (a connection's
// totalCount is a second, run only when asked for).

// InterviewFilter's fields are REST's query parameters of the same names.
const FILTER_FIELDS = [
  'seekerId', 'contactId', 'updatedSince', 'dueBefore', 'dueAfter', 'thankYouDueBefore', 'followUpDueBefore',
  'confirmByAfter', 'confirmByBefore', 'requestExpiresBefore',
] as const;
const filterNames = { ...PAGE_ARGS, ids: 'filter.ids', state: 'filter.state', overdue: 'filter.overdue', ...Object.fromEntries(FILTER_FIELDS.map((f) => [f, `filter.${f}`])) };
const typesNames = { ...PAGE_ARGS, limit: 'first', types: 'types' };

export const Query: QueryResolvers = {
  interview: async (_, args, g) => getInterview(await g.rapport.tenant('read'), idArg('interview', args.id)),

  interviews: async (_, args, g) => {
    const ctx = await g.rapport.tenant('read');
    const f = args.filter ?? {};
    const q = parseInput(
      interviewListQuery,
      {
        limit: limitArg(args.first),
        cursor: args.after,
        ids: f.ids ? f.ids.join(',') : undefined,
        state: f.state?.length ? f.state.join(',') : undefined,
        overdue: f.overdue == null ? undefined : String(f.overdue),
        ...Object.fromEntries(FILTER_FIELDS.map((k) => [k, f[k]])),
      },
      'args',
      filterNames,
    );
    return toConnection(await listInterviews(ctx, q), () => countInterviews(ctx, q));
  },

  seeker: async (_, args, g) => seekers.get(await g.rapport.tenant('read'), idArg('seeker', args.id)),
  seekers: async (_, args, g) => {
    const ctx = await g.rapport.tenant('read');
    const q = recordListArgs('seeker', args);
    return toConnection(await seekers.list(ctx, q), () => countSeekers(ctx, q.ids));
  },

  contact: async (_, args, g) => contacts.get(await g.rapport.tenant('read'), idArg('contact', args.id)),
  contacts: async (_, args, g) => {
    const ctx = await g.rapport.tenant('read');
    const q = recordListArgs('contact', args);
    return toConnection(await contacts.list(ctx, q), () => countContacts(ctx, q.ids));
  },

  events: async (_, args, g) => {
    const ctx = await g.rapport.tenant('read');
    const q = parseInput(eventFeedQuery, { limit: limitArg(args.first), after: args.after, types: args.types?.length ? args.types.join(',') : undefined }, 'args', typesNames);
    // The feed's cursor is the event id itself, as REST's `after`.
    return toConnection(await eventFeed(ctx, q), undefined, (ev) => ev.id);
  },

  institution: async (_, _args, g) => getInstitution(await g.rapport.tenant('read')),
  stateMachine: async (_, _args, g) => describeStateMachine((await g.rapport.tenant('read')).tenant.policy),

  ...webhookQueries,
  ...apiKeyQueries,
  ...reportQueries,
};

/** An event id argument (subscriptions' `after`). */
export const eventIdArg = (id: string) => parseInput(z.object({ after: idOf('event') }), { after: id }, 'args').after;
