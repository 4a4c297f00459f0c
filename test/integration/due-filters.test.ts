import t from 'tap';
import { DEFAULT_POLICY } from '../../src/domain/index.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import type { TenantContext } from '../../src/services/context.js';
import { interviewConditions } from '../../src/services/interviews.js';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';

// Due-date filters on GET /v1/interviews: each bound on both sides, overdue
// under a moving clock, combined with other filters and pages, bad values,
// tenancy, and a plan that reads the per-column indexes.

const T0 = new Date('2026-12-01T12:00:00Z');
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();

interface Iv {
  id: string;
  state: string;
  confirmBy: string | null;
  thankYouDueBy: string | null;
  nextFollowUpDueAt: string | null;
  requestExpiresAt: string | null;
}

const SCHEDULE = { scheduledAt: '2026-12-10T15:00:00Z', mode: 'video', location: 'https://meet.example/pat', durationMinutes: 20 };
const PATHS: Record<string, [string, Record<string, unknown>][]> = {
  prospect: [],
  requested: [['request', GOOD_REQUEST]],
  scheduled: [['request', GOOD_REQUEST], ['schedule', SCHEDULE]],
  confirmed: [['request', GOOD_REQUEST], ['schedule', SCHEDULE], ['confirm', {}]],
  met: [['request', GOOD_REQUEST], ['schedule', SCHEDULE], ['confirm', {}], ['meet', { askedForReferral: true }]],
  thanked: [['request', GOOD_REQUEST], ['schedule', SCHEDULE], ['confirm', {}], ['meet', { askedForReferral: true }], ['thank', { channel: 'email' }]],
  cancelled: [['cancel', {}]],
};

/** An interview driven to `state` through the API, read back with its due dates. */
async function make(a: Tenant, seekerId: string, contactId: string, state: keyof typeof PATHS): Promise<Iv> {
  const created = await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId, contactId, topics: ['data engineering'], questions: ['What does a normal week look like?'] } });
  const id = created.json<{ id: string }>().id;
  for (const [action, body] of PATHS[state]!) await act(a, id, action, body);
  const iv = (await a.call({ method: 'GET', url: `/v1/interviews/${id}` })).json<Iv>();
  if (iv.state !== state) throw new Error(`${id} is ${iv.state}, not ${state}`);
  return iv;
}

async function ids(a: Tenant, query: string): Promise<string[]> {
  const res = await a.call({ method: 'GET', url: `/v1/interviews?limit=100&${query}` });
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
  return res.json<{ data: { id: string }[] }>().data.map((x) => x.id);
}

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  const test = await buildTestApp(t, { now: T0 });
  const a = await createTenant(test.app);
  const s = await seeker(a);
  const c = await contact(a);
  const all = {
    prospect: await make(a, s.id, c.id, 'prospect'),
    requested: await make(a, s.id, c.id, 'requested'),
    scheduled: await make(a, s.id, c.id, 'scheduled'),
    confirmed: await make(a, s.id, c.id, 'confirmed'),
    met: await make(a, s.id, c.id, 'met'),
    thanked: await make(a, s.id, c.id, 'thanked'),
    cancelled: await make(a, s.id, c.id, 'cancelled'),
  };
  return { ...test, a, seekerId: s.id, contactId: c.id, all };
}

t.test('each due-date filter, on both sides of its bound', async (t) => {
  const { a, all } = await setUp(t);
  // The stored due dates (UTC institution, default policy), created at T0.
  t.equal(all.requested.requestExpiresAt, '2026-12-22T12:00:00.000Z', '21 days after the request');
  t.equal(all.scheduled.confirmBy, '2026-12-07T15:00:00.000Z', '3 days before the meeting');
  t.equal(all.met.thankYouDueBy, '2026-12-05T00:00:00.000Z', 'the end of the third day after the meeting');
  t.equal(all.thanked.nextFollowUpDueAt, '2027-03-01T12:00:00.000Z', '90 days after the thank-you');
  const { requested: r, scheduled: s, met: m, thanked: th } = all;
  const enc = encodeURIComponent;

  t.same(await ids(a, `dueBefore=${m.thankYouDueBy}`), [], 'dueBefore is exclusive');
  t.same(await ids(a, `dueBefore=${ms(m.thankYouDueBy!, 1)}`), [m.id]);
  t.same(await ids(a, `dueBefore=${ms(s.confirmBy!, 1)}`), [s.id, m.id], 'any of the four dates');
  t.same(await ids(a, 'dueBefore=2100-01-01T00:00:00Z'), [r.id, s.id, m.id, th.id], 'never an interview without a due date');

  t.same(await ids(a, `dueAfter=${s.confirmBy}`), [r.id, s.id, th.id], 'dueAfter is inclusive');
  t.same(await ids(a, `dueAfter=${ms(s.confirmBy!, 1)}`), [r.id, th.id]);
  t.same(await ids(a, `dueAfter=${s.confirmBy}&dueBefore=${ms(s.confirmBy!, 1)}`), [s.id], 'a range');
  t.same(await ids(a, `dueAfter=${ms(s.confirmBy!, 1)}&dueBefore=${r.requestExpiresAt}`), [], 'an empty range');

  t.same(await ids(a, `thankYouDueBefore=${m.thankYouDueBy}`), []);
  t.same(await ids(a, `thankYouDueBefore=${ms(m.thankYouDueBy!, 1)}`), [m.id]);
  t.same(await ids(a, 'thankYouDueBefore=2100-01-01T00:00:00Z'), [m.id], 'only the thank-you date');

  t.same(await ids(a, `followUpDueBefore=${th.nextFollowUpDueAt}`), []);
  t.same(await ids(a, `followUpDueBefore=${ms(th.nextFollowUpDueAt!, 1)}`), [th.id]);

  t.same(await ids(a, `confirmByAfter=${s.confirmBy}`), [s.id], 'confirmByAfter is inclusive');
  t.same(await ids(a, `confirmByAfter=${ms(s.confirmBy!, 1)}`), []);
  t.same(await ids(a, `confirmByBefore=${s.confirmBy}`), [], 'confirmByBefore is exclusive');
  t.same(await ids(a, `confirmByBefore=${ms(s.confirmBy!, 1)}`), [s.id]);
  t.same(await ids(a, `confirmByAfter=2026-12-07T00:00:00Z&confirmByBefore=2026-12-08T00:00:00Z`), [s.id], 'a day range');
  t.same(await ids(a, `confirmByAfter=${enc('2026-12-07T16:00:00+01:00')}&confirmByBefore=${enc('2026-12-07T16:00:00.001+01:00')}`), [s.id], 'offsets other than Z');

  t.same(await ids(a, `requestExpiresBefore=${r.requestExpiresAt}`), []);
  t.same(await ids(a, `requestExpiresBefore=${ms(r.requestExpiresAt!, 1)}`), [r.id]);
});

