import t from 'tap';
import { DEFAULT_POLICY, RULE_TEXTS, STATES, isRuleCode } from '../../src/domain/index.js';
import { funnelStatement } from '../../src/services/reports.js';
import { buildTestApp, createTenant, type Tenant, type TestApp } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';
import { gql } from '../graphql/helpers.js';

// GET /v1/reports/funnel over a hand-built institution in New York: fifteen
// interviews driven through the API across every state, five request
// channels, two seekers, tags, thank-yous on time and late around the end of
// daylight saving time (Sun 1 Nov 2026, 02:00 EDT → 01:00 EST), referrals and
// ignored advisories. Every figure is worked out by hand below. Then the
// filters, an empty institution, tenancy, validation, GraphQL, and the query
// plan against thousands of another institution's rows. (The embedded
// database runs the same statement in test/graphql/reports.cases.ts.)

const TZ = 'America/New_York';
const CREATED = '2026-10-01T14:00:00Z';
const END = new Date('2026-11-05T12:00:00Z');
const video = (scheduledAt: string, durationMinutes = 20) => ({ scheduledAt, mode: 'video', location: 'https://meet.example/x', durationMinutes });
const request = (channel: string) => ({ ...GOOD_REQUEST, channel });

type Step = readonly [at: string, action: string, body?: Record<string, unknown>];
interface Spec {
  seeker: 's1' | 's2';
  tags?: string[];
  /** Contact fields over the fixture's (which has howWeMet and researchNotes). */
  contact?: Record<string, unknown>;
  questions?: string[];
  created?: string;
  steps: Step[];
}

