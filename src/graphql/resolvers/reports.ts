import { funnelQuery } from '../../schemas/reports.js';
import { funnelReport } from '../../services/reports.js';
import type { QueryResolvers, Resolvers } from '../generated/types.js';
import { parseInput } from '../validate.js';

// `reports { funnel(filter) }`: REST's GET /v1/reports/funnel, the same
// query schema and the same service call, so the numbers cannot differ.

export const reportQueries: Pick<QueryResolvers, 'reports'> = {
  // A namespace for the reports; the key is checked here, once.
  reports: async (_, _args, g) => {
    await g.rapport.tenant('read');
    return {};
  },
};

export const reportTypes: Pick<Resolvers, 'Reports'> = {
  Reports: {
    funnel: async (_, args, g) => {
      const ctx = await g.rapport.tenant('read');
      const f = args.filter ?? {};
      return funnelReport(ctx, parseInput(funnelQuery, { seekerId: f.seekerId, from: f.from, to: f.to, tag: f.tag }, 'filter'));
    },
  },
};
