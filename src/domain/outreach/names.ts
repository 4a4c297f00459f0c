import { foldText, spanOf } from './folded-text.js';
import type { TextSpan } from './folded-text.js';

/**
 * "Mention … who made the introduction": does a message name a person?
 * A name is matched as a name: whole words, either the first or the last
 * name, a common short form of the first name (Bob for Robert, Liz for
 * Elizabeth, Pepe for José, Sepp for Josef), and, in scripts written without
 * spaces (Chinese, Japanese), the full name or the family name with a title.
 * A name that is also an everyday word (Hope, Will, Grace, Mark) counts only
 * when it is written as a name: capitalised, and not the first word of a
 * greeting such as "Hope you are well".
 */

// Short forms, both ways: each group is one name. Folded (no accents, lower case).
const NAME_GROUPS: readonly (readonly string[])[] = [
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['elizabeth', 'elisabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'lisa', 'babette', 'elise', 'els', 'liesl', 'sissi'],
  ['william', 'will', 'bill', 'billy', 'liam', 'willy'],
  ['katherine', 'catherine', 'kathryn', 'katharina', 'kate', 'katie', 'kathy', 'cathy', 'kat', 'katja', 'kathi', 'cat'],
  ['alexander', 'alexandra', 'alex', 'sasha', 'xander', 'alejandro', 'alejandra', 'alexandre', 'alessandro'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['richard', 'rich', 'rick', 'ricky', 'dick'],
  ['michael', 'mike', 'mikey', 'mick', 'micha', 'michi'],
  ['jennifer', 'jen', 'jenny'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'greta', 'gretel'],
  ['thomas', 'tom', 'tommy', 'tomas'],
  ['christopher', 'chris', 'kit', 'christoph'],
  ['christine', 'christina', 'chris', 'chrissy', 'tina', 'christiane'],
  ['daniel', 'dan', 'danny', 'dani'],
  ['joseph', 'joe', 'joey', 'jose', 'pepe', 'josef', 'sepp', 'seppi', 'beppe', 'chema'],
  ['francisco', 'paco', 'pancho', 'curro', 'fran', 'frank', 'francis', 'franz', 'francesco', 'francois'],
  ['ignacio', 'nacho', 'inaki'],
  ['guadalupe', 'lupe', 'lupita'],
  ['rosario', 'charo'],
  ['dolores', 'lola'],
  ['concepcion', 'concha', 'conchita'],
  ['manuel', 'manolo', 'manu', 'emmanuel', 'emanuel'],
  ['enrique', 'kike', 'quique'],
  ['jesus', 'chucho', 'chuy'],
  ['frederic', 'frederick', 'friedrich', 'fred', 'freddy', 'fritz', 'federico', 'fede'],
  ['stephanie', 'steph', 'steffi', 'stefanie'],
  ['stephen', 'steven', 'steve', 'stefan', 'stephane'],
  ['johannes', 'hans', 'johann', 'john', 'johnny', 'jack', 'jean', 'juan', 'juanito', 'jan'],
  ['ulrich', 'uli', 'ueli'],
  ['wolfgang', 'wolf'],
  ['andreas', 'andrew', 'andy', 'drew', 'andre', 'andres', 'andrea'],
  ['nicholas', 'nicolas', 'nick', 'nico', 'niko', 'klaus', 'nikolaus'],
  ['matthew', 'matt', 'mathieu', 'matthias', 'mattes', 'mateo', 'matias'],
  ['benjamin', 'ben', 'benji', 'benny', 'beni', 'benja'],
  ['samuel', 'samantha', 'sam', 'sammy'],
  ['patricia', 'patty', 'pat', 'trish', 'patri'],
  ['patrick', 'pat', 'paddy'],
  ['susan', 'suzanne', 'susanne', 'sue', 'susi', 'suzie'],
  ['deborah', 'debbie', 'deb'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori'],
  ['anthony', 'tony', 'antonio', 'toni', 'anton', 'tono', 'tonio', 'antoine', 'toine'],
  ['rafael', 'rafa', 'rafi', 'raphael'],
  ['rudolf', 'rudi', 'ruedi', 'rodolfo', 'rudy'],
  ['theresia', 'therese', 'teresa', 'theresa', 'resi', 'tere', 'terri', 'maite'],
  ['jose maria', 'chema'],
  ['florence', 'florencia', 'florian', 'flo', 'flor'],
  ['caroline', 'carolin', 'carolina', 'caro', 'carol'],
  ['dominique', 'domi'],
  ['gertrude', 'gertrud', 'gerti', 'trudi'],
  ['ferdinand', 'ferdl', 'ferdi', 'nando'],
  ['ursula', 'uschi'],
  ['jesus', 'chus', 'chuy'],
  ['elisabeth', 'lisi', 'sisi'],
  ['katharina', 'kathi', 'kati'],
  ['edward', 'ed', 'eddie', 'ted', 'ned', 'eduardo', 'edu'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['abigail', 'abby'],
  ['jonathan', 'jon', 'jonny'],
  ['nathaniel', 'nathan', 'nate'],
  ['gabriel', 'gabriela', 'gabrielle', 'gabi', 'gaby', 'gabe'],
  ['valentina', 'valentin', 'vale', 'valle'],
  ['guillermo', 'memo', 'guille'],
  ['roberto', 'beto', 'tito'],
  ['alberto', 'beto', 'albert', 'bert'],
  ['fernando', 'nando', 'fer'],
  ['dominique', 'dom', 'dominic'],
  ['henri', 'henry', 'harry', 'hank', 'heinrich', 'heinz', 'enrico'],
  ['josephine', 'jo', 'josie', 'fifi', 'pepa', 'josefa', 'josefina', 'pepita'],
  ['marie', 'maria', 'mary', 'mia', 'mimi', 'maja', 'mari', 'maite', 'mariele'],
  ['isabel', 'isabelle', 'isabella', 'isa', 'bella', 'chabela'],
  ['joachim', 'jochen', 'achim'],
  ['jurgen', 'jorg', 'george', 'jorge', 'georg', 'georges', 'cote', 'coke'],
  ['barbara', 'babs', 'barbie', 'barbel'],
  ['cornelia', 'conny', 'nele'],
  ['maximilian', 'max', 'maxime', 'maximiliano'],
  ['sebastian', 'basti', 'seb', 'sebastien'],
  ['bernhard', 'bernard', 'bernd', 'bernardo'],
  ['leopold', 'poldi', 'leo'],
  ['genevieve', 'gen', 'vivi'],
  ['valerie', 'val'],
  ['timothy', 'tim', 'timo'],
  ['kimberly', 'kim'],
  ['philip', 'phillip', 'phil', 'philippe', 'felipe', 'pipe', 'philipp'],
];

/** First names that are also common words in the four languages. */
const WORD_NAMES = new Set([
  'hope', 'will', 'drew', 'precious', 'aimee', 'flor', 'engel', 'modeste', 'bob', 'mark', 'bill', 'pat', 'rich', 'grace', 'rose', 'mark', 'faith', 'bill', 'joy', 'dawn', 'may', 'june', 'april', 'frank', 'rich', 'art', 'bob',
  'sunny', 'ray', 'amber', 'iris', 'jack', 'pat', 'sue', 'max', 'ben', 'don', 'rob', 'gene', 'miles', 'chase', 'hunter', 'summer',
  'cat', 'kit', 'dick', 'ted', 'eve', 'ivy', 'lily', 'holly', 'violet', 'daisy', 'pearl', 'ruby', 'sky', 'autumn', 'glen', 'bud',
  'rosa', 'esperanza', 'amparo', 'soledad', 'mercedes', 'gracia', 'aurore', 'constance', 'patience', 'heide', 'ernst', 'luz', 'pilar', 'dolores', 'consuelo', 'paz', 'blanca', 'angel', 'clemente', 'rocio', 'socorro', 'reina', 'fe',
  'pierre', 'claire', 'constant', 'aime', 'franc', 'rose', 'olive', 'marin', 'ernest', 'modeste', 'prudence', 'victoire',
  'kurt', 'hans', 'karl', 'otto', 'frieda', 'wolf', 'ernst', 'heide', 'hart', 'fromm', 'klein', 'lang', 'kurz', 'jung', 'alt',
  'val', 'nico', 'leo', 'jo', 'fer', 'edu', 'isa', 'mia', 'kim', 'jan', 'seb', 'dom', 'gen', 'ed',
]);

const MONTH_NAMES = new Set(['may', 'june', 'april', 'august']);
const MONTH_BEFORE = /\b(?:in|of|early|late|mid|next|this|last|since|until|till|by|from|before|after|during|end of|start of)\s*-?\s*$/i;

// After a capitalised word-name at the start, these mean a greeting or a verb, not the person.
const GREETING_AFTER = /^\s*(?:(?:you|you're|your|this|that|all|everything|things|it|to|we|u|ur)\b|[aà](?=\s|$))/i;
// A word-name right after an article or a preposition is the word: "im Ernst", "con la Esperanza de", "the Rose garden".
const ARTICLE_BEFORE = /(?:^|\s)(?:im|am|zum|beim|die|das|den|dem|des|ein|eine|einer|la|los|las|le|les|un|une|the|a|an|of|in|en|au|aux|sur|sin|sans|ohne|my|your|our|mi|tu|su|mon|ma|ton|ta|mein|meine|ihr|ihre)\s+$/i;
// "Lüneburger Heide": a capitalised adjective in -er names a place, not a first name.
const PLACE_ADJECTIVE_BEFORE = /(?:^|\s)\p{Lu}\p{Ll}+er\s+$/u;

const HONORIFICS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'mx', 'miss', 'prof', 'professor', 'sir', 'dame', 'jr', 'sr', 'ii', 'iii', 'phd', 'md',
  'sra', 'srta', 'don', 'dona', 'mme', 'mlle', 'm', 'herr', 'frau', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'den', 'du', 'da', 'di', 'y',
]);

const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
// Titles written after a family name in Chinese and Japanese.
const CJK_TITLES = ['老师', '先生', '女士', '小姐', '经理', '總', '总', '教授', '博士', 'さん', '様', 'さま', '先生', '氏', 'くん', '部長', '課長'];

function groupOf(token: string): readonly string[] {
  const forms = new Set([token]);
  for (const group of NAME_GROUPS) if (group.includes(token)) for (const form of group) forms.add(form);
  return [...forms];
}

function wordsOf(name: string): string[] {
  return (foldText(name).text.match(/[\p{L}\p{N}'-]+/gu) ?? []).map((w) => w.replace(/\.$/, '')).filter((w) => w.length >= 2 && !HONORIFICS.has(w));
}

function cjkMention(text: string, name: string): TextSpan | null {
  const compact = name.replace(/\s+/g, '');
  const at = text.indexOf(compact);
  if (at >= 0) return { text: compact, start: at, end: at + compact.length };
  // The family name (first character) with a title: 王老师, 田中さん.
  const family = [...compact].length >= 3 && /\p{Script=Hiragana}|\p{Script=Katakana}/u.test(text) ? compact.slice(0, 2) : compact.slice(0, 1);
  for (const title of CJK_TITLES) {
    const found = text.indexOf(family + title);
    if (found >= 0) return { text: family + title, start: found, end: found + family.length + title.length };
  }
  return null;
}

function nextWord(text: string, from: number): string {
  return /^\s+([\p{L}\p{N}]+)/u.exec(text.slice(from))?.[1] ?? '';
}

/**
 * Where the message names the person, or null. A name with nothing to look
 * for (initials only) counts as named: better silent than nagging.
 */
export function personMention(message: string, personName: string): TextSpan | 'nothing_to_match' | null {
  if (NO_SPACE_SCRIPT.test(personName)) return cjkMention(message, personName);
  const wanted = wordsOf(personName);
  if (wanted.length === 0) return 'nothing_to_match';
  const forms = new Set<string>();
  const [first, ...rest] = wanted;
  if (first !== undefined) for (const form of groupOf(first)) forms.add(form);
  for (const other of rest) forms.add(other);

  // "JF" for Jean-François: the initials of a compound first name, written in capitals.
  const firstWords = foldText(personName).text.split(/\s+/)[0] ?? '';
  if (/-/.test(firstWords)) {
    const initials = firstWords.split('-').map((part) => part[0] ?? '').join('').toUpperCase();
    const at = new RegExp(`(?<![\\p{L}])${initials}(?![\\p{L}])`, 'u').exec(message);
    if (at !== null) return { text: initials, start: at.index, end: at.index + initials.length };
  }
  const folded = foldText(message);
  for (const match of folded.text.matchAll(/[\p{L}\p{N}]+(?:['-][\p{L}]+)*/gu)) {
    const word = match[0];
    const token = word.replace(/'s$/, '');
    if (!forms.has(token)) continue;
    const span = spanOf(folded, match.index, match.index + token.length);
    // A name part alone right after an article is a word: "ein Engel", "la esperanza".
    if (ARTICLE_BEFORE.test(message.slice(0, span.start)) && !forms.has(nextWord(folded.text, match.index + word.length))) continue;
    if (WORD_NAMES.has(token) || token.length <= 2) {
      // Written as a name: capitalised, and not a greeting's first word.
      if (!/^\p{Lu}/u.test(span.text)) continue;
      const before = message.slice(0, span.start);
      const sentenceStart = /(?:^|[.!?\n])\s*$/.test(before);
      if (sentenceStart && GREETING_AFTER.test(message.slice(span.end))) continue;
      if (PLACE_ADJECTIVE_BEFORE.test(before)) continue;
      // "any week in May", "early June": the month, not the person.
      if (MONTH_NAMES.has(token) && MONTH_BEFORE.test(before)) continue;
    }
    return span;
  }
  return null;
}