// Times are UTC; the comments give New York's wall clock where it matters.
// Advisories each action draws are noted after it (→).
const SPECS = {
  // Thanked on local day 3 (on time) although it is UTC day 4 and 87 hours
  // later: met Thu 29 Oct 09:00 EDT, thanked Sun 1 Nov 23:00 EST.
  A: {
    seeker: 's1', tags: ['alumni', 'engineering'],
    steps: [
      ['2026-10-15T13:00:00Z', 'request', request('email')],
      ['2026-10-16T13:00:00Z', 'schedule', video('2026-10-29T13:00:00Z')],
      ['2026-10-26T13:00:00Z', 'confirm'],
      ['2026-10-29T13:00:00Z', 'meet', { askedForReferral: true, actualMinutes: 20 }],
      ['2026-11-02T04:00:00Z', 'thank', { channel: 'email' }],
      ['2026-11-03T14:00:00Z', 'add-referral', { name: 'Rui Referral' }],
    ],
  },
  // Thanked on local day 4 (late) although it is UTC day 3: met Thu 29 Oct
  // 21:00 EDT (Fri 01:00Z), thanked Mon 2 Nov 10:00 EST.
  B: {
    seeker: 's1', tags: ['alumni'],
    steps: [
      ['2026-10-20T13:00:00Z', 'request', request('linkedin')],
      ['2026-10-21T13:00:00Z', 'schedule', video('2026-10-30T01:00:00Z')],
      ['2026-10-29T23:00:00Z', 'confirm'], // → confirmed_late (2 h before)
      ['2026-10-30T01:00:00Z', 'meet', { askedForReferral: true }],
      ['2026-11-02T15:00:00Z', 'thank', { channel: 'email' }], // → thanks_late
      ['2026-11-04T15:00:00Z', 'follow-up', { channel: 'email', kind: 'update', containsRequest: true, note: 'Could you introduce me to your manager?' }], // → follow_up_too_soon, request_too_soon
    ],
  },
  C: {
    seeker: 's2', tags: ['finance'],
    steps: [
      ['2026-10-12T15:00:00Z', 'request', request('email')],
      ['2026-10-13T15:00:00Z', 'schedule', video('2026-10-19T15:00:00Z')],
      ['2026-10-19T15:00:00Z', 'meet', { askedForReferral: true }], // → not_confirmed
      ['2026-10-19T20:00:00Z', 'thank', { channel: 'email' }], // same day: on time
      ['2026-10-21T14:00:00Z', 'add-referral', { name: 'Ria Referral' }],
      ['2026-10-21T14:00:00Z', 'add-referral', { name: 'Rex Referral' }],
    ],
  },
  D: {
    seeker: 's2', tags: ['finance'],
    steps: [
      ['2026-10-08T14:00:00Z', 'request', request('phone')], // → phone_channel
      ['2026-10-09T14:00:00Z', 'schedule', video('2026-10-20T14:00:00Z')],
      ['2026-10-17T14:00:00Z', 'confirm'],
      ['2026-10-20T14:00:00Z', 'meet', { actualMinutes: 40 }], // → overran_time, referral_not_asked
      ['2026-10-26T14:00:00Z', 'thank', { channel: 'handwritten_note' }], // local day 6 → thanks_late
      ['2026-10-27T14:00:00Z', 'close'],
    ],
  },
  E: {
    seeker: 's1', questions: [],
    steps: [
      ['2026-10-12T14:00:00Z', 'request', request('email')],
      ['2026-10-13T14:00:00Z', 'schedule', video('2026-10-22T14:00:00Z')],
      ['2026-10-22T14:00:00Z', 'meet', {}], // → not_confirmed, no_questions, referral_not_asked
    ],
  },
  F: {
    seeker: 's2', tags: ['alumni'],
    steps: [
      ['2026-10-18T14:00:00Z', 'request', request('linkedin')],
      ['2026-10-19T14:00:00Z', 'schedule', video('2026-10-23T14:00:00Z', 45)], // → over_requested_duration
      ['2026-10-20T14:00:00Z', 'confirm'],
      ['2026-10-23T14:00:00Z', 'meet', { askedForReferral: false }], // → referral_not_asked
      ['2026-10-24T14:00:00Z', 'close'],
    ],
  },
  G: {
    seeker: 's1', tags: ['alumni'],
    steps: [
      ['2026-10-26T14:00:00Z', 'request', request('email')],
      ['2026-10-27T14:00:00Z', 'schedule', video('2026-11-20T15:00:00Z')],
    ],
  },
  H: {
    seeker: 's2', tags: ['finance'],
    steps: [
      ['2026-10-27T14:00:00Z', 'request', request('in_person')],
      ['2026-10-27T16:00:00Z', 'schedule', { scheduledAt: '2026-11-25T15:00:00Z', mode: 'in_person', location: 'Acme HQ, 5th floor', durationMinutes: 20 }],
      ['2026-10-28T14:00:00Z', 'confirm'], // → confirmed_early (4 weeks ahead)
    ],
  },
  I: {
    seeker: 's1', tags: ['finance'],
    steps: [
      ['2026-10-09T14:00:00Z', 'request', request('phone')], // → phone_channel
      ['2026-10-11T14:00:00Z', 'decline', { reason: 'Too busy this quarter' }],
    ],
  },
  J: {
    seeker: 's1', tags: ['alumni'], contact: { howWeMet: null, researchNotes: null },
    steps: [
      ['2026-10-02T14:00:00Z', 'request', request('linkedin')], // → cold_contact, no_research
      ['2026-10-23T14:00:00Z', 'expire'],
    ],
  },
  K: {
    seeker: 's2',
    steps: [
      ['2026-10-14T14:00:00Z', 'request', request('email')],
      ['2026-10-16T14:00:00Z', 'cancel', { reason: 'Found the answer elsewhere' }],
    ],
  },
  L: {
    seeker: 's1', contact: { howWeMet: null },
    steps: [['2026-10-28T14:00:00Z', 'request', request('other')]], // → cold_contact
  },
  M: { seeker: 's2', created: '2026-10-16T14:00:00Z', steps: [] },
  N: {
    seeker: 's1',
    steps: [
      ['2026-10-05T14:00:00Z', 'request', request('email')],
      ['2026-10-06T14:00:00Z', 'schedule', video('2026-10-30T14:00:00Z')],
      ['2026-10-07T14:00:00Z', 'cancel'],
    ],
  },
} satisfies Record<string, Spec>;
// add_referral adds three prospects: R1 (s1, from A, created 3 Nov), R2 and R3 (s2, from C, created 21 Oct).

