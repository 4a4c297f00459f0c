import { re } from '../phrases.js';
import type { LanguagePack } from './pack.js';
import { recurringMeeting } from './recurring.js';

/**
 * German, from Germany, Austria and Switzerland (du and Sie; folded, so
 * "für" reads "fur" and "ß" reads "ss"). Clear asks: "stellen Sie gerade
 * ein?", "gibt es offene Stellen?", "könnten Sie meinen Lebenslauf
 * weiterleiten?", "würden Sie mich empfehlen?". Hints: "wächst Ihr Team?",
 * "falls sich etwas ergibt", "behalten Sie mich im Hinterkopf". Innocent:
 * "an meiner Stelle", "Stellenwert", "ich suche keine Stelle", "wenn ein
 * Termin frei wird", "wen könnten Sie mir empfehlen?".
 */

const POST = String.raw`(?:stellen|stelle|praktikumsplatz\w*|praktikumsstelle\w*|praktikum|ausbildungsplatz\w*|ausbildungsstelle\w*|lehrstelle\w*|werkstudentenstelle\w*|werkstudentenjob\w*|vakanz\w*|jobs?|einstiegsposition\w*|traineestelle\w*|position\w*|volontariat\w*|\w+stelle|\w+stellen)`;
const WH = /\b(?:wie|warum|wieso|weshalb|was|welche\w*|wann|wo|wer)\b/;
const LIKE_ME = String.raw`(?:leute|einsteiger\w*|gesell\w*|btas?|\w+innen|mitarbeiter\w*|verstarkung|personal|jemand\w*|kolleg\w+|praktikant\w*|werkstudent\w*|azubis?|auszubildende\w*|nachwuchs|trainees?|[\w-]*-leute|[\w-]*entwickler\w*|[\w-]*designer\w*|[\w-]*ingenieur\w*)`;

