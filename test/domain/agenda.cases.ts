import t from 'tap';
import { DEFAULT_POLICY, STATES, TERMINAL_STATES, agendaItem, buildAgenda, dueDates, type AgendaInterview, type State } from '../../src/domain/index.js';
import { baseSnapshot } from './fixtures.js';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const DUE = new Date('2026-12-03T15:00:00Z'); // Thu 3 Dec 2026, 10:00 in New York, 16:00 in Berlin
const BEFORE = new Date(DUE.getTime() - 1);
const NOW = new Date('2026-11-20T12:00:00Z');

let seq = 0;
function iv(state: State, overrides: Partial<AgendaInterview> = {}): AgendaInterview {
  seq += 1;
  return {
    id: `int_${String(seq).padStart(26, '0')}`,
    state,
    scheduledAt: null,
    confirmBy: null,
    thankYouDueBy: null,
    nextFollowUpDueAt: null,
    requestExpiresAt: null,
    contact: { id: 'con_01jdz3v4k8q2w5e7r9t1y3a5b7', name: 'Pat Rivera' },
    ...overrides,
  };
}

t.test('one item per open state, from the due date that state keeps', async (t) => {
  const rows: { state: State; set: Partial<AgendaInterview>; code: string; action: string; rule: object; message: string }[] = [
    { state: 'prospect', set: {}, code: 'send_request', action: 'request', rule: { code: null, setting: null }, message: 'Send Pat Rivera a request for a short conversation about their work.' },
    { state: 'requested', set: { requestExpiresAt: DUE }, code: 'awaiting_reply', action: 'schedule', rule: { code: null, setting: 'requestExpiryDays' }, message: 'Waiting for Pat Rivera to reply; schedule the meeting when they do. The request lapses on Thu 3 Dec.' },
    { state: 'scheduled', set: { confirmBy: DUE, scheduledAt: new Date('2026-12-06T15:00:00Z') }, code: 'confirm_meeting', action: 'confirm', rule: { code: 'not_confirmed', setting: 'confirmLeadDays' }, message: 'Confirm your meeting with Pat Rivera by Thu 3 Dec.' },
    { state: 'confirmed', set: { scheduledAt: DUE }, code: 'attend_meeting', action: 'meet', rule: { code: null, setting: null }, message: 'Meet Pat Rivera on Thu 3 Dec at 10:00; bring your short list of questions.' },
    { state: 'met', set: { thankYouDueBy: DUE }, code: 'send_thank_you', action: 'thank', rule: { code: 'thanks_late', setting: 'thankYouWithinDays' }, message: 'Send Pat Rivera a thank-you by the end of Thu 3 Dec.' },
    { state: 'thanked', set: { nextFollowUpDueAt: DUE }, code: 'follow_up', action: 'follow_up', rule: { code: 'follow_up_too_soon', setting: 'followUpEveryDays' }, message: 'Keep in touch with Pat Rivera: a note is due on Thu 3 Dec.' },
    { state: 'following_up', set: { nextFollowUpDueAt: DUE }, code: 'follow_up', action: 'follow_up', rule: { code: 'follow_up_too_soon', setting: 'followUpEveryDays' }, message: 'Keep in touch with Pat Rivera: a note is due on Thu 3 Dec.' },
  ];
  t.same(rows.map((r) => r.state), STATES.filter((s) => !(TERMINAL_STATES as readonly State[]).includes(s)), 'every open state is covered');
  for (const row of rows) {
    const interview = iv(row.state, row.set);
    const item = agendaItem(interview, NOW, NY);
    t.same(
      item,
      {
        interviewId: interview.id,
        contact: { id: 'con_01jdz3v4k8q2w5e7r9t1y3a5b7', name: 'Pat Rivera' },
        action: row.action,
        dueAt: row.state === 'prospect' ? null : DUE.toISOString(),
        overdue: false,
        code: row.code,
        rule: row.rule,
        message: row.message,
      },
      row.state,
    );
  }
});

t.test('the end states have no next step', async (t) => {
  for (const state of TERMINAL_STATES) t.equal(agendaItem(iv(state, { scheduledAt: DUE }), NOW, NY), null, state);
});

