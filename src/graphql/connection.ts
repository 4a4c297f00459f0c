import { idParams, pageQuery, recordListQuery } from '../schemas/common.js';
import type { IdKind } from '../ids.js';
import { encodeCursor } from '../services/pagination.js';
import type { ConnectionModel } from './models.js';
import { parseInput } from './validate.js';

// Relay connections over the services' pages. A service page is
// `{ data, nextCursor }` where nextCursor is the cursor of its last item, so
// `endCursor` and the last edge's cursor are the same string, and `after`
// takes exactly what REST's `cursor` takes.

/** GraphQL names for the REST query fields, in violations. */
export const PAGE_ARGS = { limit: 'first', cursor: 'after' };

/** `first` as REST's `limit`, which arrives as query-string text. */
export const limitArg = (first: number | null | undefined) => (first == null ? undefined : String(first));

export function pageArgs(args: { first?: number | null; after?: string | null }) {
  return parseInput(pageQuery, { limit: limitArg(args.first), cursor: args.after }, 'args', PAGE_ARGS);
}

export function toConnection<T extends { id: string }>(
  page: { data: T[]; nextCursor: string | null },
  totalCount: () => Promise<number> = () => Promise.reject(new Error('no totalCount here')),
  cursorOf: (node: T) => string = (node) => encodeCursor(node.id),
): ConnectionModel<T> {
  const edges = page.data.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    totalCount,
  };
}

const listSchemas = { seeker: recordListQuery('seeker'), contact: recordListQuery('contact') };

/** `seekers` / `contacts` arguments as REST's list query, `ids` included. */
export function recordListArgs(kind: 'seeker' | 'contact', args: { first?: number | null; after?: string | null; ids?: readonly string[] | null }) {
  const query = { limit: limitArg(args.first), cursor: args.after ?? undefined, ids: args.ids ? args.ids.join(',') : undefined };
  return parseInput(listSchemas[kind], query, 'args', PAGE_ARGS);
}

// Built once per kind: making the zod schema on every call cost more CPU
// than the rest of a one-interview query's validation (bench/RESULTS.md).
const idSchemas = new Map<IdKind, ReturnType<typeof idParams>>();

/** An id argument, checked like a REST path id (`validation_failed` when malformed). */
export function idArg(kind: IdKind, id: string, name = 'id'): string {
  let schema = idSchemas.get(kind);
  if (!schema) idSchemas.set(kind, (schema = idParams(kind)));
  return parseInput(schema, { id }, 'args', { id: name }).id;
}