interface Fixture extends TestApp {
  a: Tenant;
  b: Tenant;
  s1: string;
  s2: string;
  bSeeker: string;
  ids: Record<keyof typeof SPECS, string>;
  /** Every advisory the actions answered with, by rule: a check on the hand count. */
  answered: Record<string, number>;
}

async function build(t: Parameters<typeof buildTestApp>[0]): Promise<Fixture> {
  const test = await buildTestApp(t, { now: new Date(CREATED) });
  const { clock } = test;
  const a = await createTenant(test.app, 'Northfield Careers', TZ);
  const seekers = { s1: (await seeker(a, { name: 'Ada Student' })).id, s2: (await seeker(a, { name: 'Bo Learner', email: 'bo@example.edu' })).id };
  const answered: Record<string, number> = {};
  const ids = {} as Record<keyof typeof SPECS, string>;
  for (const [name, spec] of Object.entries(SPECS) as [keyof typeof SPECS, Spec][]) {
    clock.now = new Date(spec.created ?? CREATED);
    const c = await contact(a, { name: `Contact ${name}`, tags: spec.tags ?? [], ...spec.contact });
    const res = await a.call({
      method: 'POST',
      url: '/v1/interviews',
      payload: { seekerId: seekers[spec.seeker], contactId: c.id, questions: spec.questions ?? ['What does a normal week look like?'] },
    });
    if (res.statusCode !== 201) throw new Error(`interview ${name}: ${res.body}`);
    ids[name] = res.json<{ id: string }>().id;
    for (const [at, action, body] of spec.steps) {
      clock.now = new Date(at);
      for (const adv of (await act(a, ids[name], action, body)).advisories) answered[adv.rule] = (answered[adv.rule] ?? 0) + 1;
    }
  }

  // Another institution, with a met and thanked interview of its own.
  clock.now = new Date(CREATED);
  const b = await createTenant(test.app, 'Other College', 'UTC');
  const bSeeker = (await seeker(b, { name: 'Cy Other' })).id;
  const bContact = await contact(b, { name: 'Dee Other', tags: ['alumni', 'finance'] });
  const bIv = (await b.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: bSeeker, contactId: bContact.id } })).json<{ id: string }>().id;
  await act(b, bIv, 'request', request('phone'));
  await act(b, bIv, 'schedule', video('2026-10-10T14:00:00Z'));
  clock.now = new Date('2026-10-10T14:00:00Z');
  await act(b, bIv, 'meet', {});
  await act(b, bIv, 'thank', { channel: 'email' });
  await act(b, bIv, 'add-referral', { name: 'Other Referral' });

  clock.now = END;
  return { ...test, a, b, s1: seekers.s1, s2: seekers.s2, bSeeker, ids, answered };
}

async function report(who: Tenant, query: Record<string, string> = {}) {
  const res = await who.call({ method: 'GET', url: `/v1/reports/funnel?${new URLSearchParams(query).toString()}` });
  if (res.statusCode !== 200) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return res.json<Record<string, unknown>>();
}

const counts = (given: Partial<Record<(typeof STATES)[number], number>>) => Object.fromEntries(STATES.map((s) => [s, given[s] ?? 0]));
const channels = (given: Record<string, [requested: number, replied: number]>) =>
  ['email', 'linkedin', 'phone', 'in_person', 'other'].map((channel) => {
    const [requested, replied] = given[channel] ?? [0, 0];
    return { channel, requested, replied, rate: requested === 0 ? null : replied / requested };
  });
