import t from 'tap';
import { countWords, identifyLanguage, personMention, readMessage } from '../../src/domain/index.js';

// The pieces of the outreach reader, table by table: lengths of time, names,
// languages, word counts, and offsets that point back into the original text.

const DURATIONS: [string, [number, number] | null][] = [
  ['Could I have 20 minutes of your time?', [20, 20]],
  ['Would a 20m call work?', [20, 20]],
  ['Could you spare 15 to 20 minutes?', [15, 20]],
  ['15–20 min would be plenty.', [15, 20]],
  ['Maybe 20-30 mins next week?', [20, 30]],
  ['between 20 and 30 minutes', [20, 30]],
  ['Could we talk for half an hour?', [30, 30]],
  ['a ½ hour call', [30, 30]],
  ['fifteen or twenty minutes', [15, 20]],
  ['Would an hour be too much? If so, twenty minutes.', [20, 20]],
  ['Could we meet for an hour?', [60, 60]],
  ['I spent 3 hours reading your blog. Could we chat?', null],
  ['After my 2-hour commute I read your post.', null],
  ['I listened to your 40-minute episode twice.', null],
  ['Could we have a quick chat?', null],
  ['A few minutes of your time?', null],
  ['¿Tendrías 20 minutos para una llamada?', [20, 20]],
  ['¿Un café de media horita?', [30, 30]],
  ['¿Podríamos hablar de 15 a 20 minutos?', [15, 20]],
  ['Me pasé tres horas leyendo tu hilo. ¿Hablamos?', null],
  ['Auriez-vous une demi-heure à m’accorder ?', [30, 30]],
  ['Un quart d’heure suffirait.', [15, 15]],
  ['Pourriez-vous m’accorder entre 15 et 20 minutes ?', [15, 20]],
  ['Je fais 1h10 de train par jour.', null],
  ['Hätten Sie eine halbe Stunde Zeit?', [30, 30]],
  ['Eine Viertelstunde würde reichen.', [15, 15]],
  ['Hätten Sie 15 bis 20 Minuten?', [15, 20]],
  ['Ich habe Ihren 45-minütigen Vortrag gesehen. Hätten Sie 10 Minuten?', [10, 10]],
];

t.test('the length of the meeting a message names', async (t) => {
  for (const [text, expected] of DURATIONS) {
    const found = readMessage(text).duration;
    t.same(found === null ? null : [found.min, found.max], expected, text);
    if (found !== null) t.equal(text.slice(found.span.start, found.span.end), found.span.text, `${text}: offsets`);
  }
});

const NAMES: [string, string, boolean][] = [
  ['Bob suggested I write to you.', 'Robert Chen', true],
  ['Robert Chen suggested I write.', 'Robert Chen', true],
  ['Mr Chen suggested I write.', 'Robert Chen', true],
  ['Liz told me about your work.', 'Elizabeth Moreau', true],
  ['Pepe me habló de ti.', 'José Llorens', true],
  ['Sepp hat gemeint, ich soll mich melden.', 'Josef Huber', true],
  ['I hope you are well.', 'Hope Carter', false],
  ['Hope you are well!', 'Hope Carter', false],
  ['Hope suggested I reach out.', 'Hope Carter', true],
  ['I will be brief.', 'Will Turner', false],
  ['Any week in May works.', 'May Chen', false],
  ['Ganz im Ernst, Ihr Buch ist toll.', 'Ernst Hoffmann', false],
  ['Le escribo con la esperanza de verle.', 'Esperanza Ruiz', false],
  ['Priyanka suggested I write.', 'Priya Shah', false],
  ['Merci à JF de nous avoir mis en contact !', 'Jean-François Tremblay', true],
  ['王伟老师介绍我联系您。', '王伟', true],
  ['王老师介绍我联系您。', '王伟', true],
  ['李明介绍我联系您。', '王伟', false],
];

t.test('an introducer named as a name', async (t) => {
  for (const [text, name, named] of NAMES) {
    const mention = personMention(text, name);
    t.equal(mention !== null, named, `${name} in "${text}"`);
    if (mention !== null && mention !== 'nothing_to_match') t.equal(text.slice(mention.start, mention.end), mention.text, `${text}: offsets`);
  }
  t.equal(personMention('Hello there', 'J.'), 'nothing_to_match', 'initials only: nothing to look for');
});

t.test('languages: the four are read, others are named', async (t) => {
  const cases: [string, string, boolean][] = [
    ['Hi Lin, any positions?', 'en', true],
    ['r u hiring rn?', 'en', true],
    ['¿hay alguna vacante en tu equipo?', 'es', true],
    ['Bonjour, auriez-vous un créneau de 20 minutes ?', 'fr', true],
    ['Hätten Sie eine halbe Stunde Zeit für ein Gespräch?', 'de', true],
    ['Ciao Marco, avresti 20 minuti per una chiacchierata sul tuo lavoro?', 'it', false],
    ['王伟老师介绍我联系您，想请教二十分钟。', 'zh', false],
    ['👍', 'und', true],
  ];
  for (const [text, code, checked] of cases) {
    const guess = identifyLanguage(text);
    t.equal(guess.code, code, text);
    t.equal(guess.checked, checked, `${text}: checked`);
  }
  t.equal(identifyLanguage('Ciao Marco, avresti 20 minuti per una chiacchierata sul tuo lavoro?').name, 'Italian');
  t.equal(readMessage('Ciao Marco, ci sono posizioni aperte nel tuo team?').jobAsk, null, 'not read, so no judgement');
});

t.test('words are counted by Intl.Segmenter, so unspaced scripts count', async (t) => {
  t.equal(countWords('Could I have twenty minutes?'), 5);
  t.ok(countWords('王伟老师介绍我联系您，想请教二十分钟。', 'zh') > 5, 'Chinese is more than one word');
  t.equal(readMessage('Hola, ¿tendrías veinte minutos?').words, 4);
});

t.test('offsets survive folding: accents, ß, curly quotes and contractions', async (t) => {
  for (const text of [
    'Ça va ? Je me permets : recrutez-vous en ce moment ?',
    'Grüße! Stellen Sie gerade ein? Weiß nicht, ob das passt.',
    'I’m not asking for a job, but are there any openings on your team?',
    'Ich frage ausdrücklich nicht nach einem Job – aber gibt es offene Stellen?',
  ]) {
    const ask = readMessage(text).jobAsk;
    t.ok(ask, text);
    if (ask) t.equal(text.slice(ask.span.start, ask.span.end), ask.span.text, `${text}: "${ask.span.text}"`);
  }
});

t.test('tiers: plain asks are clear, hints are possible', async (t) => {
  const cases: [string, 'clear' | 'possible' | null][] = [
    ['Are there any openings on your team?', 'clear'],
    ["I don't suppose there are any openings on your team?", 'clear'],
    ['Could you pass it along to HR if you think I would be a fit?', 'clear'],
    ['Is your team growing this year?', 'possible'],
    ['Sending you my CV in case you hear of anything suitable.', 'possible'],
    ['Do you have any openings in your schedule for a 15-minute chat?', null],
    ['No worries at all if something comes up.', null],
    ['Do you have a spot available next week?', null],
    ["I'd also like to ask for a referral to anyone else in your network.", null],
    ['Could you recommend me a good book?', null],
    ["I'd love to join your lab's public seminar.", null],
    ['Thanks so much! Are there any openings on your team?', 'clear'],
  ];
  for (const [text, tier] of cases) t.equal(readMessage(text).jobAsk?.tier ?? null, tier, text);
});
