import { spanOf } from './folded-text.js';
import type { FoldedText, TextSpan } from './folded-text.js';
import type { CheckedLanguage } from './language.js';

/**
 * "Ask for fifteen to thirty minutes": how long a message says the
 * conversation would take, in minutes, from "20 minutes", "15–20 min",
 * "a 20m call", "half an hour", "½ hour", "veinte minutos", "une demi-heure",
 * "eine Viertelstunde". A length that is not the meeting's ("I spent 3 hours
 * on your blog", "my hour-long commute", "20 minutes ago") does not count.
 */

export interface NamedDuration {
  readonly min: number;
  readonly max: number;
  readonly span: TextSpan;
}

interface DurationWords {
  /** Number words, folded (no accents), longest first is not needed: the regex sorts them. */
  readonly numbers: Readonly<Record<string, number>>;
  /** Minutes and hours, as regex sources. */
  readonly minute: string;
  readonly hour: string;
  /** Range joiners between two numbers: "to", "or", "a", "bis". */
  readonly range: string;
  /** Set phrases: [regex source, minutes], 0 meaning "the number the first group captured". */
  readonly phrases: readonly (readonly [string, number])[];
  /** Before a length, these make it something other than the meeting (in the same clause). */
  readonly notMeetingBefore: RegExp;
  /** After a length, these do. */
  readonly notMeetingAfter: RegExp;
}

const EN: DurationWords = {
  numbers: {
    one: 1, two: 2, three: 3, five: 5, ten: 10, fifteen: 15, twenty: 20, 'twenty-five': 25, 'twenty five': 25,
    thirty: 30, 'thirty-five': 35, forty: 40, 'forty-five': 45, 'forty five': 45, fifty: 50, sixty: 60, ninety: 90,
  },
  minute: String.raw`(?:minutes?|mins?\b\.?|mns?|m)(?![a-z])`,
  hour: String.raw`(?:hours?|hrs?|h)(?![a-z\d])`,
  range: String.raw`(?:-|to|or|and|/|\+)`,
  phrases: [
    [String.raw`\ban?\s+(?:initial|first|full|single|whole)\s+hour\b`, 60],
    // "a quick 15 on Zoom"
    [String.raw`\ba\s+(?:quick|short|brief|fast)\s+(\d{1,2})\b(?!\s*(?:%|years?|people|pounds|dollars|k\b))`, 0],
    [String.raw`\b(?:an?|one)\s+hour\s+and\s+a\s+half\b`, 90],
    [String.raw`\b(?:a\s+)?(?:half|1/2|½)[\s-]*(?:an\s+)?hour\b`, 30],
    [String.raw`½\s*(?:an\s+)?(?:hour|hr|h)\b|\b1/2\s*(?:h|hr|hour)\b`, 30],
    [String.raw`\b(?:a\s+)?quarter[\s-]*(?:of\s+an\s+)?hour\b`, 15],
    [String.raw`\b(?:three[\s-]quarters|3/4|¾)\s*(?:of\s+)?(?:an\s+)?hour\b`, 45],
    [String.raw`\b(?:an|one)\s+hour\b|\bhour[\s-]long\b`, 60],
  ],
  notMeetingBefore: /\b(?:spent|spending|read|reading|commute|commuting|drive|driving|flight|flew|ago|worked|working|studied|studying|practised|practiced|waited|listened|watched|every|per|within|in the (?:last|past|next)|for the (?:last|past))\s+(?:\S+\s+){0,3}$/,
  notMeetingAfter: /^[\s-]*(?:(?:is|would be|be|seems|sounds|might be|may be) (?:too much|a lot|too long|a big ask)|ago|away|commute|drive|flight|ride|walk|a day|a week|per|each (?!time)|every (?!time)|of (?:reading|research|prep|work|study|sleep|travel)|long (?:commute|drive|flight)|later|earlier|before|from|episodes?|podcasts?|panels?|keynotes?|lectures?|videos?\s+(?:on|about|of)|shifts?|hackathons?|documentar\w+|films?|speech|talks?|webinars?|workouts?|naps?|read|journey|train|bus|queue|wait|delay)\b/,
};