const advisories = (list: [rule: string, count: number][]) =>
  list.map(([rule, count]) => ({ rule, message: isRuleCode(rule) ? RULE_TEXTS[rule].message(DEFAULT_POLICY) : '?', count }));
const NO_FILTERS = { seekerId: null, from: null, to: null, tag: null };
const onTime = (thanked: number, on: number) => ({ thanked, onTime: on, share: thanked === 0 ? null : on / thanked, withinDays: 3, timeZone: TZ });

const H = 3600; // seconds in an hour, for the medians below

const fixture = build(t);

t.test('every figure of the whole institution, worked out by hand', async (t) => {
  const { a, answered } = await fixture;
  const body = await report(a);
  t.strictSame(body, {
    filters: NO_FILTERS,
    asOf: END.toISOString(),
    // A–N are 14 interviews, plus the 3 referral prospects (R1–R3): 17.
    // prospect: M, R1, R2, R3; cancelled: K, N; closed: D, F; thanked: A, C.
    counts: counts({ prospect: 4, requested: 1, scheduled: 1, confirmed: 1, met: 1, thanked: 2, following_up: 1, declined: 1, no_response: 1, cancelled: 2, closed: 2 }),
    totals: {
      interviews: 17,
      requested: 13, // all but M and R1–R3
      replied: 10, // scheduled at some point: A B C D E F G H N; declined: I. Not: J (no_response), K (cancelled unanswered), L (waiting)
      met: 6, // A B C D E F
      thanked: 4, // A B C D
      referrals: 3, // R1 from A, R2 and R3 from C
    },
    conversion: { requestToMeeting: 6 / 13, meetingToThankYou: 4 / 6 },
    // email A C E G K N (replied: all but K); linkedin B F J (B F); phone D I (both: D met, I declined); in_person H; other L (waiting).
    responseRateByChannel: channels({ email: [6, 5], linkedin: [3, 2], phone: [2, 2], in_person: [1, 1], other: [1, 0] }),
    medianDays: {
      // request → meeting, days: F 5, C 7, B 9.5, E 10, D 12, A 14 → (9.5 + 10) / 2
      requestToMeeting: 9.75,
      // meeting → thank-you, hours: C 5, B 86, A 87, D 144 → (86 + 87) / 2 = 86.5 h = 3.604… days, to 2 decimals
      meetingToThankYou: 3.6,
    },
    // A local day 3 (on time), B local day 4 (late), C day 0 (on time), D day 6 (late): 2 of 4.
    thankYouOnTime: onTime(4, 2),
    referralsPerMeeting: 3 / 6,
    // 19 advisories over 13 rules; the top 10, most first, ties by code:
    ignoredAdvisories: advisories([
      ['referral_not_asked', 3], // D E F
      ['cold_contact', 2], // J L
      ['not_confirmed', 2], // C E
      ['phone_channel', 2], // D I
      ['thanks_late', 2], // B D
      ['confirmed_early', 1], // H
      ['confirmed_late', 1], // B
      ['follow_up_too_soon', 1], // B
      ['no_questions', 1], // E
      ['no_research', 1], // J
      // left out, 1 each: over_requested_duration (F), overran_time (D), request_too_soon (B)
    ]),
  });

  // The hand count of advisories agrees with what the actions answered.
  t.strictSame(answered, {
    referral_not_asked: 3, cold_contact: 2, not_confirmed: 2, phone_channel: 2, thanks_late: 2, confirmed_early: 1, confirmed_late: 1,
    follow_up_too_soon: 1, no_questions: 1, no_research: 1, over_requested_duration: 1, overran_time: 1, request_too_soon: 1,
  });
  // The worked hours: A met 29 Oct 13:00Z, thanked 2 Nov 04:00Z; B met 30 Oct 01:00Z, thanked 2 Nov 15:00Z.
  t.equal((Date.parse('2026-11-02T04:00:00Z') - Date.parse('2026-10-29T13:00:00Z')) / 1000 / H, 87);
  t.equal((Date.parse('2026-11-02T15:00:00Z') - Date.parse('2026-10-30T01:00:00Z')) / 1000 / H, 86);
});

