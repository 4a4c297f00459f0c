import t from 'tap';
import { REQUEST_CHANNELS, STATES } from '../../src/domain/index.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { codes, gql, rawGql } from './helpers.js';

// GraphQL `reports { funnel(filter) }` over REST's service: the same numbers,
// the same validation (as validation_failed with the filter's field names),
// the same scope and tenancy; the schema's StateCounts and channels follow the
// domain; the policy in force is what thank-yous are measured against; and
// the embedded database runs the same statement. The figures themselves are
// worked out by hand in test/integration/reports.test.ts.

const T0 = new Date('2026-10-01T12:00:00Z');
const FIELDS = `filters { seekerId from to tag } asOf counts { ${STATES.join(' ')} }
  totals { interviews requested replied met thanked referrals }
  conversion { requestToMeeting meetingToThankYou }
  responseRateByChannel { channel requested replied rate }
  medianDays { requestToMeeting meetingToThankYou }
  thankYouOnTime { thanked onTime share withinDays timeZone }
  referralsPerMeeting ignoredAdvisories { rule message count }`;
const FUNNEL = `query($f: FunnelReportFilter) { reports { funnel(filter: $f) { ${FIELDS} } } }`;
const video = (scheduledAt: string) => ({ scheduledAt, mode: 'video', location: 'https://meet.example/x', durationMinutes: 20 });

async function rest(a: Tenant, query: Record<string, string> = {}) {
  const res = await a.call({ method: 'GET', url: `/v1/reports/funnel?${new URLSearchParams(query).toString()}` });
  if (res.statusCode !== 200) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return res.json<Record<string, unknown>>();
}

async function setUp(t: Parameters<typeof buildTestApp>[0], embedded = false) {
  const test = await buildTestApp(t, { now: T0, embedded });
  const { clock } = test;
  const a = await createTenant(test.app, 'Northfield Careers', 'America/New_York');
  const s1 = (await seeker(a)).id;
  const s2 = (await seeker(a, { name: 'Bo Learner' })).id;
  const make = async (seekerId: string, tags: string[]) => {
    const c = await contact(a, { tags });
    return (await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId, contactId: c.id, questions: ['How did you start?'] } })).json<{ id: string }>().id;
  };
  // Met on Thu 29 Oct 09:00 EDT after a request 10 days before; thanked Sun 1 Nov 23:00 EST (local day 3, across the DST change).
  const met = await make(s1, ['alumni']);
  clock.now = new Date('2026-10-19T13:00:00Z');
  await act(a, met, 'request', { ...GOOD_REQUEST, channel: 'phone' }); // → phone_channel
  await act(a, met, 'schedule', video('2026-10-29T13:00:00Z'));
  clock.now = new Date('2026-10-29T13:00:00Z');
  await act(a, met, 'meet', { askedForReferral: true }); // → not_confirmed
  clock.now = new Date('2026-11-02T04:00:00Z');
  await act(a, met, 'thank', { channel: 'email' });
  await act(a, met, 'add-referral', { name: 'Rui Referral' });
  // Declined, and a prospect.
  const declined = await make(s2, ['finance']);
  await act(a, declined, 'request', { ...GOOD_REQUEST, channel: 'linkedin' });
  await act(a, declined, 'decline', {});
  await make(s2, []);
  clock.now = new Date('2026-11-05T12:00:00Z');
  return { ...test, a, s1, s2, q: gql(a) };
}

t.test('the same numbers as REST, filter by filter', async (t) => {
  const { a, q, s1, s2 } = await setUp(t);
  const filters: Record<string, string>[] = [
    {},
    { seekerId: s1 },
    { seekerId: s2 },
    { tag: 'finance' },
    { from: '2026-10-19T13:00:00Z' },
    { from: '2026-10-01T00:00:00+02:00', to: '2026-10-19T13:00:00Z' },
  ];
  for (const f of filters) {
    const res = await q(FUNNEL, { f });
    t.same(res.errors, undefined, JSON.stringify(f));
    t.strictSame(res.data!.reports.funnel, await rest(a, f), JSON.stringify(f));
  }
  // No filter at all, and the figures of this small set.
  const all = await q(`{ reports { funnel { ${FIELDS} } } }`);
  const funnel = all.data!.reports.funnel;
  t.strictSame(funnel.counts, Object.fromEntries(STATES.map((s) => [s, s === 'prospect' ? 2 : s === 'thanked' || s === 'declined' ? 1 : 0])));
  t.strictSame(funnel.totals, { interviews: 4, requested: 2, replied: 2, met: 1, thanked: 1, referrals: 1 });
  t.strictSame(funnel.medianDays, { requestToMeeting: 10, meetingToThankYou: 3.63 }); // 87 h = 3.625 days, rounded half up
  t.strictSame(funnel.thankYouOnTime, { thanked: 1, onTime: 1, share: 1, withinDays: 3, timeZone: 'America/New_York' });
  t.strictSame(funnel.ignoredAdvisories.map((x: { rule: string; count: number }) => [x.rule, x.count]), [['not_confirmed', 1], ['phone_channel', 1]]);
});

t.test("thank-yous are measured against the policy in force", async (t) => {
  const { a, q } = await setUp(t);
  const patched = await a.call({ method: 'PATCH', url: '/v1/institution', payload: { policy: { thankYouWithinDays: 2 } } });
  t.equal(patched.statusCode, 200);
  const res = await q(`{ reports { funnel { thankYouOnTime { thanked onTime share withinDays timeZone } } } }`);
  t.strictSame(res.data!.reports.funnel.thankYouOnTime, { thanked: 1, onTime: 0, share: 0, withinDays: 2, timeZone: 'America/New_York' }, 'day 3 is late under a 2-day policy');
  t.strictSame((await rest(a)).thankYouOnTime, res.data!.reports.funnel.thankYouOnTime);
});

