import { TERMINAL_STATES, buildAgenda, type AgendaInterview, type AgendaItem, type State } from '../domain/index.js';
import { notFound } from '../errors.js';
import type { AgendaQuery } from '../schemas/agenda.js';
import type { TenantContext } from './context.js';

// A seeker's agenda: their open interviews (one query, with each contact's
// name), turned into next steps by the domain. The due instants are the ones
// stored on the interviews, the same the reminders and list filters use.

interface Row {
  seeker_id: string;
  id: string | null;
  state: State;
  scheduled_at: Date | null;
  confirm_by: Date | null;
  thank_you_due_by: Date | null;
  next_follow_up_due_at: Date | null;
  request_expires_at: Date | null;
  contact_id: string;
  contact_name: string;
}

// A seeker row for every id that exists here (so a seeker with nothing open
// still answers), joined to its interviews that are not in an end state
// (index interviews(institution_id, seeker_id, id)).
const OPEN_INTERVIEWS = `
  SELECT s.id AS seeker_id, i.id, i.state, i.scheduled_at, i.confirm_by, i.thank_you_due_by, i.next_follow_up_due_at,
         i.request_expires_at, c.id AS contact_id, c.name AS contact_name
  FROM seekers s
  LEFT JOIN interviews i ON i.institution_id = s.institution_id AND i.seeker_id = s.id AND i.state <> ALL($3::text[])
  LEFT JOIN contacts c ON c.id = i.contact_id
  WHERE s.institution_id = $1 AND s.id = ANY($2::text[])`;

/** The open interviews of each of these seekers that exists in the caller's institution. */
async function openInterviews(ctx: TenantContext, seekerIds: readonly string[]): Promise<Map<string, AgendaInterview[]>> {
  const rows = await ctx.db.sql.query<Row>(OPEN_INTERVIEWS, [ctx.tenant.id, [...seekerIds], [...TERMINAL_STATES]]);
  const bySeeker = new Map<string, AgendaInterview[]>();
  for (const r of rows) {
    const list = bySeeker.get(r.seeker_id) ?? [];
    bySeeker.set(r.seeker_id, list);
    if (r.id === null) continue;
    list.push({
      id: r.id,
      state: r.state,
      scheduledAt: r.scheduled_at,
      confirmBy: r.confirm_by,
      thankYouDueBy: r.thank_you_due_by,
      nextFollowUpDueAt: r.next_follow_up_due_at,
      requestExpiresAt: r.request_expires_at,
      contact: { id: r.contact_id, name: r.contact_name },
    });
  }
  return bySeeker;
}

export interface AgendaView {
  data: AgendaItem[];
  asOf: string;
}

/** GET /v1/seekers/{id}/agenda: not_found for a seeker that is not the caller's. */
export async function seekerAgenda(ctx: TenantContext, seekerId: string, q: AgendaQuery): Promise<AgendaView> {
  const now = ctx.clock();
  const open = (await openInterviews(ctx, [seekerId])).get(seekerId);
  if (!open) throw notFound('seeker', seekerId);
  return { data: buildAgenda(open, now, ctx.tenant.timeZone, q.limit), asOf: now.toISOString() };
}

/** The agendas of many seekers in one query (GraphQL's `Seeker.agenda` loader); unknown ids get none. */
export async function seekerAgendas(ctx: TenantContext, seekerIds: readonly string[], q: AgendaQuery): Promise<Map<string, AgendaItem[]>> {
  const now = ctx.clock();
  const open = await openInterviews(ctx, seekerIds);
  return new Map(seekerIds.map((id) => [id, buildAgenda(open.get(id) ?? [], now, ctx.tenant.timeZone, q.limit)]));
}
