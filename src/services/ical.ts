// A small iCalendar (RFC 5545) writer: the few value types the calendar
// invites use, parameter quoting (RFC 6868), TEXT escaping and line folding.
//
// Why not a library: `ical-generator` (the best-kept generator on npm) throws
// when an ORGANIZER or ATTENDEE has no e-mail address (checkNameAndMail and
// ICalAttendee#toString require one), and seekers and contacts here often have
// none; its current major also declares Node 22+, where this service supports
// 20.19+. What is needed fits in this file, and the tests check the output
// against a real parser (ical.js) rather than against this code.

export interface Property {
  name: string;
  /** The value exactly as written: build it with text(), dateTime(), uri() or a literal. */
  value: string;
  /** Parameters (CN, PARTSTAT, …); undefined ones are left out. */
  params?: Readonly<Record<string, string | undefined>>;
}

export interface Component {
  name: string;
  /** Falsy entries are skipped, so optional properties read inline. */
  properties: readonly (Property | false | null | undefined)[];
  components?: readonly Component[];
}

/** At most 75 octets per physical line, CRLF not counted (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75;

// Control characters other than the tab have no place in TEXT or in a
// parameter value (RFC 5545 §3.1, §3.3.11); line breaks are handled first.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function text(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(CONTROL, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A DATE-TIME in UTC, `YYYYMMDDTHHMMSSZ` (RFC 5545 §3.3.5, form #2). */
export function dateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** A URI value: written as is (never TEXT-escaped), without control characters or spaces. */
export function uri(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f]/g, (c) => encodeURIComponent(c));
}

/**
 * A parameter value: a token (PARTSTAT=ACCEPTED, VALUE=DURATION) as is,
 * anything else quoted, with RFC 6868's caret encoding for `"`, `^` and line
 * breaks, which a quoted string cannot otherwise hold.
 */
function paramValue(value: string): string {
  if (/^[A-Za-z0-9-]+$/.test(value)) return value;
  const encoded = value
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(CONTROL, '');
  return `"${encoded}"`;
}

function contentLine(p: Property): string {
  let line = p.name;
  for (const [name, value] of Object.entries(p.params ?? {})) {
    if (value !== undefined) line += `;${name}=${paramValue(value)}`;
  }
  return `${line}:${p.value}`;
}

/**
 * Folds one content line: a CRLF and a space before the octet that would pass
 * 75, never inside a UTF-8 sequence (iterating code points keeps surrogate
 * pairs, and so 4-octet characters, whole).
 */
export function fold(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      out += '\r\n ';
      octets = 1; // the leading space of the continuation line
    }
    out += ch;
    octets += size;
  }
  return out;
}

function lines(c: Component): string[] {
  const out = [`BEGIN:${c.name}`];
  for (const p of c.properties) if (p) out.push(fold(contentLine(p)));
  for (const child of c.components ?? []) out.push(...lines(child));
  out.push(`END:${c.name}`);
  return out;
}

/** The whole object, CRLF line ends, ending with a CRLF. */
export function serialize(root: Component): string {
  return lines(root).join('\r\n') + '\r\n';
}
