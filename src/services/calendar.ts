import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { State } from '../domain/index.js';
import { AppError, notFound, seekerErased } from '../errors.js';
import type { TenantContext } from './context.js';
import { appendEvent } from './events.js';
import { dateTime, serialize, text, uri, type Component, type Property } from './ical.js';

// Calendar invites: one interview's meeting as an iCalendar file, and a
// seeker's feed of all their meetings that calendar apps subscribe to with a
// secret token in the URL (they cannot send an Authorization header).

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';
const PRODID = '-//Rapport//Informational interviews//EN';
const DEFAULT_MINUTES = 30;

/** `cal_` and 32 base64url characters (24 random bytes). */
export const CALENDAR_TOKEN_PATTERN = /^cal_[A-Za-z0-9_-]{32}$/;

export function hashCalendarToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface Person {
  id: string;
  name: string;
  email: string | null;
}

/** The columns a meeting is written from. */
export interface MeetingRow {
  id: string;
  state: string;
  scheduledAt: Date | null;
  durationMinutes: number | null;
  requestedMinutes: number | null;
  mode: string | null;
  location: string | null;
  rescheduleCount: number;
  topics: string[];
  questions: string[];
  createdAt: Date;
  updatedAt: Date;
  seeker: Person;
  contact: Person & { organization: string | null; title: string | null };
}

const MEETING_SELECT = {
  id: true,
  state: true,
  scheduledAt: true,
  durationMinutes: true,
  requestedMinutes: true,
  mode: true,
  location: true,
  rescheduleCount: true,
  topics: true,
  questions: true,
  createdAt: true,
  updatedAt: true,
  seeker: { select: { id: true, name: true, email: true } },
  contact: { select: { id: true, name: true, email: true, organization: true, title: true } },
} as const;

const CONFIRMED_STATES: readonly string[] = ['confirmed', 'met', 'thanked', 'following_up', 'closed'] satisfies State[];
const CANCELLED_STATES: readonly string[] = ['cancelled', 'declined'] satisfies State[];

/** A cancelled or declined meeting is one revision past its last reschedule. */
export function sequenceOf(row: Pick<MeetingRow, 'state' | 'rescheduleCount'>): number {
  return row.rescheduleCount + (CANCELLED_STATES.includes(row.state) ? 1 : 0);
}

export function statusOf(state: string): 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED' {
  if (CANCELLED_STATES.includes(state)) return 'CANCELLED';
  return CONFIRMED_STATES.includes(state) ? 'CONFIRMED' : 'TENTATIVE';
}

// A mailto: when there is an address. Without one the person still gets a
// CAL-ADDRESS (the property's value is a URI, RFC 5545 §3.3.3), named after
// their record, so the CN is kept and every invite has the same shape.
function calAddress(kind: 'seeker' | 'contact', p: Person): string {
  return p.email ? uri(`mailto:${p.email}`) : `urn:rapport:${kind}:${p.id}`;
}

function httpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

function describe(row: MeetingRow, minutes: number): string {
  const about = [row.contact.title, row.contact.organization].filter(Boolean).join(', ');
  const how = row.mode === 'video' ? 'by video' : row.mode === 'phone' ? 'by phone' : row.mode === 'in_person' ? 'in person' : null;
  const parts = [`Informational interview with ${row.contact.name}${about ? ` (${about})` : ''}: ${minutes} minutes${how ? ` ${how}` : ''}.`];
  if (row.topics.length) parts.push(['Topics:', ...row.topics.map((t) => `- ${t}`)].join('\n'));
  if (row.questions.length) parts.push(['Questions prepared:', ...row.questions.map((q) => `- ${q}`)].join('\n'));
  return parts.join('\n\n');
}

/** One VEVENT for an interview that has (or had) a meeting time. */
export function meetingEvent(row: MeetingRow & { scheduledAt: Date }): Component {
  const minutes = row.durationMinutes ?? row.requestedMinutes ?? DEFAULT_MINUTES;
  const end = new Date(row.scheduledAt.getTime() + minutes * 60_000);
  const status = statusOf(row.state);
  const summary = `Informational interview: ${row.seeker.name} with ${row.contact.name}`;
  const partstat = status === 'CONFIRMED' ? 'ACCEPTED' : row.state === 'declined' ? 'DECLINED' : 'NEEDS-ACTION';
  const link = row.mode === 'video' ? httpUrl(row.location) : null;
  const properties: Property[] = [
    { name: 'UID', value: text(`${row.id}@rapport`) },
    { name: 'SEQUENCE', value: String(sequenceOf(row)) },
    // When this information last changed: stable across fetches, so a
    // calendar app that polls the feed sees no change when there is none.
    { name: 'DTSTAMP', value: dateTime(row.updatedAt) },
    { name: 'CREATED', value: dateTime(row.createdAt) },
    { name: 'LAST-MODIFIED', value: dateTime(row.updatedAt) },
    { name: 'DTSTART', value: dateTime(row.scheduledAt) },
    { name: 'DTEND', value: dateTime(end) },
    { name: 'STATUS', value: status },
    { name: 'SUMMARY', value: text(summary) },
    { name: 'DESCRIPTION', value: text(describe(row, minutes)) },
    { name: 'ORGANIZER', params: { CN: row.seeker.name }, value: calAddress('seeker', row.seeker) },
    { name: 'ATTENDEE', params: { CN: row.contact.name, ROLE: 'REQ-PARTICIPANT', PARTSTAT: partstat }, value: calAddress('contact', row.contact) },
  ];
  if (row.location) properties.push({ name: 'LOCATION', value: text(row.location) });
  if (link) properties.push({ name: 'URL', value: uri(link) });
  // A reminder the day before; a cancelled meeting needs none.
  const alarm: Component = {
    name: 'VALARM',
    properties: [
      { name: 'ACTION', value: 'DISPLAY' },
      { name: 'TRIGGER', value: '-P1D' },
      { name: 'DESCRIPTION', value: text(`Tomorrow: ${summary}`) },
    ],
  };
  return { name: 'VEVENT', properties, components: status === 'CANCELLED' ? [] : [alarm] };
}

