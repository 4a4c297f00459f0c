import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import ICAL from 'ical.js';
import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { redactUrl } from '../../src/http/auth.js';
import { hashCalendarToken } from '../../src/services/calendar.js';
import { buildTestApp, createTenant, OPERATOR_TOKEN, type Tenant } from '../helpers/app.js';
import { freshDatabaseUrl } from '../helpers/database.js';
import { act, contact, GOOD_REQUEST, seeker } from '../helpers/fixtures.js';

// Calendar invites: one interview's meeting as an .ics, and a seeker's feed
// reachable with a secret token. Every answer is parsed with a real
// iCalendar parser (ical.js), not with the code that wrote it.

const NOW = new Date('2026-12-01T12:00:00Z');
const TOKEN = /^cal_[A-Za-z0-9_-]{32}$/;

function parse(body: string) {
  const root = new ICAL.Component(ICAL.parse(body));
  return { root, events: root.getAllSubcomponents('vevent') };
}

function only(t: Test, res: LightMyRequestResponse, label: string) {
  t.equal(res.statusCode, 200, `${label}: 200 (${res.body.slice(0, 160)})`);
  t.equal(res.headers['content-type'], 'text/calendar; charset=utf-8', `${label}: text/calendar; charset=utf-8`);
  const { events } = parse(res.body);
  t.equal(events.length, 1, `${label}: one VEVENT`);
  return events[0]!;
}

const str = (v: unknown) => String(v);
const utc = (v: unknown) => (v as ICAL.Time).toJSDate().toISOString();

/** Every physical line at most 75 octets, each one valid UTF-8 on its own, CRLF only. */
function checkLines(t: Test, raw: Buffer, label: string) {
  const text = raw.toString('latin1');
  t.notOk(/[^\r]\n|\r[^\n]/.test(text), `${label}: every line ends in CRLF`);
  t.ok(text.endsWith('\r\n'), `${label}: ends with CRLF`);
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = raw.indexOf('\r\n'); i !== -1; i = raw.indexOf('\r\n', start)) {
    lines.push(raw.subarray(start, i));
    start = i + 2;
  }
  const long = lines.filter((l) => l.length > 75);
  t.same(long.map((l) => `${l.length}: ${l.toString('utf8').slice(0, 30)}`), [], `${label}: no line above 75 octets (${lines.length} lines)`);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const split = lines.filter((l) => {
    try {
      decoder.decode(l);
      return false;
    } catch {
      return true;
    }
  });
  t.equal(split.length, 0, `${label}: no line splits a UTF-8 character`);
  t.ok(lines.some((l) => l[0] === 0x20), `${label}: some line is folded`);
}

