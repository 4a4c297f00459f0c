import t from 'tap';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { codes, gql } from './helpers.js';

// GraphQL's due-date filters and Seeker.agenda answer what REST answers:
// the same service underneath, the same validation, the same tenancy.

const T0 = new Date('2026-12-01T12:00:00Z');
const SCHEDULE = { scheduledAt: '2026-12-10T15:00:00Z', mode: 'video', location: 'https://meet.example/pat', durationMinutes: 20 };
const PATHS: Record<string, [string, Record<string, unknown>][]> = {
  prospect: [],
  requested: [['request', GOOD_REQUEST]],
  scheduled: [['request', GOOD_REQUEST], ['schedule', SCHEDULE]],
  met: [['request', GOOD_REQUEST], ['schedule', SCHEDULE], ['confirm', {}], ['meet', { askedForReferral: true }]],
  cancelled: [['cancel', {}]],
};

async function make(a: Tenant, seekerId: string, name: string, state: string): Promise<string> {
  const c = await contact(a, { name });
  const id = (await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId, contactId: c.id, questions: ['How did you start?'] } })).json<{ id: string }>().id;
  for (const [action, body] of PATHS[state]!) await act(a, id, action, body);
  return id;
}

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  const test = await buildTestApp(t, { now: T0 });
  const a = await createTenant(test.app, 'Berlin Careers', 'Europe/Berlin');
  const s1 = await seeker(a);
  const s2 = await seeker(a, { name: 'Bo Learner', email: 'bo@example.edu' });
  const ivs = {
    prospect: await make(a, s1.id, 'Abe Prospect', 'prospect'),
    requested: await make(a, s1.id, 'Rae Request', 'requested'),
    scheduled: await make(a, s1.id, 'Pat Rivera', 'scheduled'),
    met: await make(a, s1.id, 'Sam Okafor', 'met'),
    cancelled: await make(a, s1.id, 'Cal Cancelled', 'cancelled'),
    other: await make(a, s2.id, 'Lee Chen', 'met'),
  };
  return { ...test, a, q: gql(a), s1: s1.id, s2: s2.id, ivs };
}

const ITEM = 'interviewId contact { id name } action dueAt overdue code rule { code setting } message';

async function restAgenda(a: Tenant, seekerId: string, query = '') {
  return (await a.call({ method: 'GET', url: `/v1/seekers/${seekerId}/agenda${query}` })).json<{ data: unknown[] }>().data;
}

async function restIds(a: Tenant, query: string) {
  const res = await a.call({ method: 'GET', url: `/v1/interviews?limit=100&${query}` });
  return res.json<{ data: { id: string }[] }>().data.map((x) => x.id);
}

t.test('Seeker.agenda is the REST agenda, item for item, as the clock moves', async (t) => {
  const { a, q, s1, clock } = await setUp(t);
  const query = `query($id: ID!, $n: Int) { seeker(id: $id) { agenda(first: $n) { ${ITEM} } } }`;
  const all = await q(query, { id: s1 });
  t.same(all.errors, undefined);
  t.equal(all.data!.seeker.agenda.length, 4, 'the cancelled interview is left out');
  t.same(all.data!.seeker.agenda, await restAgenda(a, s1));
  t.same(all.data!.seeker.agenda.map((i: { code: string }) => i.code), ['send_thank_you', 'confirm_meeting', 'awaiting_reply', 'send_request']);
  t.equal(all.data!.seeker.agenda[1].message, 'Confirm your meeting with Pat Rivera by Mon 7 Dec.');

  t.same((await q(query, { id: s1, n: 2 })).data!.seeker.agenda, await restAgenda(a, s1, '?limit=2'), 'first is limit');

  clock.now = new Date('2026-12-08T00:00:00Z');
  const later = await q(query, { id: s1 });
  t.same(later.data!.seeker.agenda, await restAgenda(a, s1));
  t.same(later.data!.seeker.agenda.filter((i: { overdue: boolean }) => i.overdue).map((i: { code: string }) => i.code), ['send_thank_you', 'confirm_meeting']);
});

t.test('the seekers of a page get their agendas in one query', async (t) => {
  const { a, q, s1, s2, db } = await setUp(t);
  const statements: string[] = [];
  const sql = db.sql;
  (db as { sql: Database['sql'] }).sql = { query: (text, params) => (statements.push(text), sql.query(text, params)) };
  t.teardown(() => {
    (db as { sql: Database['sql'] }).sql = sql;
  });
  const res = await q(`{ seekers(first: 10) { edges { node { id agenda { ${ITEM} } } } } }`);
  t.same(res.errors, undefined);
  const byId = Object.fromEntries(res.data!.seekers.edges.map((e: { node: { id: string; agenda: unknown[] } }) => [e.node.id, e.node.agenda]));
  t.same(byId[s1], await restAgenda(a, s1));
  t.same(byId[s2], await restAgenda(a, s2));
  t.equal(statements.filter((s) => /LEFT JOIN interviews/.test(s)).length, 3, 'one for the GraphQL page, one per REST call');
});

