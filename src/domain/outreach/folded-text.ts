/**
 * A message folded for matching (lower case, accents off, one kind of
 * apostrophe and dash) that remembers where each folded character came from,
 * so that a hit found in the folded text can be shown on the original: a
 * front end highlights `message.slice(start, end)`.
 *
 * Offsets are JavaScript string indices (UTF-16 code units) of the original.
 */
export interface FoldedText {
  /** The text as written. */
  readonly source: string;
  /** Lower case, without combining marks, with straight quotes and plain dashes. */
  readonly text: string;
  /** For each folded character: where its source character starts. */
  readonly starts: readonly number[];
  /** For each folded character: where its source character ends. */
  readonly ends: readonly number[];
}

export interface TextSpan {
  /** The matched words, as written in the original. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4\u2032]/;
const QUOTES = /[\u201c\u201d\u201e\u00ab\u00bb]/;
const DASHES = /[\u2010-\u2015\u2212]/;

function foldChar(char: string): string {
  if (APOSTROPHES.test(char)) return "'";
  if (QUOTES.test(char)) return '"';
  if (DASHES.test(char)) return '-';
  if (char === '\u00a0' || char === '\u202f') return ' ';
  if (char === 'ß' || char === 'ẞ') return 'ss';
  // NFKD also turns "½" into "1⁄2" and full-width digits into ASCII ones;
  // keep "½" whole, the duration reader knows it.
  if (char === '½' || char === '¼' || char === '¾') return char;
  return char.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function foldText(source: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of source) {
    const folded = foldChar(char);
    for (let k = 0; k < folded.length; k++) {
      starts.push(index);
      ends.push(index + char.length);
    }
    text += folded;
    index += char.length;
  }
  return { source, text, starts, ends };
}

/** The original span behind folded offsets [start, end). */
export function spanOf(folded: FoldedText, start: number, end: number): TextSpan {
  if (end <= start || start >= folded.starts.length) return { text: '', start: 0, end: 0 };
  const from = folded.starts[start] ?? 0;
  const to = folded.ends[Math.min(end, folded.ends.length) - 1] ?? from;
  return { text: folded.source.slice(from, to), start: from, end: to };
}