async function interviewOf(a: Tenant, seekerId: string, contactId: string, extra: Record<string, unknown> = {}) {
  const res = await a.call({
    method: 'POST',
    url: '/v1/interviews',
    payload: { seekerId, contactId, topics: ['data engineering'], questions: ['What does a normal week look like?', 'Who else should I talk to?'], ...extra },
  });
  if (res.statusCode !== 201) throw new Error(`interview: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

const ics = (a: Tenant, id: string) => a.call({ method: 'GET', url: `/v1/interviews/${id}/calendar.ics` });

t.test("an interview's invite through schedule, confirm, reschedule and cancel", async (t) => {
  const { app, clock } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const s = await seeker(a, { name: 'Ada Student', email: 'ada@example.edu' });
  const c = await contact(a, { name: 'Pat Rivera', email: 'pat@acme.example', title: 'Data Lead' });
  const id = await interviewOf(a, s.id, c.id, { topics: ['data engineering', 'on-call culture'] });

  const before = await ics(a, id);
  t.equal(before.statusCode, 404, 'a prospect has no meeting: 404');
  t.match(before.headers['content-type'], /^application\/problem\+json/);
  t.equal(before.json<{ code: string }>().code, 'no_meeting');

  await act(a, id, 'request', { ...GOOD_REQUEST, topics: ['data engineering', 'on-call culture'] });
  t.equal((await ics(a, id)).json<{ code: string }>().code, 'no_meeting', 'requested, not yet scheduled: still no_meeting');

  await act(a, id, 'schedule', { scheduledAt: '2026-12-10T15:00:00Z', mode: 'video', location: 'https://meet.example/pat?room=a,b', durationMinutes: 20 });
  const scheduledRes = await ics(a, id);
  let ev = only(t, scheduledRes, 'scheduled');
  t.match(scheduledRes.headers['cache-control'], /private/, 'not for shared caches');
  t.match(scheduledRes.body, /\r\nDTSTART:20261210T150000Z\r\n/, 'DTSTART in UTC form');
  t.match(scheduledRes.body, /\r\nDTEND:20261210T152000Z\r\n/, 'DTEND in UTC form');
  const { root } = parse(scheduledRes.body);
  t.equal(str(root.getFirstPropertyValue('version')), '2.0');
  t.ok(root.getFirstPropertyValue('prodid'), 'PRODID');
  const uid = str(ev.getFirstPropertyValue('uid'));
  t.equal(uid, `${id}@rapport`, 'UID from the interview id');
  t.equal(ev.getFirstPropertyValue('sequence'), 0, 'SEQUENCE 0');
  t.equal(str(ev.getFirstPropertyValue('status')), 'TENTATIVE', 'scheduled: TENTATIVE');
  t.equal(utc(ev.getFirstPropertyValue('dtstart')), '2026-12-10T15:00:00.000Z', 'DTSTART');
  t.equal(utc(ev.getFirstPropertyValue('dtend')), '2026-12-10T15:20:00.000Z', 'DTEND = start + durationMinutes');
  t.ok(ev.getFirstPropertyValue('dtstamp'), 'DTSTAMP');
  t.equal(str(ev.getFirstPropertyValue('summary')), 'Informational interview: Ada Student with Pat Rivera');
  const organizer = ev.getFirstProperty('organizer')!;
  t.equal(str(organizer.getFirstValue()), 'mailto:ada@example.edu', 'ORGANIZER: the seeker');
  t.equal(organizer.getParameter('cn'), 'Ada Student');
  const attendee = ev.getFirstProperty('attendee')!;
  t.equal(str(attendee.getFirstValue()), 'mailto:pat@acme.example', 'ATTENDEE: the contact');
  t.equal(attendee.getParameter('cn'), 'Pat Rivera');
  t.equal(attendee.getParameter('partstat'), 'NEEDS-ACTION', 'not confirmed: NEEDS-ACTION');
  t.equal(str(ev.getFirstPropertyValue('location')), 'https://meet.example/pat?room=a,b', 'LOCATION');
  t.equal(str(ev.getFirstPropertyValue('url')), 'https://meet.example/pat?room=a,b', 'URL for a video link');
  const description = str(ev.getFirstPropertyValue('description'));
  for (const part of ['data engineering', 'on-call culture', 'What does a normal week look like?', 'Who else should I talk to?', 'Data Lead']) {
    t.ok(description.includes(part), `DESCRIPTION mentions "${part}"`);
  }
  const alarm = ev.getFirstSubcomponent('valarm');
  t.ok(alarm, 'a VALARM');
  t.equal(str(alarm?.getFirstPropertyValue('action')), 'DISPLAY');
  t.equal(str(alarm?.getFirstPropertyValue('trigger')), '-P1D', 'a day before');
  t.ok(alarm?.getFirstPropertyValue('description'), 'a DISPLAY alarm has a DESCRIPTION');

  clock.now = new Date('2026-12-07T12:00:00Z');
  await act(a, id, 'confirm', { channel: 'email' });
  ev = only(t, await ics(a, id), 'confirmed');
  t.equal(str(ev.getFirstPropertyValue('status')), 'CONFIRMED', 'confirmed: CONFIRMED');
  t.equal(ev.getFirstProperty('attendee')?.getParameter('partstat'), 'ACCEPTED', 'confirmed: ACCEPTED');
  t.equal(ev.getFirstPropertyValue('sequence'), 0, 'confirming is no new revision of the time');

  await act(a, id, 'reschedule', { scheduledAt: '2026-12-12T16:30:00Z', reason: 'Pat is travelling' });
  ev = only(t, await ics(a, id), 'rescheduled');
  t.equal(str(ev.getFirstPropertyValue('uid')), uid, 'UID unchanged');
  t.equal(ev.getFirstPropertyValue('sequence'), 1, 'SEQUENCE 1 after a reschedule');
  t.equal(str(ev.getFirstPropertyValue('status')), 'TENTATIVE', 'a new time needs a new confirmation');
  t.equal(ev.getFirstProperty('attendee')?.getParameter('partstat'), 'NEEDS-ACTION');
  t.equal(utc(ev.getFirstPropertyValue('dtstart')), '2026-12-12T16:30:00.000Z', 'the new start');
  t.equal(utc(ev.getFirstPropertyValue('dtend')), '2026-12-12T16:50:00.000Z', 'the agreed 20 minutes kept');

  await act(a, id, 'cancel', { reason: 'Found the answers elsewhere' });
  ev = only(t, await ics(a, id), 'cancelled');
  t.equal(str(ev.getFirstPropertyValue('uid')), uid, 'UID unchanged');
  t.equal(ev.getFirstPropertyValue('sequence'), 2, 'SEQUENCE 2 after the cancel');
  t.equal(str(ev.getFirstPropertyValue('status')), 'CANCELLED');
  t.notOk(ev.getFirstSubcomponent('valarm'), 'no reminder for a cancelled meeting');
  t.equal(utc(ev.getFirstPropertyValue('dtstart')), '2026-12-12T16:30:00.000Z', 'still says which meeting is off');
});

t.test('declined, in person, by phone, without e-mail, default length, later states', async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const s = await seeker(a, { name: 'Bo Student', email: null });
  const c = await contact(a, { name: 'Lee Park', email: null });

  const declined = await interviewOf(a, s.id, c.id);
  await act(a, declined, 'request', GOOD_REQUEST);
  await act(a, declined, 'schedule', { scheduledAt: '2026-12-10T15:00:00Z', mode: 'in_person', location: 'Acme HQ, 5th floor; ask at reception' });
  let ev = only(t, await ics(a, declined), 'in person');
  t.equal(str(ev.getFirstPropertyValue('location')), 'Acme HQ, 5th floor; ask at reception');
  t.notOk(ev.getFirstProperty('url'), 'no URL in person');
  t.equal(utc(ev.getFirstPropertyValue('dtend')), '2026-12-10T15:20:00.000Z', 'no duration agreed: the 20 minutes requested');
  t.equal(str(ev.getFirstPropertyValue('organizer')), `urn:rapport:seeker:${s.id}`, 'a seeker without e-mail: a URN, not a mailto');
  t.equal(ev.getFirstProperty('organizer')?.getParameter('cn'), 'Bo Student', '… and the name');
  t.equal(str(ev.getFirstPropertyValue('attendee')), `urn:rapport:contact:${c.id}`);
  t.equal(ev.getFirstProperty('attendee')?.getParameter('cn'), 'Lee Park');
  await act(a, declined, 'decline', { reason: 'Too busy this quarter' });
  ev = only(t, await ics(a, declined), 'declined');
  t.equal(str(ev.getFirstPropertyValue('status')), 'CANCELLED', 'declined: CANCELLED');
  t.equal(ev.getFirstPropertyValue('sequence'), 1, 'SEQUENCE 1 after a decline');
  t.equal(ev.getFirstProperty('attendee')?.getParameter('partstat'), 'DECLINED', 'the contact declined');

  const video = await interviewOf(a, s.id, c.id);
  await act(a, video, 'request', GOOD_REQUEST);
  await act(a, video, 'schedule', { scheduledAt: '2026-12-10T15:00:00Z', mode: 'video', location: 'Zoom, meeting id 123 456' });
  ev = only(t, await ics(a, video), 'video without a link');
  t.notOk(ev.getFirstProperty('url'), 'a video location that is no http(s) URL: no URL');
  await db.prisma.interview.update({ where: { id: video }, data: { requestedMinutes: null } });
  ev = only(t, await ics(a, video), 'no minutes at all');
  t.equal(utc(ev.getFirstPropertyValue('dtend')), '2026-12-10T15:30:00.000Z', 'neither agreed nor requested: 30 minutes');

  const phone = await interviewOf(a, s.id, c.id);
  await act(a, phone, 'request', GOOD_REQUEST);
  await act(a, phone, 'schedule', { scheduledAt: '2026-12-04T15:00:00Z', mode: 'phone', durationMinutes: 15 });
  ev = only(t, await ics(a, phone), 'phone');
  t.notOk(ev.getFirstProperty('location'), 'no LOCATION when none was given');
  clock.now = new Date('2026-12-04T15:30:00Z');
  await act(a, phone, 'meet', { actualMinutes: 15, askedForReferral: true });
  ev = only(t, await ics(a, phone), 'met');
  t.equal(str(ev.getFirstPropertyValue('status')), 'CONFIRMED', 'met, even unconfirmed: CONFIRMED');
  await act(a, phone, 'close', { reason: 'Done' });
  ev = only(t, await ics(a, phone), 'closed');
  t.equal(str(ev.getFirstPropertyValue('status')), 'CONFIRMED', 'closed after meeting: still CONFIRMED');

  const cancelledEarly = await interviewOf(a, s.id, c.id);
  await act(a, cancelledEarly, 'request', GOOD_REQUEST);
  await act(a, cancelledEarly, 'cancel', {});
  t.equal((await ics(a, cancelledEarly)).json<{ code: string }>().code, 'no_meeting', 'cancelled before any meeting: no_meeting');
});

t.test('escaping and folding: commas, semicolons, backslashes, quotes, newlines, long non-ASCII text', async (t) => {
  const { app } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const seekerName = 'Zoë "Zee" O\'Brien-Núñez ^ Jr.';
  const contactName = 'Rivera, Pat; "PJ"\nSenior Engineer\\Lead';
  const location = `Café «Übersee», Straße 5; 2. Stock\nHinterhaus \\ Tür B: ${'東京タワー前の喫茶店😀、Ünïcödé '.repeat(8)}Ende`;
  const topic = 'pipelines; costs, trade-offs\\limits';
  const s = await seeker(a, { name: seekerName, email: 'zoe@example.edu' });
  const c = await contact(a, { name: contactName, email: 'pat@acme.example', organization: 'Acme; Data, Inc.' });
  const id = await interviewOf(a, s.id, c.id, { topics: [topic], questions: ['Lines\nand more lines?', `${'長い質問'.repeat(40)}?`] });
  await act(a, id, 'request', { ...GOOD_REQUEST, topics: [topic] });
  await act(a, id, 'schedule', { scheduledAt: '2026-12-10T15:00:00Z', mode: 'in_person', location, durationMinutes: 25 });

  const res = await ics(a, id);
  const ev = only(t, res, 'awkward text');
  checkLines(t, res.rawPayload, 'awkward text');
  t.equal(str(ev.getFirstPropertyValue('location')), location, 'LOCATION round-trips exactly');
  t.equal(str(ev.getFirstPropertyValue('summary')), `Informational interview: ${seekerName} with ${contactName}`, 'SUMMARY round-trips exactly');
  t.equal(ev.getFirstProperty('attendee')?.getParameter('cn'), contactName, 'a CN with quotes and a newline round-trips (RFC 6868)');
  t.equal(ev.getFirstProperty('organizer')?.getParameter('cn'), seekerName, 'the seeker CN round-trips');
  const description = str(ev.getFirstPropertyValue('description'));
  t.ok(description.includes(`- ${topic}`), 'DESCRIPTION holds the topic exactly');
  t.ok(description.includes('- Lines\nand more lines?'), 'a newline in a question survives');
  t.ok(description.includes(`${'長い質問'.repeat(40)}?`), 'a long non-ASCII question survives folding');
  t.ok(res.body.includes('\\;') && res.body.includes('\\,') && res.body.includes('\\\\') && res.body.includes('\\n'), 'escapes as written: \\; \\, \\\\ \\n');
});

t.test('404s: no meeting, unknown id, another institution', async (t) => {
  const { app } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app, 'Institution A');
  const b = await createTenant(app, 'Institution B');
  const s = await seeker(a);
  const c = await contact(a);
  const id = await interviewOf(a, s.id, c.id);
  await act(a, id, 'request', GOOD_REQUEST);
  await act(a, id, 'schedule', { scheduledAt: '2026-12-10T15:00:00Z', mode: 'phone' });
  t.equal((await ics(a, id)).statusCode, 200, 'A reads its own invite');

  const other = await ics(b, id);
  t.equal(other.statusCode, 404, "B on A's interview: 404");
  t.equal(other.json<{ code: string }>().code, 'not_found', 'not_found, not no_meeting');
  t.notOk(other.body.includes('BEGIN:VCALENDAR'), 'nothing of the invite');
  const unknown = await ics(a, 'int_01jdz3v4k8q2w5e7r9t1y3v5z8');
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json<{ code: string }>().code, 'not_found');
  const noKey = await app.inject({ method: 'GET', url: `/v1/interviews/${id}/calendar.ics` });
  t.equal(noKey.statusCode, 401, 'an API key is needed');
  const withToken = await app.inject({ method: 'GET', url: `/v1/interviews/${id}/calendar.ics?token=cal_${randomBytes(24).toString('base64url')}` });
  t.equal(withToken.statusCode, 401, 'a token does not open the single-interview route');
});

t.test("a seeker's feed: API key or token, rotation, revocation, events", async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app, 'Institution A');
  const b = await createTenant(app, 'Institution B');
  const ada = await seeker(a, { name: 'Ada Student', email: 'ada@example.edu' });
  const bea = await seeker(a, { name: 'Bea Student' });
  const cy = await seeker(b, { name: 'Cy Student' });
  const pat = await contact(a, { name: 'Pat Rivera' });

  const first = await interviewOf(a, ada.id, pat.id);
  await act(a, first, 'request', GOOD_REQUEST);
  await act(a, first, 'schedule', { scheduledAt: '2026-12-15T15:00:00Z', mode: 'phone' });
  const second = await interviewOf(a, ada.id, pat.id);
  await act(a, second, 'request', GOOD_REQUEST);
  await act(a, second, 'schedule', { scheduledAt: '2026-12-10T15:00:00Z', mode: 'phone' });
  await act(a, second, 'cancel', {});
  const never = await interviewOf(a, ada.id, pat.id);
  const beas = await interviewOf(a, bea.id, pat.id);
  await act(a, beas, 'request', GOOD_REQUEST);
  await act(a, beas, 'schedule', { scheduledAt: '2026-12-11T15:00:00Z', mode: 'phone' });

  const feedUrl = (seekerId: string) => `/v1/seekers/${seekerId}/calendar.ics`;
  const anon = (url: string) => app.inject({ method: 'GET', url });

  const byKey = await a.call({ method: 'GET', url: feedUrl(ada.id) });
  t.equal(byKey.statusCode, 200, `with the API key (${byKey.body.slice(0, 120)})`);
  t.equal(byKey.headers['content-type'], 'text/calendar; charset=utf-8');
  const feed = parse(byKey.body);
  t.equal(str(feed.root.getFirstPropertyValue('x-wr-calname')), 'Informational interviews: Ada Student', 'X-WR-CALNAME');
  t.same(feed.events.map((e) => str(e.getFirstPropertyValue('uid'))), [`${second}@rapport`, `${first}@rapport`], "Ada's two meetings, by time; not the unscheduled one nor Bea's");
  t.same(feed.events.map((e) => str(e.getFirstPropertyValue('status'))), ['CANCELLED', 'TENTATIVE'], 'the cancelled one stays, as CANCELLED');
  t.notOk(byKey.body.includes(never), 'no event for an interview never scheduled');
  checkLines(t, byKey.rawPayload, 'feed');

  t.equal((await anon(feedUrl(ada.id))).statusCode, 401, 'neither key nor token: 401');
  const bFeed = await b.call({ method: 'GET', url: feedUrl(ada.id) });
  t.equal(bFeed.statusCode, 404, "B's key on A's seeker: 404");
  t.equal(bFeed.json<{ code: string }>().code, 'not_found');

  // No token yet: a well-formed one gets the same 404 as an unknown seeker.
  const guess = `cal_${randomBytes(24).toString('base64url')}`;
  const guessed = await anon(`${feedUrl(ada.id)}?token=${guess}`);
  t.equal(guessed.statusCode, 404, 'a guessed token: 404');
  t.equal(guessed.json<{ code: string }>().code, 'not_found');
  t.notOk(guessed.body.includes(guess), 'the 404 does not echo the token');
  const unknownSeeker = await anon(`${feedUrl('skr_01jdz3v4k8q2w5e7r9t1y3v5z8')}?token=${guess}`);
  t.same(
    { ...unknownSeeker.json<Record<string, unknown>>(), detail: null, instance: null },
    { ...guessed.json<Record<string, unknown>>(), detail: null, instance: null },
    'an unknown seeker answers the same problem',
  );

  const created = await a.call({ method: 'POST', url: `/v1/seekers/${ada.id}/calendar-token`, headers: { host: 'rapport.example.edu' } });
  t.equal(created.statusCode, 201, `token created (${created.body.slice(0, 160)})`);
  const { token, url } = created.json<{ token: string; url: string }>();
  t.match(token, TOKEN, 'cal_ and 32 base64url characters');
  t.equal(url, `http://rapport.example.edu/v1/seekers/${ada.id}/calendar.ics?token=${token}`, 'the full feed URL, from the request');
  t.equal(created.headers['cache-control'], 'no-store');
  const stored = await db.prisma.seeker.findUniqueOrThrow({ where: { id: ada.id } });
  t.equal(stored.calendarTokenHash, hashCalendarToken(token), 'the SHA-256 of the token is stored');
  t.notOk(JSON.stringify(stored).includes(token), 'not the token');

  const byToken = await anon(`${feedUrl(ada.id)}?token=${token}`);
  t.equal(byToken.statusCode, 200, `with the token and no Authorization header (${byToken.body.slice(0, 120)})`);
  t.equal(byToken.body, byKey.body, 'the same feed as with the key');
  t.match(byToken.headers['cache-control'], /private/);
  const badKey = await app.inject({ method: 'GET', url: `${feedUrl(ada.id)}?token=${token}`, headers: { authorization: 'Bearer rk_not-a-key' } });
  t.equal(badKey.statusCode, 200, 'with a token, the token is the credential');

  t.equal((await anon(`${feedUrl(bea.id)}?token=${token}`)).statusCode, 404, "Ada's token on Bea's feed: 404");
  t.equal((await anon(`${feedUrl(cy.id)}?token=${token}`)).statusCode, 404, "Ada's token on another institution's seeker: 404");
  const malformed = await anon(`${feedUrl(ada.id)}?token=not-a-token`);
  t.equal(malformed.statusCode, 400, 'a malformed token: 400');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token}x`)).statusCode, 400, 'a token with a character more: 400');
  // Change the last character to one it is not: 'A' alone made the same token one run in 64.
  const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
  t.not(changed, token);
  t.equal((await anon(`${feedUrl(ada.id)}?token=${changed}`)).statusCode, 404, 'a token with a character changed: 404');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token}&token=${token}`)).statusCode, 400, 'two tokens: 400');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token}&extra=1`)).statusCode, 400, 'unknown parameters: 400');

  // Other institutions and other scopes cannot manage the token.
  for (const method of ['POST', 'DELETE'] as const) {
    const res = await b.call({ method, url: `/v1/seekers/${ada.id}/calendar-token` });
    t.equal(res.statusCode, 404, `${method} with B's key on A's seeker: 404`);
  }
  t.equal((await a.call({ method: 'POST', url: '/v1/seekers/skr_01jdz3v4k8q2w5e7r9t1y3v5z8/calendar-token' })).statusCode, 404, 'unknown seeker: 404');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token}`)).statusCode, 200, 'their attempts changed nothing');

  // Rotation: the old token stops working at once. An Idempotency-Key is not honoured (nor stored).
  const rotated = await a.call({ method: 'POST', url: `/v1/seekers/${ada.id}/calendar-token`, headers: { 'idempotency-key': 'rotate-1' } });
  t.equal(rotated.statusCode, 201);
  const token2 = rotated.json<{ token: string }>().token;
  t.not(token2, token, 'a new token');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token}`)).statusCode, 404, 'the old token: 404');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token2}`)).statusCode, 200, 'the new token works');
  t.equal(await db.prisma.idempotencyKey.count({ where: { institutionId: a.institutionId, key: 'rotate-1' } }), 0, 'no stored answer holds the token');

  // Revocation: 204, idempotent, and the feed is gone.
  const revoked = await a.call({ method: 'DELETE', url: `/v1/seekers/${ada.id}/calendar-token` });
  t.equal(revoked.statusCode, 204, 'revoked');
  t.equal(revoked.body, '');
  t.equal((await anon(`${feedUrl(ada.id)}?token=${token2}`)).statusCode, 404, 'a revoked token: 404');
  t.equal((await a.call({ method: 'DELETE', url: `/v1/seekers/${ada.id}/calendar-token` })).statusCode, 204, 'revoking again: 204');
  t.equal((await a.call({ method: 'GET', url: feedUrl(ada.id) })).statusCode, 200, 'the API key still reads the feed');

  const events = await db.prisma.event.findMany({
    where: { institutionId: a.institutionId, type: { startsWith: 'seeker.calendar_feed' } },
    orderBy: { sequence: 'asc' },
  });
  t.same(
    events.map((e) => [e.type, e.subjectType, e.subjectId, (e.data as { rotated?: boolean }).rotated]),
    [
      ['seeker.calendar_feed_enabled', 'seeker', ada.id, false],
      ['seeker.calendar_feed_enabled', 'seeker', ada.id, true],
      ['seeker.calendar_feed_revoked', 'seeker', ada.id, undefined],
    ],
    'enabled, rotated, revoked once (revoking nothing records nothing)',
  );
  const everything = JSON.stringify(await db.prisma.event.findMany({ where: { institutionId: a.institutionId } }));
  for (const secret of [token, token2]) t.notOk(everything.includes(secret), 'no event holds a token');
  t.notOk(everything.includes(hashCalendarToken(token)), 'nor its hash');
  const feedEvent = await a.call({ method: 'GET', url: '/v1/events?types=seeker.calendar_feed_enabled' });
  t.equal(feedEvent.statusCode, 200);
  t.equal(feedEvent.json<{ data: unknown[] }>().data.length, 2, 'in the change feed too');
});

