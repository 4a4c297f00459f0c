import t from 'tap';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';

// GET /v1/seekers/{id}/agenda for a seeker with interviews in several states,
// in an institution in New York: items, order, overdue under a moving clock,
// limit, and tenancy.

const T0 = new Date('2026-12-01T12:00:00Z'); // Tue 1 Dec, 07:00 EST
const SCHEDULE = { scheduledAt: '2026-12-10T15:00:00Z', mode: 'video', location: 'https://meet.example/pat', durationMinutes: 20 }; // Thu 10 Dec 10:00 EST
const MEETING = [['request', GOOD_REQUEST], ['schedule', SCHEDULE], ['confirm', {}], ['meet', { askedForReferral: true }]] as const;
const PATHS: Record<string, readonly (readonly [string, Record<string, unknown>])[]> = {
  prospect: [],
  requested: [['request', GOOD_REQUEST]],
  scheduled: [['request', GOOD_REQUEST], ['schedule', SCHEDULE]],
  confirmed: MEETING.slice(0, 3),
  met: MEETING,
  thanked: [...MEETING, ['thank', { channel: 'email' }]],
  following_up: [...MEETING, ['thank', { channel: 'email' }], ['follow-up', { channel: 'email', kind: 'update', note: 'Started the course.' }]],
  cancelled: [['cancel', {}]],
  closed: [...MEETING, ['close', {}]],
};

async function make(a: Tenant, seekerId: string, name: string, state: string): Promise<{ id: string; contactId: string }> {
  const c = await contact(a, { name });
  const res = await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId, contactId: c.id, topics: ['data engineering'], questions: ['What does a normal week look like?'] } });
  const id = res.json<{ id: string }>().id;
  for (const [action, body] of PATHS[state]!) await act(a, id, action, body);
  return { id, contactId: c.id };
}

interface Item {
  interviewId: string;
  contact: { id: string; name: string };
  action: string;
  dueAt: string | null;
  overdue: boolean;
  code: string;
  rule: { code: string | null; setting: string | null };
  message: string;
}

async function agenda(a: Tenant, seekerId: string, query = '') {
  const res = await a.call({ method: 'GET', url: `/v1/seekers/${seekerId}/agenda${query}` });
  if (res.statusCode !== 200) throw new Error(`agenda: ${res.statusCode} ${res.body}`);
  return res.json<{ data: Item[]; asOf: string }>();
}

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  const test = await buildTestApp(t, { now: T0 });
  const a = await createTenant(test.app, 'Northfield Careers', 'America/New_York');
  const s = await seeker(a);
  // Created in this order, so ids ascend in it.
  const iv = {
    prospectB: await make(a, s.id, 'Bea Prospect', 'prospect'),
    requested: await make(a, s.id, 'Rae Request', 'requested'),
    scheduled: await make(a, s.id, 'Pat Rivera', 'scheduled'),
    confirmed: await make(a, s.id, 'Cy Confirmed', 'confirmed'),
    met: await make(a, s.id, 'Sam Okafor', 'met'),
    thanked: await make(a, s.id, 'Lee Chen', 'thanked'),
    cancelled: await make(a, s.id, 'Cal Cancelled', 'cancelled'),
    closed: await make(a, s.id, 'Clo Closed', 'closed'),
    prospectA: await make(a, s.id, 'Abe Prospect', 'prospect'),
  };
  return { ...test, a, seekerId: s.id, iv };
}

t.test("a seeker's next steps across states, earliest due first, in the institution's time zone", async (t) => {
  const { a, seekerId, iv } = await setUp(t);
  const body = await agenda(a, seekerId);
  t.equal(body.asOf, T0.toISOString());
  const item = (key: keyof typeof iv, name: string, rest: Omit<Item, 'interviewId' | 'contact'>): Item => ({
    interviewId: iv[key].id,
    contact: { id: iv[key].contactId, name },
    ...rest,
  });
  t.same(body.data, [
    item('met', 'Sam Okafor', {
      action: 'thank', dueAt: '2026-12-05T05:00:00.000Z', overdue: false, code: 'send_thank_you',
      rule: { code: 'thanks_late', setting: 'thankYouWithinDays' }, message: 'Send Sam Okafor a thank-you by the end of Fri 4 Dec.',
    }),
    item('scheduled', 'Pat Rivera', {
      action: 'confirm', dueAt: '2026-12-07T15:00:00.000Z', overdue: false, code: 'confirm_meeting',
      rule: { code: 'not_confirmed', setting: 'confirmLeadDays' }, message: 'Confirm your meeting with Pat Rivera by Mon 7 Dec.',
    }),
    item('confirmed', 'Cy Confirmed', {
      action: 'meet', dueAt: '2026-12-10T15:00:00.000Z', overdue: false, code: 'attend_meeting',
      rule: { code: null, setting: null }, message: 'Meet Cy Confirmed on Thu 10 Dec at 10:00; bring your short list of questions.',
    }),
    item('requested', 'Rae Request', {
      action: 'schedule', dueAt: '2026-12-22T12:00:00.000Z', overdue: false, code: 'awaiting_reply',
      rule: { code: null, setting: 'requestExpiryDays' }, message: 'Waiting for Rae Request to reply; schedule the meeting when they do. The request lapses on Tue 22 Dec.',
    }),
    item('thanked', 'Lee Chen', {
      action: 'follow_up', dueAt: '2027-03-01T12:00:00.000Z', overdue: false, code: 'follow_up',
      rule: { code: 'follow_up_too_soon', setting: 'followUpEveryDays' }, message: 'Keep in touch with Lee Chen: a note is due on Mon 1 Mar 2027.',
    }),
    item('prospectB', 'Bea Prospect', {
      action: 'request', dueAt: null, overdue: false, code: 'send_request', rule: { code: null, setting: null },
      message: 'Send Bea Prospect a request for a short conversation about their work.',
    }),
    item('prospectA', 'Abe Prospect', {
      action: 'request', dueAt: null, overdue: false, code: 'send_request', rule: { code: null, setting: null },
      message: 'Send Abe Prospect a request for a short conversation about their work.',
    }),
  ], 'end states left out; undated last, by interview id');
  t.ok(iv.prospectB.id < iv.prospectA.id);

  // The dates agree with the interview's own stored due dates.
  const met = (await a.call({ method: 'GET', url: `/v1/interviews/${iv.met.id}` })).json();
  t.equal(met.thankYouDueBy, body.data[0]!.dueAt);
});