t.test('filtered by seeker', async (t) => {
  const { a, s1 } = await fixture;
  t.strictSame(await report(a, { seekerId: s1 }), {
    filters: { ...NO_FILTERS, seekerId: s1 },
    asOf: END.toISOString(),
    // s1: A B E G I J L N and R1 (A's referral)
    counts: counts({ prospect: 1, requested: 1, scheduled: 1, met: 1, thanked: 1, following_up: 1, declined: 1, no_response: 1, cancelled: 1 }),
    totals: { interviews: 9, requested: 8, replied: 6 /* A B E G N, I declined */, met: 3 /* A B E */, thanked: 2 /* A B */, referrals: 1 /* R1 */ },
    conversion: { requestToMeeting: 3 / 8, meetingToThankYou: 2 / 3 },
    // email A E G N (all replied); linkedin B J (B); phone I (declined); other L.
    responseRateByChannel: channels({ email: [4, 4], linkedin: [2, 1], phone: [1, 1], other: [1, 0] }),
    // request → meeting: B 9.5, E 10, A 14 → 10; meeting → thank-you: (86 + 87) / 2 h → 3.60
    medianDays: { requestToMeeting: 10, meetingToThankYou: 3.6 },
    thankYouOnTime: onTime(2, 1), // A on time, B late
    referralsPerMeeting: 1 / 3,
    ignoredAdvisories: advisories([
      ['cold_contact', 2], // J L
      ['confirmed_late', 1], ['follow_up_too_soon', 1], ['no_questions', 1], ['no_research', 1], ['not_confirmed', 1],
      ['phone_channel', 1], ['referral_not_asked', 1], ['request_too_soon', 1], ['thanks_late', 1],
    ]),
  });
});

t.test('filtered by tag', async (t) => {
  const { a, s2 } = await fixture;
  t.strictSame(await report(a, { tag: 'finance' }), {
    filters: { ...NO_FILTERS, tag: 'finance' },
    asOf: END.toISOString(),
    // C D H I (the referral contacts carry no tags)
    counts: counts({ thanked: 1, closed: 1, confirmed: 1, declined: 1 }),
    totals: { interviews: 4, requested: 4, replied: 4, met: 2, thanked: 2, referrals: 2 /* R2 R3 from C */ },
    conversion: { requestToMeeting: 2 / 4, meetingToThankYou: 2 / 2 },
    responseRateByChannel: channels({ email: [1, 1], phone: [2, 2], in_person: [1, 1] }),
    // request → meeting: C 7, D 12 → 9.5; meeting → thank-you: C 5 h, D 144 h → 74.5 h = 3.104… days
    medianDays: { requestToMeeting: 9.5, meetingToThankYou: 3.1 },
    thankYouOnTime: onTime(2, 1),
    referralsPerMeeting: 1,
    ignoredAdvisories: advisories([
      ['phone_channel', 2], // D I
      ['confirmed_early', 1], ['not_confirmed', 1], ['overran_time', 1], ['referral_not_asked', 1], ['thanks_late', 1],
    ]),
  });

  // Seeker and tag together: s2's alumni contacts are F's only; nothing to thank, so nulls.
  t.strictSame(await report(a, { seekerId: s2, tag: 'alumni' }), {
    filters: { ...NO_FILTERS, seekerId: s2, tag: 'alumni' },
    asOf: END.toISOString(),
    counts: counts({ closed: 1 }),
    totals: { interviews: 1, requested: 1, replied: 1, met: 1, thanked: 0, referrals: 0 },
    conversion: { requestToMeeting: 1, meetingToThankYou: 0 },
    responseRateByChannel: channels({ linkedin: [1, 1] }),
    medianDays: { requestToMeeting: 5, meetingToThankYou: null },
    thankYouOnTime: onTime(0, 0),
    referralsPerMeeting: 0,
    ignoredAdvisories: advisories([['over_requested_duration', 1], ['referral_not_asked', 1]]),
  });
  const none = await report(a, { tag: 'no-such-tag' });
  t.equal((none.totals as { interviews: number }).interviews, 0);
});