t.test('an erased seeker gets no new feed token', async (t) => {
  const { app } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app, 'Institution A');
  const ada = await seeker(a, { name: 'Ada Student' });
  t.equal((await a.call({ method: 'POST', url: `/v1/seekers/${ada.id}/calendar-token`, payload: {} })).statusCode, 201);
  const erased = await a.call({ method: 'DELETE', url: `/v1/seekers/${ada.id}?erase=true` });
  t.equal(erased.statusCode, 200, erased.body);
  const again = await a.call({ method: 'POST', url: `/v1/seekers/${ada.id}/calendar-token`, payload: {} });
  t.equal(again.statusCode, 409);
  t.equal(again.json<{ code: string }>().code, 'seeker_erased');
  t.equal((await a.call({ method: 'GET', url: `/v1/seekers/${ada.id}/calendar.ics` })).body.includes('Ada'), false, 'the feed names nobody');
});

t.test('the token never reaches the logs', async (t) => {
  t.equal(redactUrl('/v1/seekers/skr_1/calendar.ics?token=cal_secret'), '/v1/seekers/skr_1/calendar.ics?token=[redacted]');
  t.equal(redactUrl('/x?a=1&token=s&b=2&TOKEN=t&%74oken=u'), '/x?a=1&token=[redacted]&b=2&TOKEN=[redacted]&%74oken=[redacted]');
  t.equal(redactUrl('/x?tokens=1&mytoken=2'), '/x?tokens=1&mytoken=2', 'other names untouched');
  t.equal(redactUrl('/x'), '/x');

  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const databaseUrl = await freshDatabaseUrl(t);
  const config = loadConfig({ OPERATOR_TOKEN, LOG_LEVEL: 'info', DATABASE_URL: databaseUrl }, false);
  const db = await openDatabase({ databaseUrl, dataDir: '/nonexistent' });
  const app = await buildApp({ config, db, clock: () => NOW, logger: { level: 'info', stream } });
  t.teardown(async () => {
    await app.close();
    await db.close();
  });
  const a = await createTenant(app);
  const s = await seeker(a);
  const { token } = (await a.call({ method: 'POST', url: `/v1/seekers/${s.id}/calendar-token` })).json<{ token: string }>();
  t.match(token, TOKEN);
  const ok = await app.inject({ method: 'GET', url: `/v1/seekers/${s.id}/calendar.ics?token=${token}` });
  t.equal(ok.statusCode, 200);
  const wrong = `cal_${randomBytes(24).toString('base64url')}`;
  t.equal((await app.inject({ method: 'GET', url: `/v1/seekers/${s.id}/calendar.ics?token=${wrong}` })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/v1/seekers/${s.id}/calendar.ics?token=${wrong}x` })).statusCode, 400);

  const logged = lines.join('');
  t.ok(logged.includes(`/v1/seekers/${s.id}/calendar.ics?token=[redacted]`), 'the request is logged, with the token redacted');
  for (const secret of [token, wrong]) t.notOk(logged.includes(secret), 'no token in any log line');
  t.ok(lines.some((l) => (JSON.parse(l) as { msg?: string }).msg === 'incoming request'), 'requests are logged at all');
});

t.test('the feed URL behind a proxy: PUBLIC_URL, or TRUST_PROXY and the forwarded headers', async (t) => {
  const forwarded = { host: '10.0.0.7:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'careers.example.edu' };
  const urlFrom = async (env: NodeJS.ProcessEnv, headers: Record<string, string>) => {
    const { app } = await buildTestApp(t, { env });
    const a = await createTenant(app);
    const s = await seeker(a);
    const res = await a.call({ method: 'POST', url: `/v1/seekers/${s.id}/calendar-token`, headers });
    t.equal(res.statusCode, 201);
    const { token, url } = res.json<{ token: string; url: string }>();
    return url.replace(`/v1/seekers/${s.id}/calendar.ics?token=${token}`, '/…');
  };
  t.equal(await urlFrom({}, forwarded), 'http://10.0.0.7:3000/…', 'by default the forwarded headers are not believed: anyone could send them');
  t.equal(await urlFrom({ TRUST_PROXY: 'true' }, forwarded), 'https://careers.example.edu/…', 'TRUST_PROXY: what the proxy says the client asked for');
  t.equal(await urlFrom({ PUBLIC_URL: 'https://careers.example.edu/rapport/' }, forwarded), 'https://careers.example.edu/rapport/…', 'PUBLIC_URL wins, path and all');
});