t.test('overdue from the due instant on, and the wording says so', async (t) => {
  const cases: { state: State; set: Partial<AgendaInterview>; before: string; after: string }[] = [
    { state: 'requested', set: { requestExpiresAt: DUE }, before: 'The request lapses on Thu 3 Dec.', after: 'No reply from Pat Rivera: the request lapsed on Thu 3 Dec.' },
    { state: 'scheduled', set: { confirmBy: DUE }, before: 'Confirm your meeting with Pat Rivera by Thu 3 Dec.', after: 'Confirm your meeting with Pat Rivera now: it was due to be confirmed by Thu 3 Dec.' },
    { state: 'confirmed', set: { scheduledAt: DUE }, before: 'Meet Pat Rivera on Thu 3 Dec at 10:00', after: 'Your meeting with Pat Rivera was on Thu 3 Dec at 10:00: record how it went.' },
    { state: 'met', set: { thankYouDueBy: DUE }, before: 'Send Pat Rivera a thank-you by the end of Thu 3 Dec.', after: 'Your thank-you to Pat Rivera is overdue (it was due by the end of Thu 3 Dec); it is still worth sending.' },
    { state: 'following_up', set: { nextFollowUpDueAt: DUE }, before: 'a note is due on Thu 3 Dec.', after: 'Time to catch up with Pat Rivera: a note has been due since Thu 3 Dec.' },
  ];
  for (const c of cases) {
    const interview = iv(c.state, c.set);
    const early = agendaItem(interview, BEFORE, NY)!;
    const onTime = agendaItem(interview, DUE, NY)!;
    const late = agendaItem(interview, new Date('2027-01-05T00:00:00Z'), NY)!;
    t.equal(early.overdue, false, `${c.state}: a millisecond before`);
    t.match(early.message, c.before);
    t.equal(onTime.overdue, true, `${c.state}: at the due instant`);
    t.equal(onTime.message, c.after);
    t.equal(late.overdue, true, `${c.state}: weeks later`);
    t.equal(late.dueAt, DUE.toISOString(), 'the due instant does not move with the clock');
  }
  const prospect = agendaItem(iv('prospect'), new Date('2099-01-01T00:00:00Z'), NY)!;
  t.equal(prospect.overdue, false, 'an undated step is never overdue');
});

t.test('a step whose due date is missing is undated, never overdue, and still reads well', async (t) => {
  const expected: Partial<Record<State, string>> = {
    requested: 'Waiting for Pat Rivera to reply; schedule the meeting when they do.',
    scheduled: 'Confirm your meeting with Pat Rivera.',
    confirmed: 'Meet Pat Rivera; bring your short list of questions.',
    met: 'Send Pat Rivera a thank-you.',
    thanked: 'Keep in touch with Pat Rivera.',
  };
  for (const [state, message] of Object.entries(expected) as [State, string][]) {
    const item = agendaItem(iv(state), NOW, NY)!;
    t.same({ dueAt: item.dueAt, overdue: item.overdue, message: item.message }, { dueAt: null, overdue: false, message }, state);
  }
});

t.test('dates across a daylight-saving change, counted in the institution zone', async (t) => {
  const now = new Date('2025-03-01T12:00:00Z');
  // Met on Saturday 8 March 2025 at 18:00 EST, the evening before the US switch:
  // "within 3 days" ends at Wednesday 00:00 EDT, i.e. by the end of Tuesday.
  const heldAt = new Date('2025-03-08T23:00:00Z');
  const { thankYouDueBy } = dueDates(baseSnapshot({ state: 'met', heldAt }), DEFAULT_POLICY, NY);
  t.same(thankYouDueBy, new Date('2025-03-12T04:00:00Z'));
  const thank = agendaItem(iv('met', { thankYouDueBy, contact: { id: 'con_1', name: 'Sam' } }), now, NY)!;
  t.equal(thank.message, 'Send Sam a thank-you by the end of Tue 11 Mar.');
  t.equal(agendaItem(iv('met', { thankYouDueBy, contact: { id: 'con_1', name: 'Sam' } }), new Date('2025-03-12T03:59:59.999Z'), NY)!.overdue, false, 'Tue 23:59:59.999 EDT');
  t.equal(agendaItem(iv('met', { thankYouDueBy, contact: { id: 'con_1', name: 'Sam' } }), new Date('2025-03-12T04:00:00Z'), NY)!.overdue, true, 'Wed 00:00 EDT');

  // A meeting on Tuesday 11 March at 18:00 EDT is confirmed by Saturday 8 March at 18:00 EST (71 hours).
  const scheduledAt = new Date('2025-03-11T22:00:00Z');
  const { confirmBy } = dueDates(baseSnapshot({ state: 'scheduled', scheduledAt }), DEFAULT_POLICY, NY);
  t.same(confirmBy, new Date('2025-03-08T23:00:00Z'));
  t.equal(agendaItem(iv('scheduled', { scheduledAt, confirmBy }), now, NY)!.message, 'Confirm your meeting with Pat Rivera by Sat 8 Mar.');
  t.equal(agendaItem(iv('confirmed', { scheduledAt }), now, NY)!.message, 'Meet Pat Rivera on Tue 11 Mar at 18:00; bring your short list of questions.', 'local time after the switch');
  t.equal(agendaItem(iv('confirmed', { scheduledAt }), now, 'UTC')!.message, 'Meet Pat Rivera on Tue 11 Mar at 22:00; bring your short list of questions.');
});

