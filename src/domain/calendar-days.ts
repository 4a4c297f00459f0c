/**
 * Calendar arithmetic in an institution's time zone, with nothing but Intl.
 *
 * Career guidance speaks in days ("within a few days", "every few months"),
 * and a person's day is a local calendar day: the Saturday before a DST switch
 * plus one day is Sunday at the same wall-clock time, 23 hours later. So
 * "N days after" here means the same local time N calendar days later, and
 * "end of a day" means the next local midnight.
 */

const DAY_MS = 86_400_000;

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

// Formatters are costly to build; one per zone is enough (a cache, not state).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `tz` is an IANA zone name this runtime knows (e.g. Europe/Berlin). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '' || tz !== tz.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((instant.getTime() % 1000) + 1000) % 1000,
  };
}

function wallClockMs(local: LocalDateTime): number {
  const d = new Date(0);
  d.setUTCFullYear(local.year, local.month - 1, local.day);
  d.setUTCHours(local.hour, local.minute, local.second, local.millisecond);
  return d.getTime();
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockMs(toLocal(new Date(epochMs), timeZone)) - epochMs;
}

/**
 * The instant a wall-clock reading denotes in a zone. Fields may overflow
 * (day 32 is the 1st of next month). Like Temporal's `compatible`
 * disambiguation: a time repeated by a fall-back change gives the earlier
 * instant, a time skipped by a spring-forward change moves later by the gap.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = wallClockMs(local);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before);
}

/** The same local time `days` calendar days later (earlier when negative). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  return fromLocal({ ...local, day: local.day + days }, timeZone);
}

/** Local midnight at the start of the day `days` after the local date of `instant`. */
export function startOfLocalDay(instant: Date, timeZone: string, days = 0): Date {
  const local = toLocal(instant, timeZone);
  return fromLocal({ year: local.year, month: local.month, day: local.day + days, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** A day count for the local date of an instant: only differences are meaningful. */
export function localDayNumber(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  return Math.round(wallClockMs({ ...local, hour: 0, minute: 0, second: 0, millisecond: 0 }) / DAY_MS);
}

/** Calendar days from the local date of `from` to the local date of `to`. */
export function localDaysBetween(from: Date, to: Date, timeZone: string): number {
  return localDayNumber(to, timeZone) - localDayNumber(from, timeZone);
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDateString(instant: Date, timeZone: string): string {
  const { year, month, day } = toLocal(instant, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