t.test('overdue follows the service clock', async (t) => {
  const { a, clock, all } = await setUp(t);
  const everyone = Object.values(all).map((iv) => iv.id);
  t.same(await ids(a, 'overdue=true'), [], 'nothing due yet at T0');
  t.same(await ids(a, 'overdue=false'), everyone, 'false: none past, including interviews with no due date');

  clock.now = new Date(Date.parse(all.met.thankYouDueBy!) - 1);
  t.same(await ids(a, 'overdue=true'), [], 'a millisecond before the thank-you deadline');
  clock.now = new Date(all.met.thankYouDueBy!);
  t.same(await ids(a, 'overdue=true'), [all.met.id], 'at the deadline');
  t.notOk((await ids(a, 'overdue=false')).includes(all.met.id));

  clock.now = new Date('2026-12-23T00:00:00Z');
  t.same(await ids(a, 'overdue=true'), [all.requested.id, all.scheduled.id, all.met.id]);
  t.same(await ids(a, 'overdue=false'), [all.prospect.id, all.confirmed.id, all.thanked.id, all.cancelled.id]);
  t.same(await ids(a, 'overdue=true&state=scheduled,met'), [all.scheduled.id, all.met.id], 'with a state filter');

  // Thanking moves the interview on: its thank-you date is cleared, its follow-up date set.
  await act(a, all.met.id, 'thank', { channel: 'email' });
  t.same(await ids(a, 'overdue=true'), [all.requested.id, all.scheduled.id]);
});

t.test('due-date filters combine with state, seekerId and cursor pages', async (t) => {
  const { a, all, contactId, seekerId } = await setUp(t);
  const other = await seeker(a, { name: 'Bo Learner', email: 'bo@example.edu' });
  const mine = [await make(a, other.id, contactId, 'requested'), await make(a, other.id, contactId, 'met'), await make(a, other.id, contactId, 'scheduled')];
  const far = 'dueBefore=2100-01-01T00:00:00Z';

  t.same(await ids(a, `${far}&seekerId=${other.id}`), mine.map((iv) => iv.id));
  t.same(await ids(a, `${far}&seekerId=${seekerId}`), [all.requested.id, all.scheduled.id, all.met.id, all.thanked.id]);
  t.same(await ids(a, `${far}&state=met`), [all.met.id, mine[1]!.id]);
  t.same(await ids(a, `${far}&state=met&seekerId=${other.id}&contactId=${contactId}`), [mine[1]!.id]);
  t.same(await ids(a, `thankYouDueBefore=2100-01-01T00:00:00Z&state=requested`), [], 'filters AND together');

  const expected = await ids(a, far);
  t.equal(expected.length, 7);
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await a.call({ method: 'GET', url: `/v1/interviews?${far}&limit=2${cursor ? `&cursor=${cursor}` : ''}` });
    t.equal(res.statusCode, 200);
    const body = res.json<{ data: { id: string }[]; nextCursor: string | null }>();
    seen.push(...body.data.map((x) => x.id));
    cursor = body.nextCursor;
    pages += 1;
  } while (cursor && pages < 10);
  t.same(seen, expected, 'pages of 2 hold the same interviews, once each, in order');
  t.equal(pages, 4);
});