t.test('filtered by period: [from, to) of the request time, or the creation time if never requested', async (t) => {
  const { a } = await fixture;
  // 12 Oct 14:00Z up to, not including, 18 Oct 14:00Z, written with New York's offset.
  const body = await report(a, { from: '2026-10-12T10:00:00-04:00', to: '2026-10-18T10:00:00-04:00' });
  t.strictSame(body, {
    filters: { ...NO_FILTERS, from: '2026-10-12T14:00:00.000Z', to: '2026-10-18T14:00:00.000Z' },
    asOf: END.toISOString(),
    // Requested inside: E (12 Oct 14:00, the inclusive bound), C (12 Oct 15:00), K (14 Oct), A (15 Oct) — all
    // created 1 Oct, outside; M never requested, created 16 Oct. Out: F (requested 18 Oct 14:00, the exclusive bound).
    counts: counts({ prospect: 1, met: 1, thanked: 2, cancelled: 1 }),
    totals: { interviews: 5, requested: 4, replied: 3, met: 3, thanked: 2, referrals: 3 /* from A and C, though created later */ },
    conversion: { requestToMeeting: 3 / 4, meetingToThankYou: 2 / 3 },
    responseRateByChannel: channels({ email: [4, 3] }),
    // request → meeting: C 7, E 10, A 14 → 10; meeting → thank-you: C 5 h, A 87 h → 46 h = 1.9166… days
    medianDays: { requestToMeeting: 10, meetingToThankYou: 1.92 },
    thankYouOnTime: onTime(2, 2),
    referralsPerMeeting: 1,
    ignoredAdvisories: advisories([['not_confirmed', 2], ['no_questions', 1], ['referral_not_asked', 1]]),
  });

  // Open-ended bounds, and from = to (an empty period, allowed).
  const after = await report(a, { from: '2026-10-26T00:00:00Z' }); // G H L and R1
  t.strictSame(after.counts, counts({ scheduled: 1, confirmed: 1, requested: 1, prospect: 1 }));
  const before = await report(a, { to: '2026-10-06T00:00:00Z' }); // J (2 Oct), N (5 Oct)
  t.strictSame(before.counts, counts({ no_response: 1, cancelled: 1 }));
  const empty = await report(a, { from: '2026-10-12T14:00:00Z', to: '2026-10-12T14:00:00Z' });
  t.equal((empty.totals as { interviews: number }).interviews, 0);
});

const EMPTY = {
  counts: counts({}),
  totals: { interviews: 0, requested: 0, replied: 0, met: 0, thanked: 0, referrals: 0 },
  conversion: { requestToMeeting: null, meetingToThankYou: null },
  responseRateByChannel: channels({}),
  medianDays: { requestToMeeting: null, meetingToThankYou: null },
  referralsPerMeeting: null,
  ignoredAdvisories: [],
};

t.test('an empty institution: zeros and nulls', async (t) => {
  const { app } = await fixture;
  const c = await createTenant(app, 'Brand New Centre', 'Europe/Berlin');
  t.strictSame(await report(c), {
    filters: NO_FILTERS,
    asOf: END.toISOString(),
    ...EMPTY,
    thankYouOnTime: { thanked: 0, onTime: 0, share: null, withinDays: 3, timeZone: 'Europe/Berlin' },
  });
});