t.test('the date in the message is the local one, not UTC', async (t) => {
  const late = new Date('2025-12-03T23:30:00Z'); // Wed 3 Dec in UTC and New York, Thu 4 Dec 00:30 in Berlin
  const now = new Date('2025-11-01T00:00:00Z');
  const confirm = (tz: string) => agendaItem(iv('scheduled', { confirmBy: late }), now, tz)!.message;
  t.equal(confirm(BERLIN), 'Confirm your meeting with Pat Rivera by Thu 4 Dec.');
  t.equal(confirm('UTC'), 'Confirm your meeting with Pat Rivera by Wed 3 Dec.');
  t.equal(confirm(NY), 'Confirm your meeting with Pat Rivera by Wed 3 Dec.');
  t.equal(agendaItem(iv('confirmed', { scheduledAt: late }), now, 'Asia/Tokyo')!.message, 'Meet Pat Rivera on Thu 4 Dec at 08:30; bring your short list of questions.');
});

t.test('the year appears when it is not the current local year', async (t) => {
  const followUp = new Date('2026-03-01T17:00:00Z'); // Sun 1 Mar 2026
  t.equal(agendaItem(iv('thanked', { nextFollowUpDueAt: followUp }), new Date('2025-12-01T12:00:00Z'), BERLIN)!.message, 'Keep in touch with Pat Rivera: a note is due on Sun 1 Mar 2026.');
  // 23:30 UTC on New Year's Eve is already 2026 in Berlin: no year needed there.
  t.equal(agendaItem(iv('thanked', { nextFollowUpDueAt: followUp }), new Date('2025-12-31T23:30:00Z'), BERLIN)!.message, 'Keep in touch with Pat Rivera: a note is due on Sun 1 Mar.');
  t.equal(agendaItem(iv('thanked', { nextFollowUpDueAt: followUp }), new Date('2025-12-31T23:30:00Z'), NY)!.message, 'Keep in touch with Pat Rivera: a note is due on Sun 1 Mar 2026.');
});

t.test('buildAgenda: earliest due first, undated last, ties by interview id, end states left out, limit', async (t) => {
  const a = iv('met', { id: 'int_b', thankYouDueBy: new Date('2026-12-05T00:00:00Z') });
  const b = iv('scheduled', { id: 'int_c', confirmBy: new Date('2026-12-02T00:00:00Z') });
  const c = iv('requested', { id: 'int_a', requestExpiresAt: new Date('2026-12-05T00:00:00Z') });
  const d = iv('prospect', { id: 'int_z' });
  const e = iv('prospect', { id: 'int_y' });
  const f = iv('closed', { id: 'int_0' });
  const g = iv('thanked', { id: 'int_d', nextFollowUpDueAt: new Date('2026-11-01T00:00:00Z') });
  const agenda = buildAgenda([a, b, c, d, e, f, g], NOW, 'UTC');
  t.same(agenda.map((i) => i.interviewId), ['int_d', 'int_c', 'int_a', 'int_b', 'int_y', 'int_z']);
  t.same(agenda.map((i) => i.overdue), [true, false, false, false, false, false]);
  t.same(buildAgenda([a, b, c, d, e, f, g], NOW, 'UTC', 2).map((i) => i.interviewId), ['int_d', 'int_c']);
  t.same(buildAgenda([], NOW, 'UTC'), []);
});
