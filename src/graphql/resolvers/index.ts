import type { Resolvers } from '../generated/types.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { Subscription } from './subscription.js';
import { typeResolvers } from './types.js';

export const resolvers: Resolvers = { ...typeResolvers, Query, Mutation, Subscription };
