import { REQUEST_CHANNELS, RULE_TEXTS, STATES, isRuleCode, type Policy, type State } from '../domain/index.js';
import type { FunnelQuery, FunnelReport } from '../schemas/reports.js';
import type { Tenant, TenantContext } from './context.js';

// GET /v1/reports/funnel: outcome figures for an institution's interviews,
// computed by PostgreSQL in one statement (one snapshot, one round trip).
// Node only puts the aggregates in shape: zero rows for states and channels
// no interview has, and the advisories' texts.
//
// Every table is read with `institution_id = $1`, through the
// (institution_id, …) indexes; test/integration/reports.test.ts checks the
// plan against thousands of another institution's rows.

interface Row {
  interviews: number;
  requested: number;
  replied: number;
  met: number;
  thanked: number;
  on_time: number;
  referrals: number;
  request_to_meeting: number | null;
  meeting_to_thank_you: number | null;
  thanked_share: number | null;
  referrals_per_meeting: number | null;
  median_request_to_meeting: number | null;
  median_meeting_to_thank_you: number | null;
  counts: Record<string, number>;
  channels: { channel: string; requested: number; replied: number; rate: number }[];
  advisories: { rule: string; count: number }[];
}

// A reply: the contact answered, yes (the interview was scheduled at some
// point; `scheduled_at` is never cleared) or no (declined).
const REPLIED = `(b.scheduled_at IS NOT NULL OR b.state = 'declined')`;
// Elapsed seconds between two instants, as double precision for percentile_cont.
const seconds = (from: string, to: string) => `(extract(epoch FROM b.${to}) - extract(epoch FROM b.${from}))::float8`;
const medianDays = (from: string, to: string) =>
  `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(from, to)}) FILTER (WHERE b.${from} IS NOT NULL AND b.${to} IS NOT NULL) / 86400)::numeric, 2)::float8`;
const ratio = (num: string, den: string) => `(${num})::float8 / NULLIF(${den}, 0)`;

export interface Statement {
  text: string;
  params: unknown[];
}

/**
 * The report's one statement. `base` is the matching interviews; the figures
 * are aggregates over it, the referrals and ignored advisories joins of it
 * with interviews and events (each again under the institution's id).
 */