const ES: DurationWords = {
  numbers: {
    uno: 1, una: 1, un: 1, dos: 2, tres: 3, cinco: 5, diez: 10, quince: 15, veinte: 20, veinticinco: 25, 'veinte y cinco': 25, treinta: 30,
    'treinta y cinco': 35, cuarenta: 40, 'cuarenta y cinco': 45, cincuenta: 50, sesenta: 60, noventa: 90,
  },
  minute: String.raw`(?:minutos?|minutitos?|mins?\b\.?|m)(?![a-z])`,
  hour: String.raw`(?:horas?|hrs?|h)(?![a-z\d])`,
  range: String.raw`(?:-|a|o|y|/)`,
  phrases: [
    [String.raw`\b(?:una\s+)?hora\s+y\s+media\b`, 90],
    [String.raw`\bmedia\s+hor(?:a|ita)\b|½\s*hora\b|\b1/2\s*(?:h|hora)\b`, 30],
    [String.raw`\b(?:un\s+)?cuarto\s+de\s+hora\b`, 15],
    [String.raw`\btres\s+cuartos\s+de\s+hora\b`, 45],
    [String.raw`\b(?:una|1)\s+hor(?:a|ita)\b`, 60],
  ],
  notMeetingBefore: /\b(?:hace|pase|pasado|pasé|pasando|dedique|leyendo|leer|trayecto|viaje|cada|por dia|al dia|durante los ultimos|en las (?:ultimas|proximas))\b[^,]*$/,
  notMeetingAfter: /^[\s-]*(?:de (?:viaje|trayecto|camino|lectura|distancia|charla|conferencia|podcast|episodio)|de (?:tapon|trafico|atasco|cola|bus|metro|camino)|al dia|a la semana|diarias?|antes|despues de|leyendo|de aqui|es (?:mucho|demasiado)|seria (?:mucho|demasiado))\b/,
};