export const DE: LanguagePack = {
  clauses: {
    breaks: re(String.raw`\s(?:aber|jedoch|trotzdem|allerdings|sondern|dennoch|ubrigens)\b|,\s*(?:und|oder|aber)\b`),
    negation: /\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|ohne|weder)\b/,
    asks: /\?|\b(?:konnten|konnen|kannst|konntest|wurden|wurdest|wurde|ware|waren|durfte|darf|bitte|falls|wenn|ob|mochte|mochten|gern|gerne|frage|fragen|bitten)\b/,
    hedges: re(
      String.raw`\b(?:(?:ich\s+)?weiss\s+nicht,?(?:\s+ob)?|nicht\s+(?:zufallig|vielleicht|eventuell|doch)|(?:ich\s+)?nehme\s+nicht\s+an|nicht\s+(?:zu\s+viel|sicher,?\s+ob)|wenn\s+es\s+(?:ihnen|dir)\s+nicht\s+zu\s+viel\s+ist|kein\s+(?:problem|stress|druck)|ohne\s+(?:druck|stress|verpflichtung)|nicht\s+schlimm|keine\s+ahnung,?\s+ob)\b`,
    ),
  },

  jobClear: [
    { re: re(String.raw`\bnehm(?:en|t)\s+(?:sie|ihr)\s+(?:\S+\s+){0,5}?(?:noch\s+)?(?:\w+:innen|\w+\*innen|referendar\w*|praktikant\w*|azubis?|lehrling\w*|famulant\w*)|\b\w*platz\s+(?:\S+\s+)?fur\s+mich\s+frei\b`) },
    { re: re(String.raw`\bals\s+referenz\s+angeb\w*|\bmich\s+(?:\S+\s+){0,3}?bekannt\s+machen,?\s+die\s+(?:\S+\s+){0,4}?(?:einstellung\w*|recruiting|personal\w*)`) },
    // "stellen Sie gerade ein?", "stellt ihr bei der Werkstatt grad ein?"
    { re: re(String.raw`\bstell(?:en|t)\s+(?:sie|ihr|du|die|ihre?\s+\w+)\s+(?:\S+\s+){0,4}?ein\b`), unlessBefore: WH },
    { re: re(String.raw`\bob\s+(?:sie|ihr|du|\w+)\s+(?:\w+\s+){0,3}?(?:einstellen|einstellt|einstellen\s+wurden|rekrutier\w+)\b`) },
    { re: re(String.raw`\bsuch(?:t|en)\s+(?:sie|ihr|du)\s+(?:\S+\s+){0,4}?${LIKE_ME}\b`), unlessBefore: WH },
    // "gibt es bei Ihnen offene Stellen?", "hätten Sie einen Praktikumsplatz?"
    {
      re: re(String.raw`\b(?:gibt\s+es|hatten\s+sie|haben\s+sie|habt\s+ihr|hast\s+du|ob\s+es|hattet\s+ihr|hattest\s+du)\s+(?:\S+\s+){0,5}?(?:offene\w*|freie\w*|vakante\w*)?\s*${POST}\b`),
      unlessBefore: WH,
      unlessAfter: /^\s*(?:im|in\s+ihrem|in\s+deinem)\s+kalender/,
    },
    { re: re(String.raw`\b(?:offene|freie|vakante)[nr]?\s+(?:\w+\s+)?(?:stellen|stelle|positionen|position)\b`), unlessBefore: WH },
    { re: re(String.raw`\bmich\s+(?:als\s+\S+\s+)?(?:aufzunehmen|aufnehmen|einzustellen|einstellen|zu\s+beschaftigen|zu\s+ubernehmen|ubernehmen)\b`) },
    // "meinen Lebenslauf an die Recruiterin weiterleiten", "mich bei euch reinbringen"
    { re: re(String.raw`\b(?:meinen?|meine)\s+(?:lebenslauf|cv|bewerbung\w*|unterlagen|profil)\s+(?:\S+\s+){0,9}?(?:weiter(?:zu)?leiten|weiter(?:zu)?geben|weiter(?:zu)?reichen|zukommen\s+(?:zu\s+)?lassen|vorlegen|ubergeben|empfehlen|berucksichtigen|ans\s+herz\s+(?:zu\s+)?legen)\b`) },
    { re: re(String.raw`\b(?:an|zu)\s+(?:ihre|ihrer|die|der|eure|deine|den)\s+(?:\S+\s+){0,3}?(?:personalabteilung|hr(?:-abteilung)?|recruit\w*|personaler\w*|teamleitung|chefredaktion|hiring\s+manager\w*|personalverantwortliche\w*|zustandige\w*\s+(?:person|stelle|recruiter\w*))\s+(?:\S+\s+)?(?:weiter(?:zu)?leiten|weiter(?:zu)?geben|schicken|geben)\b|\bans\s+herz\s+(?:zu\s+)?leg\w*`) },
    { re: re(String.raw`\bmich\s+(?:(?!(?:welche\w*|was|wie|wen|wem|ob|dass)\b)\S+\s+){0,7}?(?:reinbringen|reinholen|unterbringen|empfehlen|vorschlagen|ins\s+gesprach\s+bringen|in\s+betracht\s+ziehen|berucksichtigen)\b`) },
    { re: re(String.raw`\b(?:einen?|eine)\s+(?:job|stelle|praktikum)\s+(?:bei|in)\s+(?:ihnen|euch|dir|ihrem|eurem|deinem)\b|\b(?:ein\s+)?gutes\s+wort\s+(?:fur\s+mich\s+)?(?:\S+\s+){0,4}?ein(?:legen|zulegen|legt|legst)\b`) },
  ],

  jobPossible: [
    // Ein Jobwort in einem Satz, der fragt oder sich etwas wünscht: "Bilden Sie aus?", "falls ihr noch jemanden braucht".
    {
      re: re(String.raw`\b(?:stelle|\w+stelle|job|jobs|\w+job|praktikum|praktikant\w*|ausbildungsplatz\w*|bilden\s+sie\s+aus|bildet\s+ihr\s+aus|lehrstelle\w*|lernende\w*|azubis?|volontariat|werkstudent\w*|festanstellung|doktorandenstelle\w*|postdoc\w*|trainee\w*|schnupperlehre|stage|schichten|aushilf\w*|initiativbewerbung|leute|verstarkung|gesell\w*|weiter(?:zu)?leiten|famulatur|hospitation|probearbeit\w*|anwaltsstation|wahlstation|referendar\w*|ferialpraxis\w*|\w+praxisplatz\w*|pflichtpraktikum|minijob\w*|vertretung|ausschreibung|fur\s+mich\s+frei|freie\s+mitarbeit\w*|freelance\w*|auftrag\w*|auftrage|unterbringen|einplanen|gutes\s+wort|platz\s+fur|bedarf\s+an|einstellen|mitarbeiten|an\s+freie|mich\s+(?:gern\s+)?anbieten)\b`),
      inAsk: /\?|\b(?:falls|wenn|sollte|wurde\s+(?:mich\s+)?(?:gern|gerne|sehr|wahnsinnig)|ware\s+ich|hatte\s+ich\s+(?:grosses\s+)?interesse|interessiert|bitte|konnten\s+sie|konntest\s+du|wurden\s+sie|durfte\s+ich|mochte\s+(?:mich|gern)|ich\s+bewerbe|freuen|dabei|ob)\b/,
      unlessBefore: /\b(?:wie|was|warum|wieso|weshalb|welche\w*|wann|wer|wen|wem|uber|zum\s+thema|lohnt|bus|seminar|workshop|kurs|exkursion|veranstaltung|vortrag|tagung|branche|damals)\b|\b(?:an\s+(?:dieser|meiner|ihrer|seiner|der|deiner)|auf\s+der|zustandige|meine[nmrs]?|seine[nmrs]?|erste[nmrs]?|letzte[nmrs]?|damalige[nmrs]?|neue[nmrs]?|die|die\s+meisten|viele|solche|habe|hatte|war|als|ob\s+ein|fur\s+das|fur\s+den)\s+(?:\S+\s+)?$/,
      unlessAfter: /^\s*(?:(?:\S+\s+){0,5}?(?:sinnvoll|empfehlenswert|gemacht|absolviert|bekommen)\b|im\s+bus|-?programm\w*\s+der|suche|markt|borse|interview|gesprach|prozess|verfahren|wert|anzeige|titel|bei\s+(?:einer|einem)\s+anderen|zu\s+empfehlen|gesehen|gelesen|fur\s+mein\s+(?:projekt|studium))\b/,
    },
    { re: re(String.raw`\b(?:wachst|wachsen|vergrossert|vergrossern)\s+(?:ihr|dein|euer|eure|ihre)\s+\w+|\b(?:ihr|dein|euer)\s+(?:team|buro|abteilung|firma|unternehmen|labor|werkstatt)\s+(?:\w+\s+){0,3}?(?:wachst|wachsen|gewachsen|vergrossert)\b`) },
    {
      re: re(String.raw`\b(?:falls|wenn|sollte|sobald)\s+(?:\S+\s+){0,8}?(?:etwas(?:\s+passendes)?|was\s+(?:stelle|moglichkeit|position|gelegenheit|chance|\w+stelle))\s+(?:\S+\s+){0,3}?(?:frei\s*wird|ergibt|ergeben|auftut|offen\s+ist|aufgeht|frei\s+werden|ausgeschrieben)\b`),
      negationProof: true,
    },
    { re: re(String.raw`\b(?:falls|wenn|sollten?)\s+(?:sie|ihr|du)\s+(?:\S+\s+){0,5}?(?:jemand\w*|wen|jmd|verstarkung|leute|unterstutzung|hilfe|praktikant\w*|einsteiger\w*|gesell\w*|\w+innen)\s+(?:\S+\s+){0,5}?(?:brauch\w*|such\w*|benotig\w*)\b`) },
    { re: re(String.raw`\bnehm(?:en|t)\s+(?:sie|ihr|du)\s+(?:\S+\s+){0,5}?(?:\w+:innen|\w+innen|referendar\w*|praktikant\w*|azubis?|lehrling\w*|quereinsteiger\w*|leute|trainees?|famulant\w*)|\b(?:team|buro|abteilung)\s+zu\s+vergross\w+|\bbau(?:t|en)\s+(?:ihr|sie|du)\s+(?:\S+\s+){0,3}?(?:team|abteilung|buro)\s+auf\b|\b(?:mit|fur|bei)\s+(?:ihnen|dir|euch)\s+zu\s+arbeiten\b|\bals\s+referenz\b|\b(?:person|jemand\w*)\b(?:\s+\S+){0,3}?,?\s+die\s+(?:\S+\s+){0,4}?(?:fur\s+)?(?:einstellung\w*|recruiting|personal\w*|bewerbung\w*|neue\s+leute)`) },
    { re: re(String.raw`\bpasse?\s+ich\s+(?:\S+\s+){0,3}?in\s+(?:ihr|dein|euer)\s+team\b|\betwas\s+passendes\b|\bsuch(?:t|en)\s+(?:sie|ihr|du|ihr\s+\w+|die\s+\w+|euer\s+\w+)\s+(?:\S+\s+){0,3}?noch\s+\S+`), unlessBefore: WH },
    { re: re(String.raw`\b(?:dass|ob)\s+(?:sie|ihr|du)\s+(?:\S+\s+){0,5}?${LIKE_ME}\s+(?:such\w*|brauch\w*|benotig\w*)\b`), negationProof: true },
    { re: re(String.raw`\bim\s+hinterkopf\b|\bmich\s+(?:\w+\s+)?(?:vormerken|merken)\b|\bauf\s+dem\s+schirm\b`) },
    { re: re(String.raw`\b(?:lebenslauf|cv)\s+(?:\S+\s+){0,2}?(?:hange\s+ich|anbei|im\s+anhang|angehangt|beigefugt|lege\s+ich)\b|\b(?:anbei|im\s+anhang)\s+(?:\S+\s+){0,2}?(?:mein(?:en)?\s+)?(?:lebenslauf|cv)\b`), unlessBefore: /\b(?:feedback|an\s+meinem|was\s+an|ruckmeldung\s+zu)\b/ },
    { re: re(String.raw`\bob\s+(?:sie|ihr|du)\s+(?:\S+\s+){0,4}?(?:praktikant\w*|werkstudent\w*|azubis?|trainees?|nachwuchs)\b`) },
    { re: re(String.raw`\b(?:bei\s+(?:ihnen|euch|dir)|in\s+ihrem\s+team|in\s+eurem\s+team)\s+(?:zu\s+)?(?:arbeiten|anfangen|einsteigen|mitarbeiten)\b`), unlessBefore: WH },
  ],

  mentorship: [
    { re: re(String.raw`\b(?:mein(?:e)?\s+mentor(?:in)?\s+(?:zu\s+)?(?:sein|werden)|als\s+mentor(?:in)?\s+(?:zu\s+)?(?:begleiten|unterstutzen|zur\s+seite)|(?:art|eine[nr]?)\s+mentor(?:in)?\s+fur\s+mich|mentor(?:in)?\s+fur\s+mich\s+(?:zu\s+)?(?:sein|werden)|mein(?:e)?\s+mentor(?:in)?\s+sein|als\s+mentee|unter\s+(?:ihre|deine|eure)\s+fittiche)\b`) },
    recurringMeeting(
      String.raw`treff\w*|austausch\w*|austauschen|telefonier\w*|quatsch\w*|sprech\w*|gesprach\w*|call|calls|kaffee|video\w*|zoom|sehen|sache|melden|melde|anrufen|anruf\w*|jour\s+fixe|rat\s+fragen|begleit\w*`,
      String.raw`(?:einmal|zweimal|1x|2x|ein\s+mal)\s+(?:im|pro|in\s+der)\s+(?:monat|woche|quartal)|alle\s+(?:zwei|drei|paar|vier|sechs|\d+)\s+(?:wochen|monate)|jeden\s+monat|jede\s+woche|regelmassig\w*|monatlich\w*|wochentlich\w*|ab\s+und\s+(?:zu|an)|jeweils|nach\s+jede[mrn]|alle\s+zwei,?\s+drei\s+monate|hin\s+und\s+wieder|von\s+zeit\s+zu\s+zeit|jour\s+fixe|feste[nr]?\s+sache|immer\s+mal\s+wieder`,
      /\b(?:wie\s+oft|wie)\b|\b(?:ihr|ihre[nmrs]?|unser\w*|mein\w*|sein\w*)\s+(?:\S+\s+)?$/,
    ),
    { re: re(String.raw`\b(?:meine[nr]?\s+)?(?:\S+\s+)?(?:schritte|entwicklung|weg|fortschritte?|werdegang)\s+(?:\S+\s+){0,4}?(?:mit)?(?:zu\s+)?verfolg\w*|\bmich\s+(?:\S+\s+){0,4}?(?:zu\s+)?begleiten\b|\b(?:meine|als|eine)\s+sponsor(?:in)?\b|\bsparrings?partner\w*|\b(?:ihnen|sie|dich)\s+als\s+mentor\w*|\bmentor(?:in)?\s+(?:\S+\s+){0,4}?vorschlag\w*`), unlessBefore: /\b(?:wie|wer|hatten\s+sie|hatte)\b/ },
  ],

  notAJob: /\b(?:patient\w*|mandant\w*|kund\w+|mitglied\w*|ehrenamt\w*|freiwillig\w*|proband\w*|teilnehm\w+|gast\w*|laufer\w*|spieler\w*|bett\w*|zimmer|wohnung|schwester|bruder|sohn|tochter|\w*club|\w*verein|aufnahme|burgen|mentor\w*|karten?|tickets?|sitzplatz|tisch|termin\s+(?:beim|zum)|herberge|lauf|b2run|staffel|marathon|chor|tenor\w*|verein|kurs|workshop|seminar|vortrag|podium|podcast|preis|stipendium|residenz|studie|veranstaltung|feier|fussball|hackathon|exkursion|wanderung|warteliste|kleingarten\w*|imkerei|hobby|artikel|masterarbeit|bachelorarbeit|reportage|korrektur)\b/,
  jobWords: /\b(?:stelle\b|\w+stelle\b|job\b|\w+job\b|arbeit\s+(?:bei|in)|praktikum|ausbildung\w*|lehrstelle|festanstellung|gehalt|vollzeit|teilzeit)\b/,
  research: /\b(?:nicht\s+fur\s+mich|ich\s+(?:selbst\s+)?suche\s+keine\s+stelle|fur\s+(?:meine|einen)\s+(?:masterarbeit|bachelorarbeit|artikel|reportage|studie)|ich\s+schreibe\s+(?:als\s+\w+\s+)?(?:an\s+)?(?:einem|einen|meine)\s+(?:stuck|artikel|masterarbeit)|journalist\w*|grunder\w*)\b/,

  favour: [
    { re: re(String.raw`\b(?:konnten|wurden|konnen|wurdest|konntest|kannst|konnt|wurdet)\s+(?:sie|du|ihr)\b|\bware\s+es\s+moglich\b|\bdurfte\s+ich\b|\bhatten\s+sie\b|\bbitte\b`) },
  ],
};