export function funnelStatement(tenant: Pick<Tenant, 'id' | 'timeZone'>, policy: Pick<Policy, 'thankYouWithinDays'>, q: FunnelQuery): Statement {
  const params: unknown[] = [tenant.id, tenant.timeZone, policy.thankYouWithinDays];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = ['i.institution_id = $1'];
  if (q.seekerId !== undefined) where.push(`i.seeker_id = ${param(q.seekerId)}`);
  // An interview starts when its request is sent; one never requested, when it was created.
  if (q.from !== undefined) where.push(`COALESCE(i.requested_at, i.created_at) >= ${param(q.from)}::timestamptz`);
  if (q.to !== undefined) where.push(`COALESCE(i.requested_at, i.created_at) < ${param(q.to)}::timestamptz`);
  if (q.tag !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM contacts c WHERE c.institution_id = $1 AND c.id = i.contact_id AND ${param(q.tag)}::text = ANY (c.tags))`);
  }

  const text = `
WITH base AS MATERIALIZED (
  SELECT i.id, i.state, i.request_channel, i.requested_at, i.scheduled_at, i.held_at, i.thanked_at
  FROM interviews i
  WHERE ${where.join('\n    AND ')}
), figures AS (
  SELECT
    count(*)::int AS interviews,
    count(*) FILTER (WHERE b.requested_at IS NOT NULL)::int AS requested,
    count(*) FILTER (WHERE b.requested_at IS NOT NULL AND ${REPLIED})::int AS replied,
    count(*) FILTER (WHERE b.held_at IS NOT NULL)::int AS met,
    count(*) FILTER (WHERE b.held_at IS NOT NULL AND b.thanked_at IS NOT NULL)::int AS thanked,
    -- The thanks_late boundary: local calendar days in the institution's zone.
    count(*) FILTER (
      WHERE b.held_at IS NOT NULL AND b.thanked_at IS NOT NULL
        AND (b.thanked_at AT TIME ZONE $2::text)::date - (b.held_at AT TIME ZONE $2::text)::date <= $3::int
    )::int AS on_time,
    ${medianDays('requested_at', 'held_at')} AS median_request_to_meeting,
    ${medianDays('held_at', 'thanked_at')} AS median_meeting_to_thank_you
  FROM base b
), referrals AS (
  SELECT count(*)::int AS referrals
  FROM interviews r
  JOIN base b ON b.id = r.referred_from_interview_id
  WHERE r.institution_id = $1 AND b.held_at IS NOT NULL
), states AS (
  SELECT b.state, count(*)::int AS n FROM base b GROUP BY b.state
), channels AS (
  SELECT b.request_channel AS channel, count(*)::int AS requested, count(*) FILTER (WHERE ${REPLIED})::int AS replied
  FROM base b
  WHERE b.requested_at IS NOT NULL
  GROUP BY b.request_channel
), advisories AS (
  -- Events record only actions that went through: each advisory in one was ignored.
  SELECT a.value ->> 'rule' AS rule, count(*)::int AS n
  FROM events e
  JOIN base b ON b.id = e.interview_id
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE jsonb_typeof(e.data -> 'advisories') WHEN 'array' THEN e.data -> 'advisories' ELSE '[]'::jsonb END
  ) a
  WHERE e.institution_id = $1 AND a.value ->> 'rule' IS NOT NULL
  GROUP BY 1
  ORDER BY n DESC, (a.value ->> 'rule') COLLATE "C"
  LIMIT 10
)
SELECT f.*, r.referrals,
  ${ratio('f.met', 'f.requested')} AS request_to_meeting,
  ${ratio('f.thanked', 'f.met')} AS meeting_to_thank_you,
  ${ratio('f.on_time', 'f.thanked')} AS thanked_share,
  ${ratio('r.referrals', 'f.met')} AS referrals_per_meeting,
  (SELECT COALESCE(jsonb_object_agg(s.state, s.n), '{}'::jsonb) FROM states s) AS counts,
  (SELECT COALESCE(jsonb_agg(jsonb_build_object('channel', c.channel, 'requested', c.requested, 'replied', c.replied,
     'rate', ${ratio('c.replied', 'c.requested')})), '[]'::jsonb) FROM channels c) AS channels,
  (SELECT COALESCE(jsonb_agg(jsonb_build_object('rule', a.rule, 'count', a.n) ORDER BY a.n DESC, a.rule COLLATE "C"), '[]'::jsonb) FROM advisories a) AS advisories
FROM figures f, referrals r`;
  return { text, params };
}

const iso = (v: string | undefined) => (v === undefined ? null : new Date(v).toISOString());

/** GET /v1/reports/funnel. */
export async function funnelReport(ctx: TenantContext, q: FunnelQuery): Promise<FunnelReport> {
  const asOf = ctx.clock();
  const { policy } = ctx.tenant;
  const { text, params } = funnelStatement(ctx.tenant, policy, q);
  const [row] = await ctx.db.sql.query<Row>(text, params);
  const r = row!;
  const byChannel = new Map(r.channels.map((c) => [c.channel, c]));
  return {
    filters: { seekerId: q.seekerId ?? null, from: iso(q.from), to: iso(q.to), tag: q.tag ?? null },
    asOf: asOf.toISOString(),
    counts: Object.fromEntries(STATES.map((s) => [s, r.counts[s] ?? 0])) as Record<State, number>,
    totals: { interviews: r.interviews, requested: r.requested, replied: r.replied, met: r.met, thanked: r.thanked, referrals: r.referrals },
    conversion: { requestToMeeting: r.request_to_meeting, meetingToThankYou: r.meeting_to_thank_you },
    responseRateByChannel: REQUEST_CHANNELS.map((channel) => {
      const c = byChannel.get(channel);
      return c ? { channel, requested: c.requested, replied: c.replied, rate: c.rate } : { channel, requested: 0, replied: 0, rate: null };
    }),
    medianDays: { requestToMeeting: r.median_request_to_meeting, meetingToThankYou: r.median_meeting_to_thank_you },
    thankYouOnTime: { thanked: r.thanked, onTime: r.on_time, share: r.thanked_share, withinDays: policy.thankYouWithinDays, timeZone: ctx.tenant.timeZone },
    referralsPerMeeting: r.referrals_per_meeting,
    ignoredAdvisories: r.advisories.map((a) => ({
      rule: a.rule,
      message: isRuleCode(a.rule) ? RULE_TEXTS[a.rule].message(policy) : a.rule,
      count: a.count,
    })),
  };
}