t.test("tenancy: another institution's figures and seekers", async (t) => {
  const { a, b, s1, bSeeker } = await fixture;
  // B sees its one interview and its referral, nothing of A's.
  const bBody = await report(b);
  t.strictSame(bBody.counts, counts({ thanked: 1, prospect: 1 }));
  t.strictSame(bBody.totals, { interviews: 2, requested: 1, replied: 1, met: 1, thanked: 1, referrals: 1 });
  // Its interview has no questions, was requested by phone and met unconfirmed without asking for referrals.
  t.strictSame(bBody.ignoredAdvisories, advisories([['no_questions', 1], ['not_confirmed', 1], ['phone_channel', 1], ['referral_not_asked', 1]]));
  // A seeker of the other institution matches nothing, either way round: the figures of nothing.
  const bAsksForA = await report(b, { seekerId: s1 });
  t.strictSame(bAsksForA, { filters: { ...NO_FILTERS, seekerId: s1 }, asOf: END.toISOString(), ...EMPTY, thankYouOnTime: { ...onTime(0, 0), timeZone: 'UTC' } });
  const aAsksForB = await report(a, { seekerId: bSeeker });
  t.strictSame(aAsksForB, { filters: { ...NO_FILTERS, seekerId: bSeeker }, asOf: END.toISOString(), ...EMPTY, thankYouOnTime: onTime(0, 0) });
  // B's contact carries "finance" too: A's tag filter still counts A's four.
  t.equal(((await report(a, { tag: 'finance' })).totals as { interviews: number }).interviews, 4);
});

t.test('bad input answers 400 problems that say what is wrong', async (t) => {
  const { a, app } = await fixture;
  const probe = async (query: string) => {
    const res = await a.call({ method: 'GET', url: `/v1/reports/funnel?${query}` });
    return { status: res.statusCode, type: res.headers['content-type'], body: res.json<{ code: string; detail: string; violations: { field: string; message: string }[] }>() };
  };
  const cases: [query: string, field: string, message: RegExp][] = [
    ['from=yesterday', 'querystring.from', /ISO 8601 date-time with an offset/],
    ['to=2026-02-30T00:00:00Z', 'querystring.to', /ISO 8601/],
    ['from=2026-10-01T00:00:00', 'querystring.from', /with an offset/],
    ['from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z', 'querystring.to', /must not be before from \(2026-11-01T00:00:00Z\)/],
    ['seekerId=skr_123', 'querystring.seekerId', /must be a seeker id \(skr_…\)/],
    [`seekerId=${a.institutionId}`, 'querystring.seekerId', /must be a seeker id/],
    ['tag=', 'querystring.tag', /./],
    [`tag=${'x'.repeat(51)}`, 'querystring.tag', /./],
    ['tag=a%00b', 'querystring.tag', /NUL/],
    ['state=met', 'querystring.state', /./],
  ];
  for (const [query, field, message] of cases) {
    const r = await probe(query);
    t.equal(r.status, 400, query);
    t.match(r.type, /^application\/problem\+json/, query);
    t.equal(r.body.code, 'validation_failed', query);
    t.equal(r.body.violations[0]?.field, field, query);
    t.match(r.body.violations[0]?.message, message, query);
    t.match(r.body.detail, new RegExp(`^${field.replace('.', '\\.')}: `), query);
  }
  // The key is required.
  const anonymous = await app.inject({ method: 'GET', url: '/v1/reports/funnel' });
  t.equal(anonymous.statusCode, 401);
});

const GQL_REPORT = `query($f: FunnelReportFilter) { reports { funnel(filter: $f) {
  filters { seekerId from to tag } asOf counts { ${STATES.join(' ')} }
  totals { interviews requested replied met thanked referrals }
  conversion { requestToMeeting meetingToThankYou }
  responseRateByChannel { channel requested replied rate }
  medianDays { requestToMeeting meetingToThankYou }
  thankYouOnTime { thanked onTime share withinDays timeZone }
  referralsPerMeeting ignoredAdvisories { rule message count } } } }`;