const FR: DurationWords = {
  numbers: {
    un: 1, une: 1, deux: 2, trois: 3, cinq: 5, dix: 10, quinze: 15, vingt: 20, 'vingt-cinq': 25, 'vingt cinq': 25, trente: 30,
    'trente-cinq': 35, quarante: 40, 'quarante-cinq': 45, 'quarante cinq': 45, cinquante: 50, soixante: 60, 'quatre-vingt-dix': 90,
  },
  minute: String.raw`(?:minutes?|mins?\b\.?|mn|m|')(?![a-z])`,
  hour: String.raw`(?:heures?|hrs?|h)(?![a-z\d])`,
  range: String.raw`(?:-|a|ou|et|/)`,
  phrases: [
    [String.raw`\b(?:une\s+)?heure\s+et\s+demie\b`, 90],
    [String.raw`\b(?:une\s+)?demi[\s-]*heure\b|½\s*heure\b|\b1/2\s*(?:h|heure)\b`, 30],
    [String.raw`\bune\s+dizaine\s+de\s+minutes\b`, 10],
    [String.raw`\bune\s+quinzaine\s+de\s+minutes\b`, 15],
    [String.raw`\bune\s+vingtaine\s+de\s+minutes\b`, 20],
    [String.raw`\bune\s+trentaine\s+de\s+minutes\b`, 30],
    [String.raw`\b(?:un\s+)?quart\s+d'\s*heure\b`, 15],
    [String.raw`\btrois\s+quarts?\s+d'\s*heure\b`, 45],
    [String.raw`\b(?:une|1)\s+(?:petite\s+)?heure\b`, 60],
  ],
  notMeetingBefore: /\b(?:il y a|passe|passee|passees|lu|lire|lecture|trajet|voyage|chaque|par jour|depuis)\b[^,]*$/,
  notMeetingAfter: /^[\s-]*(?:de (?:trajet|route|train|lecture|voiture|conference|podcast|video)|par (?:jour|semaine)|plus tot|plus tard|avant|apres|c'?\s*est trop|serait trop)\b/,
};

const DE: DurationWords = {
  numbers: {
    ein: 1, eine: 1, einer: 1, zwei: 2, drei: 3, funf: 5, zehn: 10, funfzehn: 15, zwanzig: 20, funfundzwanzig: 25, dreissig: 30,
    funfunddreissig: 35, vierzig: 40, funfundvierzig: 45, funfzig: 50, sechzig: 60, neunzig: 90,
  },
  minute: String.raw`(?:minuten|minute|minutchen|minutig\w*|min\b\.?|m|')(?![a-z])`,
  hour: String.raw`(?:stunden?|stundig\w*|std\b\.?|h)(?![a-z\d])`,
  range: String.raw`(?:-|bis|oder|und|/)`,
  phrases: [
    [String.raw`\b(?:anderthalb|eineinhalb)\s*stunden?\b`, 90],
    [String.raw`\b(?:eine[nrs]?\s+)?halbe[nrs]?\s+stund(?:e|chen)\b|\bhalbstundig\w*|½\s*stunde\b|\b1/2\s*(?:h|std|stunde)\b|\be\s+halbi\s+stund\b`, 30],
    [String.raw`\b(?:eine[nrs]?\s+)?viertel\s*stund(?:e|chen)\b|\bviertelstundig\w*`, 15],
    [String.raw`\b(?:eine[nr]?\s+)?dreiviertel\s*stunde\b`, 45],
    [String.raw`\b(?:eine[nr]?|1)\s+stunde\b|\beinstundig\w*`, 60],
  ],
  notMeetingBefore: /\b(?:vor|verbracht|verbringe|gelesen|lesen|pendel\w*|fahrt|anfahrt|jeden|jede|pro tag|seit)\b[^,]*$/,
  notMeetingAfter: /^[\s-]*(?:lang gelesen|gelesen|verbracht|her|fahrt|pendel\w*|am tag|pro (?:tag|woche)|fruher|spater|entfernt|ist zu viel|waren zu viel|\w*vortrag\w*|podcast\w*|video\w*|folge|sendung|interview|mittagspause|zugfahrt|anfahrt)\b/,
};

interface Compiled {
  readonly number: RegExp;
  readonly ranged: RegExp;
  readonly phrases: readonly (readonly [RegExp, number])[];
  readonly words: DurationWords;
}

function compile(words: DurationWords): Compiled {
  const names = Object.keys(words.numbers).sort((a, b) => b.length - a.length).map((w) => w.replace(/[-\s]/g, '[-\\s]'));
  const num = String.raw`(?:\d{1,3}(?:[.,]5)?|${names.join('|')})`;
  const unit = String.raw`(?:${words.minute}|${words.hour})`;
  // "15-20 minutes", "15 to 20 min", "entre 15 y 20 minutos", "20m", "20-minute", "1h"
  const ranged = new RegExp(String.raw`(?<![\w.,:])(${num})(?:\s*${words.range}\s*(${num}))?[\s-]*(${unit})`, 'g');
  return {
    number: new RegExp(String.raw`^${num}$`),
    ranged,
    phrases: words.phrases.map(([source, minutes]) => [new RegExp(source, 'g'), minutes] as const),
    words,
  };
}

const COMPILED: Readonly<Record<CheckedLanguage, Compiled>> = {
  en: compile(EN),
  es: compile(ES),
  fr: compile(FR),
  de: compile(DE),
};

function valueOf(token: string, words: DurationWords): number | null {
  const key = token.replace(/[-\s]+/g, ' ');
  for (const [word, value] of Object.entries(words.numbers)) if (word.replace(/[-\s]+/g, ' ') === key) return value;
  const n = Number(token.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const LONGEST_ASK_MINUTES = 120;

function isMeetingLength(text: string, start: number, end: number, words: DurationWords): boolean {
  const lineStart = Math.max(text.lastIndexOf('.', start - 1), text.lastIndexOf('\n', start - 1), text.lastIndexOf('?', start - 1), text.lastIndexOf('!', start - 1)) + 1;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, end + 40);
  return !words.notMeetingBefore.test(before) && !words.notMeetingAfter.test(after);
}

/** The first length of the meeting the message names, or null. */
export function namedDuration(reader: FoldedText, language: CheckedLanguage): NamedDuration | null {
  const { ranged, phrases, words } = COMPILED[language];
  const text = reader.text;
  const found: { start: number; end: number; min: number; max: number }[] = [];
  for (const [re, minutes] of phrases) {
    for (const m of text.matchAll(re)) {
      // A phrase worth 0 takes its minutes from its first group: "a quick 15".
      const value = minutes === 0 ? Number(m[1]) : minutes;
      found.push({ start: m.index, end: m.index + m[0].length, min: value, max: value });
    }
  }
  for (const m of text.matchAll(ranged)) {
    const [whole, first = '', second, unit = ''] = m;
    const isHour = new RegExp(`^${words.hour}$`).test(unit);
    const a = valueOf(first, words);
    const b = second === undefined ? a : valueOf(second, words);
    if (a === null || b === null) continue;
    // A bare "m" or "h" only after digits: "20m", "1h"; "one m" is not a length.
    if (/^[mh]$/.test(unit) && !/^\d/.test(first)) continue;
    const scale = isHour ? 60 : 1;
    found.push({ start: m.index, end: m.index + whole.length, min: Math.min(a, b) * scale, max: Math.max(a, b) * scale });
  }
  found.sort((x, y) => x.start - y.start || y.end - x.end);
  for (const hit of found) {
    if (hit.max > LONGEST_ASK_MINUTES || hit.min <= 0) continue;
    if (!isMeetingLength(text, hit.start, hit.end, words)) continue;
    return { min: hit.min, max: hit.max, span: spanOf(reader, hit.start, hit.end) };
  }
  return null;
}
