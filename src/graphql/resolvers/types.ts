import { GraphQLError, Kind, valueFromASTUntyped, type GraphQLScalarType, type ValueNode } from 'graphql';
import { agendaQuery } from '../../schemas/agenda.js';
import { limitArg, pageArgs, toConnection } from '../connection.js';
import { parseInput } from '../validate.js';
import type { Resolvers } from '../generated/types.js';
import { ACTION_MUTATIONS } from './mutation.js';
import { reportTypes } from './reports.js';
import { webhookTypes } from './webhooks.js';

// Fields that are not plain properties of the services' views: relations,
// resolved through the per-request loaders (one batch query per field per
// level, whatever the page size), and lazy counts.

// Only the behaviour: mercurius copies these onto the SDL's scalars, whose
// names and descriptions stay those of schema/schema.graphql.
const DateTime = {
  serialize: (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)),
  // Shape only; the REST schemas check the format where the value is used.
  parseValue: (v: unknown) => {
    if (typeof v !== 'string') throw new GraphQLError('DateTime must be an ISO 8601 string, e.g. 2026-12-08T15:00:00Z');
    return v;
  },
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO 8601 string, e.g. 2026-12-08T15:00:00Z');
    return ast.value;
  },
} as Partial<GraphQLScalarType> as GraphQLScalarType;

const JSONScalar = {
  serialize: (v: unknown) => v,
  parseValue: (v: unknown) => v,
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => valueFromASTUntyped(ast, variables),
} as Partial<GraphQLScalarType> as GraphQLScalarType;

export const typeResolvers: Resolvers = {
  DateTime,
  JSON: JSONScalar,

  Interview: {
    seeker: async (iv, _, g) => (await g.rapport.loaders.seeker.load(iv.seekerId))!,
    contact: async (iv, _, g) => (await g.rapport.loaders.contact.load(iv.contactId))!,
    introducedBy: async (iv, _, g) => {
      const contact = await g.rapport.loaders.contact.load(iv.contactId);
      return contact?.introducedById ? g.rapport.loaders.contact.load(contact.introducedById) : null;
    },
    events: async (iv, args, g) => toConnection(await g.rapport.loaders.timeline.load({ interviewId: iv.id, ...pageArgs(args) })),
    referredFrom: async (iv, _, g) => (iv.referredFromInterviewId ? g.rapport.loaders.interview.load(iv.referredFromInterviewId) : null),
    referrals: async (iv, _, g) => g.rapport.loaders.interviewReferrals.load(iv.id),
  },

  Seeker: {
    // GET /v1/seekers/{id}/agenda's service, batched over the seekers of a page.
    agenda: async (s, args, g) => g.rapport.loaders.agenda.load({ seekerId: s.id, ...parseInput(agendaQuery, { limit: limitArg(args.first) }, 'args', { limit: 'first' }) }),
  },

  AgendaItem: {
    interview: async (item, _, g) => (await g.rapport.loaders.interview.load(item.interviewId))!,
  },

  Contact: {
    introducedBy: async (c, _, g) => (c.introducedById ? g.rapport.loaders.contact.load(c.introducedById) : null),
    referrals: async (c, _, g) => g.rapport.loaders.contactReferrals.load(c.id),
  },

  InterviewConnection: { totalCount: (c) => c.totalCount() },
  SeekerConnection: { totalCount: (c) => c.totalCount() },
  ContactConnection: { totalCount: (c) => c.totalCount() },

  ActionDescription: { mutation: (a) => ACTION_MUTATIONS[a.name] },

  ...webhookTypes,
  ...reportTypes,
};
