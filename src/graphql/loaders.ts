import DataLoader from 'dataloader';
import type { AgendaItem } from '../domain/index.js';
import { seekerAgendas } from '../services/agenda.js';
import type { TenantContext } from '../services/context.js';
import {
  contactsByIds,
  contactsIntroducedBy,
  interviewsByIds,
  interviewsReferredFrom,
  seekersByIds,
  timelines,
  type TimelinePage,
} from '../services/loaders.js';

// Per-request loaders: the nested fields of a whole list resolve in one batch
// read each, whatever the page size. Ids of another institution find nothing.

function byId<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function groupedBy<T>(fetch: (ids: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string | null) {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const row of await fetch(ids)) {
      const key = keyOf(row);
      if (key !== null) groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export interface TimelineKey {
  interviewId: string;
  limit: number;
  cursor?: string | undefined;
}

export interface AgendaKey {
  seekerId: string;
  limit: number;
}

export function createLoaders(ctx: TenantContext) {
  return {
    seeker: byId((ids) => seekersByIds(ctx, ids)),
    contact: byId((ids) => contactsByIds(ctx, ids)),
    interview: byId((ids) => interviewsByIds(ctx, ids)),
    contactReferrals: groupedBy((ids) => contactsIntroducedBy(ctx, ids), (c) => c.introducedById),
    interviewReferrals: groupedBy((ids) => interviewsReferredFrom(ctx, ids), (iv) => iv.referredFromInterviewId),
    // Keys that share page arguments share one query.
    timeline: new DataLoader<TimelineKey, TimelinePage, string>(
      async (keys) => {
        const groups = new Map<string, TimelineKey[]>();
        for (const k of keys) {
          const g = `${k.limit}|${k.cursor ?? ''}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        const pages = new Map<TimelineKey, TimelinePage>();
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const first = group[0]!;
            const result = await timelines(ctx, group.map((k) => k.interviewId), { limit: first.limit, cursor: first.cursor });
            for (const k of group) pages.set(k, result.get(k.interviewId)!);
          }),
        );
        return keys.map((k) => pages.get(k)!);
      },
      { cacheKeyFn: (k) => `${k.interviewId}|${k.limit}|${k.cursor ?? ''}` },
    ),
    // Seeker.agenda: the seekers of a page in one query per distinct limit.
    agenda: new DataLoader<AgendaKey, AgendaItem[], string>(
      async (keys) => {
        const limits = [...new Set(keys.map((k) => k.limit))];
        const byLimit = new Map(
          await Promise.all(limits.map(async (limit) => [limit, await seekerAgendas(ctx, keys.filter((k) => k.limit === limit).map((k) => k.seekerId), { limit })] as const)),
        );
        return keys.map((k) => byLimit.get(k.limit)!.get(k.seekerId) ?? []);
      },
      { cacheKeyFn: (k) => `${k.seekerId}|${k.limit}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