t.test('overdue flips as the clock passes each due instant', async (t) => {
  const { a, clock, seekerId, iv } = await setUp(t);
  clock.now = new Date('2026-12-05T04:59:59.999Z');
  let body = await agenda(a, seekerId);
  t.equal(body.asOf, '2026-12-05T04:59:59.999Z');
  t.same(body.data.filter((i) => i.overdue), [], 'Fri 23:59:59.999 EST: nothing overdue');

  clock.now = new Date('2026-12-05T05:00:00Z');
  body = await agenda(a, seekerId);
  t.same(body.data.filter((i) => i.overdue).map((i) => i.interviewId), [iv.met.id], 'Sat 00:00 EST: the thank-you is overdue');
  t.equal(body.data[0]!.message, 'Your thank-you to Sam Okafor is overdue (it was due by the end of Fri 4 Dec); it is still worth sending.');

  clock.now = new Date('2026-12-11T00:00:00Z');
  body = await agenda(a, seekerId);
  t.same(body.data.filter((i) => i.overdue).map((i) => i.code), ['send_thank_you', 'confirm_meeting', 'attend_meeting']);
  t.equal(body.data[2]!.message, 'Your meeting with Cy Confirmed was on Thu 10 Dec at 10:00: record how it went.');

  // Acting on a step replaces it with the next one.
  await act(a, iv.met.id, 'thank', { channel: 'email' });
  body = await agenda(a, seekerId);
  const after = body.data.find((i) => i.interviewId === iv.met.id)!;
  t.same({ code: after.code, overdue: after.overdue, dueAt: after.dueAt }, { code: 'follow_up', overdue: false, dueAt: '2027-03-11T00:00:00.000Z' }, '90 local days after the thank-you (Thu 10 Dec 19:00 EST)');
  t.same(body.data.filter((i) => i.overdue).map((i) => i.code), ['confirm_meeting', 'attend_meeting']);
});

t.test('limit keeps the earliest; bad limits are a 400 problem', async (t) => {
  const { a, seekerId, iv } = await setUp(t);
  t.same((await agenda(a, seekerId, '?limit=2')).data.map((i) => i.interviewId), [iv.met.id, iv.scheduled.id]);
  t.equal((await agenda(a, seekerId, '?limit=200')).data.length, 7);
  for (const q of ['limit=0', 'limit=201', 'limit=abc', 'limit=', 'limit=1.5', 'cursor=x']) {
    const res = await a.call({ method: 'GET', url: `/v1/seekers/${seekerId}/agenda?${q}` });
    t.equal(res.statusCode, 400, q);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.equal(res.json().code, 'validation_failed', q);
  }
});

t.test('only this seeker, only this institution', async (t) => {
  const { app, a, seekerId } = await setUp(t);
  const other = await seeker(a, { name: 'Bo Learner' });
  t.same((await agenda(a, other.id)).data, [], 'a seeker with nothing open has an empty agenda');
  const mine = await make(a, other.id, 'Pat Rivera', 'met');
  t.same((await agenda(a, other.id)).data.map((i) => i.interviewId), [mine.id]);
  t.notOk((await agenda(a, seekerId)).data.some((i) => i.interviewId === mine.id), "another seeker's steps stay out");

  const b = await createTenant(app, 'Other Centre');
  for (const [who, id] of [['A', seekerId], ['unknown', 'skr_01jdz3v4k8q2w5e7r9t1y3a5b7']] as const) {
    const res = await b.call({ method: 'GET', url: `/v1/seekers/${id}/agenda` });
    t.equal(res.statusCode, 404, who);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.equal(res.json().code, 'not_found');
  }
  const malformed = await a.call({ method: 'GET', url: '/v1/seekers/nope/agenda' });
  t.equal(malformed.statusCode, 400);
  const anonymous = await app.inject({ method: 'GET', url: `/v1/seekers/${seekerId}/agenda` });
  t.equal(anonymous.statusCode, 401);
});

t.test('the same on the embedded database', async (t) => {
  const { app } = await buildTestApp(t, { embedded: true, now: T0 });
  const a = await createTenant(app, 'Embedded Careers', 'America/New_York');
  const s = await seeker(a);
  const met = await make(a, s.id, 'Sam Okafor', 'met');
  const prospect = await make(a, s.id, 'Abe Prospect', 'prospect');
  await make(a, s.id, 'Cal Cancelled', 'cancelled');
  const body = await agenda(a, s.id);
  t.same(body.data.map((i) => [i.interviewId, i.code, i.dueAt]), [[met.id, 'send_thank_you', '2026-12-05T05:00:00.000Z'], [prospect.id, 'send_request', null]]);
  const filtered = await a.call({ method: 'GET', url: '/v1/interviews?dueBefore=2026-12-05T05:00:00.001Z&overdue=false' });
  t.same(filtered.json().data.map((x: { id: string }) => x.id), [met.id]);
  t.equal((await a.call({ method: 'GET', url: '/v1/seekers/skr_01jdz3v4k8q2w5e7r9t1y3a5b7/agenda' })).statusCode, 404);
});