function calendar(events: Component[], extra: Property[] = []): string {
  return serialize({
    name: 'VCALENDAR',
    properties: [
      { name: 'VERSION', value: '2.0' },
      { name: 'PRODID', value: PRODID },
      { name: 'CALSCALE', value: 'GREGORIAN' },
      ...extra,
    ],
    components: events,
  });
}

const hasMeeting = (row: MeetingRow): row is MeetingRow & { scheduledAt: Date } => row.scheduledAt !== null;

/** GET /v1/interviews/{id}/calendar.ics */
export async function interviewCalendar(ctx: TenantContext, id: string): Promise<string> {
  const row = await ctx.db.prisma.interview.findFirst({ where: { id, institutionId: ctx.tenant.id }, select: MEETING_SELECT });
  if (!row) throw notFound('interview', id);
  if (!hasMeeting(row)) {
    throw new AppError('no_meeting', `Interview ${id} has never had a meeting scheduled, so there is no calendar invite for it yet; schedule it first.`);
  }
  return calendar([meetingEvent(row)]);
}

async function feedOf(db: Database, institutionId: string, seeker: { id: string; name: string }): Promise<string> {
  const rows = await db.prisma.interview.findMany({
    where: { institutionId, seekerId: seeker.id, scheduledAt: { not: null } },
    select: MEETING_SELECT,
    orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
  });
  return calendar(rows.filter(hasMeeting).map(meetingEvent), [
    { name: 'X-WR-CALNAME', value: text(`Informational interviews: ${seeker.name}`) },
    // How often subscribers should look again (RFC 7986, and Outlook's own name for it).
    { name: 'REFRESH-INTERVAL', params: { VALUE: 'DURATION' }, value: 'PT1H' },
    { name: 'X-PUBLISHED-TTL', value: 'PT1H' },
  ]);
}

/** GET /v1/seekers/{id}/calendar.ics with an API key. */
export async function seekerCalendar(ctx: TenantContext, seekerId: string): Promise<string> {
  const seeker = await ctx.db.prisma.seeker.findFirst({ where: { id: seekerId, institutionId: ctx.tenant.id }, select: { id: true, name: true } });
  if (!seeker) throw notFound('seeker', seekerId);
  return feedOf(ctx.db, ctx.tenant.id, seeker);
}

/**
 * GET /v1/seekers/{id}/calendar.ics?token=… : the token alone is the
 * credential. Found by its hash; it must belong to the seeker in the path.
 * Every miss (no such token, revoked, another seeker's) is the same 404 as an
 * unknown seeker, so the answer says nothing about which ids exist.
 */
export async function seekerCalendarByToken(db: Database, seekerId: string, token: string, instance: string): Promise<string> {
  const seeker = CALENDAR_TOKEN_PATTERN.test(token)
    ? await db.prisma.seeker.findUnique({ where: { calendarTokenHash: hashCalendarToken(token) }, select: { id: true, name: true, institutionId: true } })
    : null;
  if (!seeker || seeker.id !== seekerId) {
    throw new AppError('not_found', notFound('seeker', seekerId).message, { extra: { instance } });
  }
  return feedOf(db, seeker.institutionId, seeker);
}

/** Creates or rotates a seeker's feed token; the token is returned once and only its hash is kept. */
export async function rotateCalendarToken(ctx: TenantContext, seekerId: string): Promise<{ token: string }> {
  const token = `cal_${randomBytes(24).toString('base64url')}`;
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    // Locked, so an erasure running at the same time either comes first (and this is refused) or after (and clears the token).
    const [before] = await tx.$queryRawUnsafe<{ calendar_token_hash: string | null; erased_at: Date | null }[]>(
      'SELECT calendar_token_hash, erased_at FROM seekers WHERE id = $1 AND institution_id = $2 FOR UPDATE',
      seekerId,
      ctx.tenant.id,
    );
    if (!before) throw notFound('seeker', seekerId);
    if (before.erased_at) throw seekerErased(seekerId);
    await tx.seeker.update({ where: { id: seekerId }, data: { calendarTokenHash: hashCalendarToken(token) } });
    await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
      type: 'seeker.calendar_feed_enabled',
      subjectType: 'seeker',
      subjectId: seekerId,
      data: { seeker: { id: seekerId }, rotated: before.calendar_token_hash !== null },
    });
  });
  return { token };
}

/** Revokes a seeker's feed token; revoking when there is none changes nothing and records nothing. */
export async function revokeCalendarToken(ctx: TenantContext, seekerId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx.seeker.updateMany({
      where: { id: seekerId, institutionId: ctx.tenant.id, calendarTokenHash: { not: null } },
      data: { calendarTokenHash: null },
    });
    if (revoked.count === 0) {
      const exists = await tx.seeker.count({ where: { id: seekerId, institutionId: ctx.tenant.id } });
      if (!exists) throw notFound('seeker', seekerId);
      return;
    }
    await appendEvent(tx, ctx.tenant.id, ctx.actor, now, {
      type: 'seeker.calendar_feed_revoked',
      subjectType: 'seeker',
      subjectId: seekerId,
      data: { seeker: { id: seekerId } },
    });
  });
}