t.test('AgendaItem.interview: the interview itself, with its people, as REST shows it', async (t) => {
  const { a, q, s1 } = await setUp(t);
  const res = await q(`query($id: ID!) { seeker(id: $id) { agenda { interviewId code interview { id state seeker { id } contact { id } } } } }`, { id: s1 });
  t.same(res.errors, undefined);
  const items = res.data!.seeker.agenda as { interviewId: string; code: string; interview: { id: string; state: string; seeker: { id: string }; contact: { id: string } } }[];
  t.ok(items.length >= 2, `${items.length} steps`);
  for (const item of items) {
    t.equal(item.interview.id, item.interviewId);
    t.equal(item.interview.seeker.id, s1);
    const rest = (await a.call({ method: 'GET', url: `/v1/interviews/${item.interviewId}` })).json<{ state: string; contactId: string }>();
    t.same([item.interview.state, item.interview.contact.id], [rest.state, rest.contactId], `${item.code}: the state and contact REST shows`);
  }
});

t.test('InterviewFilter takes the due-date filters with REST semantics', async (t) => {
  const { a, q, s1, clock, ivs } = await setUp(t);
  const list = `query($f: InterviewFilter, $n: Int, $after: String) { interviews(first: $n, after: $after, filter: $f) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
  const ids = async (f: Record<string, unknown>) => {
    const res = await q(list, { f, n: 100 });
    t.same(res.errors, undefined, JSON.stringify(f));
    return res.data!.interviews.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
  };
  const confirmBy = '2026-12-07T15:00:00.000Z';
  const cases: [Record<string, unknown>, string][] = [
    [{ dueBefore: '2100-01-01T00:00:00Z' }, 'dueBefore=2100-01-01T00:00:00Z'],
    [{ dueBefore: confirmBy }, `dueBefore=${confirmBy}`],
    [{ dueAfter: confirmBy, dueBefore: '2026-12-08T00:00:00Z' }, `dueAfter=${confirmBy}&dueBefore=2026-12-08T00:00:00Z`],
    [{ thankYouDueBefore: '2100-01-01T00:00:00Z', seekerId: s1 }, `thankYouDueBefore=2100-01-01T00:00:00Z&seekerId=${s1}`],
    [{ followUpDueBefore: '2100-01-01T00:00:00Z' }, 'followUpDueBefore=2100-01-01T00:00:00Z'],
    [{ confirmByAfter: confirmBy, confirmByBefore: '2026-12-07T15:00:00.001Z' }, `confirmByAfter=${confirmBy}&confirmByBefore=2026-12-07T15:00:00.001Z`],
    [{ requestExpiresBefore: '2100-01-01T00:00:00Z', state: ['requested'] }, 'requestExpiresBefore=2100-01-01T00:00:00Z&state=requested'],
    [{ overdue: true }, 'overdue=true'],
    [{ overdue: false }, 'overdue=false'],
  ];
  for (const [f, rest] of cases) t.same(await ids(f), await restIds(a, rest), rest);
  t.same(await ids({ confirmByAfter: confirmBy, confirmByBefore: '2026-12-07T15:00:00.001Z' }), [ivs.scheduled]);

  clock.now = new Date('2026-12-08T00:00:00Z');
  t.same(await ids({ overdue: true }), await restIds(a, 'overdue=true'));
  t.same(await ids({ overdue: true }), [ivs.scheduled, ivs.met, ivs.other]);
  const counted = await q(list, { f: { overdue: true, seekerId: s1 }, n: 1 });
  t.equal(counted.data!.interviews.totalCount, 2, 'totalCount applies the filters');
  t.equal(counted.data!.interviews.pageInfo.hasNextPage, true);
  const next = await q(list, { f: { overdue: true, seekerId: s1 }, n: 1, after: counted.data!.interviews.pageInfo.endCursor });
  t.same(next.data!.interviews.edges.map((e: { node: { id: string } }) => e.node.id), [ivs.met], 'pages with the filter');
});

t.test('bad values are validation_failed naming the argument; other institutions see nothing', async (t) => {
  const { app, q, s1 } = await setUp(t);
  const bad = await q(`{ interviews(filter: { dueBefore: "tomorrow" }) { edges { node { id } } } }`);
  t.same(codes(bad), ['validation_failed']);
  t.equal(bad.errors![0]!.extensions.violations![0]!.field, 'args.filter.dueBefore');
  t.match(bad.errors![0]!.message, /ISO 8601 date-time with an offset/);
  const noOffset = await q(`{ interviews(filter: { confirmByAfter: "2026-12-01T12:00:00" }) { edges { node { id } } } }`);
  t.equal(noOffset.errors![0]!.extensions.violations![0]!.field, 'args.filter.confirmByAfter');
  const notBool = await q(`{ interviews(filter: { overdue: "yes" }) { edges { node { id } } } }`);
  t.same(codes(notBool), ['validation_failed'], 'GraphQL types refuse a non-boolean');
  for (const n of [0, 201]) {
    const res = await q(`query($id: ID!) { seeker(id: $id) { agenda(first: ${n}) { code } } }`, { id: s1 });
    t.same(codes(res), ['validation_failed'], `first: ${n}`);
    t.equal(res.errors![0]!.extensions.violations![0]!.field, 'args.first');
  }

  const b = gql(await createTenant(app, 'Other Centre'));
  const theirs = await b(`query($id: ID!) { seeker(id: $id) { agenda { code } } }`, { id: s1 });
  t.equal(theirs.data!.seeker, null);
  t.same(codes(theirs), ['not_found']);
  const filtered = await b(`{ interviews(filter: { dueBefore: "2100-01-01T00:00:00Z" }) { totalCount edges { node { id } } } }`);
  t.same(filtered.data!.interviews, { totalCount: 0, edges: [] });
});