t.test('GraphQL reports { funnel } gives the same numbers as REST', async (t) => {
  const { a, s1, s2 } = await fixture;
  const q = gql(a);
  const filters: Record<string, string>[] = [
    {},
    { seekerId: s1 },
    { tag: 'finance' },
    { seekerId: s2, tag: 'alumni' },
    { from: '2026-10-12T10:00:00-04:00', to: '2026-10-18T10:00:00-04:00' },
  ];
  for (const f of filters) {
    const res = await q(GQL_REPORT, { f });
    t.same(res.errors, undefined, JSON.stringify(f));
    t.strictSame(res.data?.reports.funnel, await report(a, f), JSON.stringify(f));
  }
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Each scan of a table in a plan: the table, how, and with which index (a bitmap scan's from its child). */
function scans(node: PlanNode, out: { table: string; how: string; index: string | undefined }[] = []) {
  if (node['Relation Name']) {
    const index = node['Index Name'] ?? node.Plans?.find((p) => p['Node Type'] === 'Bitmap Index Scan')?.['Index Name'];
    out.push({ table: node['Relation Name'], how: node['Node Type'], index });
  }
  for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

t.test('the report reads through institution_id indexes, never a scan across institutions', async (t) => {
  const { a, db, s1 } = await fixture;
  // Another institution with 6,000 interviews and 24,000 events, then fresh statistics.
  await db.sql.query(`INSERT INTO institutions (id, name) VALUES ('ins_bulk', 'Bulk University')`);
  await db.sql.query(`INSERT INTO seekers (id, institution_id, name) SELECT 'skr_bulk' || g, 'ins_bulk', 'S' || g FROM generate_series(1, 60) g`);
  await db.sql.query(`INSERT INTO contacts (id, institution_id, name, tags) SELECT 'con_bulk' || g, 'ins_bulk', 'C' || g, ARRAY['finance'] FROM generate_series(1, 600) g`);
  await db.sql.query(`
    INSERT INTO interviews (id, institution_id, seeker_id, contact_id, state, request_channel, requested_at, scheduled_at, held_at, thanked_at)
    SELECT 'int_bulk' || g, 'ins_bulk', 'skr_bulk' || (g % 60 + 1), 'con_bulk' || (g % 600 + 1), 'thanked', 'email',
           timestamptz '2026-10-01' + g * interval '1 minute', timestamptz '2026-10-05', timestamptz '2026-10-10', timestamptz '2026-10-12'
    FROM generate_series(1, 6000) g`);
  await db.sql.query(`
    INSERT INTO events (id, institution_id, sequence, type, interview_id, subject_type, subject_id, data)
    SELECT 'evt_bulk' || g, 'ins_bulk', g, 'interview.met', 'int_bulk' || (g % 6000 + 1), 'interview', 'int_bulk' || (g % 6000 + 1),
           '{"advisories": [{"rule": "no_questions", "message": "…"}]}'::jsonb
    FROM generate_series(1, 24000) g`);
  await db.sql.query('ANALYZE');

  const queries: Record<string, string>[] = [{}, { seekerId: s1 }, { tag: 'finance' }, { from: '2026-10-12T14:00:00Z', to: '2026-10-18T14:00:00Z' }];
  for (const q of queries) {
    const { text, params } = funnelStatement({ id: a.institutionId, timeZone: TZ }, DEFAULT_POLICY, q);
    const [row] = await db.sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
    const found = scans(row!['QUERY PLAN'][0].Plan);
    const label = JSON.stringify(q);
    t.ok(found.some((s) => s.table === 'interviews') && found.some((s) => s.table === 'events'), `${label}: interviews and events are read`);
    for (const s of found) {
      t.not(s.how, 'Seq Scan', `${label}: ${s.table} is not scanned whole`);
      // contacts may also be looked up by primary key, one interview's contact at a time.
      const allowed = s.table === 'contacts' ? /^contacts_(institution_id_|pkey$)/ : new RegExp(`^${s.table}_institution_id_`);
      t.match(s.index, allowed, `${label}: ${s.table} through ${s.index}`);
    }
  }
  // And the bulk rows change nothing of A's.
  t.equal(((await report(a)).totals as { interviews: number }).interviews, 17);
});