t.test('bad filters are validation_failed errors naming the field, as REST', async (t) => {
  const { a, q } = await setUp(t);
  const cases: [filter: Record<string, unknown>, field: string, message: RegExp][] = [
    [{ from: 'yesterday' }, 'filter.from', /ISO 8601 date-time with an offset/],
    [{ to: '2026-02-30T00:00:00Z' }, 'filter.to', /ISO 8601/],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }, 'filter.to', /must not be before from/],
    [{ seekerId: 'skr_123' }, 'filter.seekerId', /must be a seeker id/],
    [{ seekerId: a.institutionId }, 'filter.seekerId', /must be a seeker id/],
    [{ tag: '' }, 'filter.tag', /./],
  ];
  for (const [f, field, message] of cases) {
    const res = await q(FUNNEL, { f });
    t.same(codes(res), ['validation_failed'], JSON.stringify(f));
    t.equal(res.errors![0]!.extensions.status, 400);
    t.equal(res.errors![0]!.extensions.violations![0]!.field, field, JSON.stringify(f));
    t.match(res.errors![0]!.extensions.violations![0]!.message, message, JSON.stringify(f));
    t.equal(res.data!.reports.funnel, null);
  }
  // Nulls mean "not given".
  const nulls = await q(FUNNEL, { f: { seekerId: null, from: null, to: null, tag: null } });
  t.same(nulls.errors, undefined);
  t.strictSame(nulls.data!.reports.funnel.filters, { seekerId: null, from: null, to: null, tag: null });
  // An unknown filter field is GraphQL's own error.
  t.ok((await q(FUNNEL, { f: { state: 'met' } })).errors?.length);
});

t.test('the read scope, and tenancy', async (t) => {
  const { app, db, a, s1 } = await setUp(t);
  const anonymous = await rawGql(app, '{ reports { funnel { totals { interviews } } } }');
  t.same(codes(anonymous), ['unauthorized']);
  t.equal(anonymous.data?.reports ?? null, null);

  const hooks = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'hooks', ['webhooks'], new Date()));
  const refused = await rawGql(app, '{ reports { funnel { totals { interviews } } } }', { authorization: `Bearer ${hooks.secret}` });
  t.same(codes(refused), ['insufficient_scope']);
  const restRefused = await app.inject({ method: 'GET', url: '/v1/reports/funnel', headers: { authorization: `Bearer ${hooks.secret}` } });
  t.equal(restRefused.statusCode, 403);
  const reader = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'reader', ['read'], new Date()));
  const read = await rawGql(app, '{ reports { funnel { totals { interviews } } } }', { authorization: `Bearer ${reader.secret}` });
  t.strictSame(read.data!.reports.funnel.totals, { interviews: 4 });

  // Another institution sees nothing of A's, and A's seeker id filters its figures to nothing.
  const b = await createTenant(app, 'Other College');
  const qb = gql(b);
  const own = await qb(FUNNEL, {});
  t.strictSame(own.data!.reports.funnel.totals, { interviews: 0, requested: 0, replied: 0, met: 0, thanked: 0, referrals: 0 });
  const probe = await qb(FUNNEL, { f: { seekerId: s1 } });
  t.same(probe.errors, undefined);
  t.strictSame(probe.data!.reports.funnel.totals, { interviews: 0, requested: 0, replied: 0, met: 0, thanked: 0, referrals: 0 });
  t.strictSame(probe.data!.reports.funnel.conversion, { requestToMeeting: null, meetingToThankYou: null });
  t.strictSame(probe.data!.reports.funnel, await rest(b, { seekerId: s1 }));
});

t.test('StateCounts and the channels follow the domain', async (t) => {
  const { app } = await buildTestApp(t, { now: T0 });
  const intro = await rawGql(app, `{
    counts: __type(name: "StateCounts") { fields { name } }
    rate: __type(name: "ChannelResponseRate") { fields { name type { kind ofType { name } } } } }`);
  t.strictSame(intro.data!.counts.fields.map((f: { name: string }) => f.name), [...STATES]);
  t.equal(intro.data!.rate.fields.find((f: { name: string }) => f.name === 'channel').type.ofType.name, 'RequestChannel');
  const a = await createTenant(app, 'Empty');
  const empty = await gql(a)(`{ reports { funnel { responseRateByChannel { channel requested replied rate } } } }`);
  t.strictSame(empty.data!.reports.funnel.responseRateByChannel, REQUEST_CHANNELS.map((channel) => ({ channel, requested: 0, replied: 0, rate: null })));
});

t.test('the embedded database runs the same statement', async (t) => {
  const { a, q } = await setUp(t, true);
  const res = await q(FUNNEL, {});
  t.same(res.errors, undefined);
  const funnel = res.data!.reports.funnel;
  t.strictSame(funnel, await rest(a));
  t.strictSame(funnel.totals, { interviews: 4, requested: 2, replied: 2, met: 1, thanked: 1, referrals: 1 });
  t.strictSame(funnel.conversion, { requestToMeeting: 1 / 2, meetingToThankYou: 1 });
  t.strictSame(funnel.medianDays, { requestToMeeting: 10, meetingToThankYou: 3.63 });
  t.strictSame(funnel.thankYouOnTime, { thanked: 1, onTime: 1, share: 1, withinDays: 3, timeZone: 'America/New_York' });
  t.strictSame(funnel.ignoredAdvisories.map((x: { rule: string; count: number }) => [x.rule, x.count]), [['not_confirmed', 1], ['phone_channel', 1]]);
});