t.test('bad values answer 400 problem+json naming the parameter', async (t) => {
  const { a } = await setUp(t);
  const bad: [string, string][] = [
    ['dueBefore=tomorrow', 'dueBefore'],
    ['dueBefore=2026-12-01', 'dueBefore'],
    ['dueAfter=2026-12-01T12:00:00', 'dueAfter'],
    ['thankYouDueBefore=2026-13-01T00:00:00Z', 'thankYouDueBefore'],
    ['followUpDueBefore=', 'followUpDueBefore'],
    // An unencoded "+" arrives as a space.
    ['confirmByAfter=2026-12-01T12:00:00+01:00', 'confirmByAfter'],
    ['confirmByBefore=1733054400', 'confirmByBefore'],
    ['requestExpiresBefore=2026-12-01T12:00:00Zjunk', 'requestExpiresBefore'],
    ['overdue=yes', 'overdue'],
    ['overdue=1', 'overdue'],
    ['overdue=', 'overdue'],
    ['dueSoon=true', ''],
  ];
  for (const [query, field] of bad) {
    const res = await a.call({ method: 'GET', url: `/v1/interviews?${query}` });
    t.equal(res.statusCode, 400, query);
    t.match(res.headers['content-type'], /^application\/problem\+json/, query);
    const body = res.json();
    t.same(Object.keys(body).sort(), ['code', 'detail', 'instance', 'status', 'title', 'type', 'violations'], `${query}: a problem and nothing else`);
    t.equal(body.code, 'validation_failed');
    t.match(body.violations[0].field, `querystring${field ? `.${field}` : ''}`, query);
  }
  const offset = await a.call({ method: 'GET', url: `/v1/interviews?confirmByAfter=${encodeURIComponent('2026-12-01T12:00:00+01:00')}` });
  t.equal(offset.statusCode, 200, 'an encoded + offset is fine');
  const msg = (await a.call({ method: 'GET', url: '/v1/interviews?dueBefore=tomorrow' })).json().violations[0].message as string;
  t.match(msg, /ISO 8601 date-time with an offset/);
});

t.test('another institution sees none of it', async (t) => {
  const { app, a, all } = await setUp(t);
  const b = await createTenant(app, 'Other Centre');
  const bs = await seeker(b);
  const bc = await contact(b);
  const theirs = await make(b, bs.id, bc.id, 'met');
  for (const q of ['dueBefore=2100-01-01T00:00:00Z', 'thankYouDueBefore=2100-01-01T00:00:00Z', 'dueAfter=2000-01-01T00:00:00Z']) {
    t.same(await ids(b, q), [theirs.id], `B: ${q}`);
    t.notOk((await ids(a, q)).includes(theirs.id), `A: ${q}`);
  }
  t.same(await ids(b, `dueBefore=2100-01-01T00:00:00Z&seekerId=${all.met.id.replace('int_', 'skr_')}`), []);
  t.same(await ids(b, `overdue=false`), [theirs.id]);
});

t.test('dueBefore and overdue read the per-column due-date indexes', async (t) => {
  const { db, a } = await setUp(t);
  const [s] = await db.sql.query<{ id: string; contact_id: string }>(`SELECT seeker_id AS id, contact_id FROM interviews LIMIT 1`);
  // 20 000 interviews of which 1 % have a due date: the shape of a busy institution.
  await db.sql.query(
    `INSERT INTO interviews (id, institution_id, seeker_id, contact_id, state, confirm_by, thank_you_due_by, next_follow_up_due_at, request_expires_at)
     SELECT 'int_' || lpad(g::text, 26, '0'), $1, $2, $3, 'prospect',
            CASE WHEN g % 400 = 0 THEN now() + g * interval '1 minute' END,
            CASE WHEN g % 400 = 100 THEN now() + g * interval '1 minute' END,
            CASE WHEN g % 400 = 200 THEN now() + g * interval '1 minute' END,
            CASE WHEN g % 400 = 300 THEN now() + g * interval '1 minute' END
     FROM generate_series(1, 20000) g`,
    [a.institutionId, s!.id, s!.contact_id],
  );
  await db.sql.query('ANALYZE interviews');
  const ctx = { db, clock: () => T0, tenant: { id: a.institutionId, name: 'x', timeZone: 'UTC', policy: DEFAULT_POLICY }, actor: { type: 'system', id: 'test' }, scopes: [] } satisfies TenantContext;
  for (const q of [{ dueBefore: '2026-12-02T00:00:00Z' }, { overdue: true }]) {
    const query = Prisma.sql`EXPLAIN SELECT i.id FROM interviews i WHERE ${interviewConditions(ctx, q)} ORDER BY i.id LIMIT 21`;
    const plan = (await db.sql.query<{ 'QUERY PLAN': string }>(query.text, query.values)).map((r) => r['QUERY PLAN']).join('\n');
    t.match(plan, /BitmapOr/, `${JSON.stringify(q)}: BitmapOr\n${plan}`);
    for (const index of ['confirm_by', 'thank_you_due_by', 'next_follow_up_due_at', 'request_expires_at']) {
      t.match(plan, `interviews_institution_id_${index}_idx`, `${JSON.stringify(q)}: uses the ${index} index`);
    }
    t.notMatch(plan, /Seq Scan/, 'no table scan');
  }
});
