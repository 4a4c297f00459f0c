import { re } from '../phrases.js';
import type { LanguagePack } from './pack.js';
import { recurringMeeting } from './recurring.js';

/**
 * French, from France, Belgium, Switzerland and Québec (tu and vous).
 * Clear asks: "recrutez-vous ?", "y a-t-il des postes ouverts ?", "pourriez-vous
 * transmettre mon CV au service RH ?", "me recommander pour le poste",
 * "prenez-vous des apprentis ?". Hints: "si un poste se libère, pensez à moi",
 * "votre équipe s'agrandit-elle ?", "au cas où vous entendriez parler d'une
 * opportunité". Innocent: "un créneau", "je ne cherche pas d'emploi",
 * "comment avez-vous obtenu votre poste ?", "vous qui recrutez souvent".
 */

const ORG = String.raw`(?:equipe|entreprise|societe|cabinet|agence|bureau|service|departement|groupe|labo|laboratoire|studio|atelier|boite|redaction|banque|ministere|mairie|hopital|clinique|ong|association|startup|usine|domaine|etude|maison)`;
const POST = String.raw`(?:postes?|stages?|alternances?|jobs?|emplois?|places?\s+(?:de|pour|en)|ouvertures?\s+de\s+postes?|offres?\s+d'?\s*emploi|apprentissages?|contrats?)`;
const WH = /\b(?:comment|pourquoi|quand|quel|quels|quelle|quelles|qui|ou|sur)\b/;

export const FR: LanguagePack = {
  clauses: {
    breaks: re(String.raw`\s(?:mais|cependant|toutefois|pourtant|sinon|par\s+contre|donc|en\s+revanche)\b|,\s*(?:et|ou)\b`),
    negation: /(?:\bne\b|\bn'|\bpas\b|\bjamais\b|\bsans\b|\baucun\w*|\bni\b)/,
    asks: /\?|\b(?:pourriez|pourrais|pouvez|peux|accepteriez|accepterais|j'?\s*aimerais|je\s+voudrais|je\s+souhaite\w*|si|merci\s+de|s'?\s*il\s+vous\s+plait|svp|stp|solliciter|sollicite|me\s+permets|pensez|pense|gardez|garde|faites|fais|serait|serais)\b/,
    hedges: re(
      String.raw`\b(?:pas\s+de\s+(?:souci|soucis|probleme|stress|pression)|aucun\s+(?:souci|probleme)|sans\s+(?:engagement|pression|obligation|souci|faute)|je\s+(?:ne\s+)?sais\s+pas(?:\s+si)?|je\s+ne\s+suppose\s+pas(?:\s+que)?|ne\s+(?:vous\s+|te\s+|lui\s+)?\w+\s+pas,?\s+par\s+hasard|si\s+jamais|je\s+suppose\s+que\s+(?:vous|tu)\s+ne|si\s+ce\s+n'?\s*est\s+pas\s+trop\s+demander|n'?\s*hesite[zr]?\s+pas|sans\s+doute|je\s+ne\s+veux\s+pas\s+(?:abuser|deranger|insister)|ne\s+\w+\s+que)\b`,
    ),
  },

  jobClear: [
    { re: re(String.raw`\bmettre\s+en\s+(?:contact|relation)\s+avec\s+la\s+personne\s+qui\s+s'?\s*occupe\s+(?:de\s+l'?\s*|du\s+|des\s+)?(?:embauche|recrutement)\b|\bglisser\s+un\s+(?:petit\s+)?mot\s+(?:pour\s+moi|en\s+ma\s+faveur)\b|\b(?:le|la|les)\s+(?:transmettre|remettre|faire\s+suivre)\s+a\s+(?:votre|ton|ta)\s+(?:\w+\s+)?(?:superviseu\w+|responsable|drh|rh|chef|cadre|direct\w+|recruteu\w+)\b`) },
    // "recrutez-vous ?", "est-ce que vous recrutez pour l'été ?"
    { re: re(String.raw`\brecrut(?:ez|ent|es|e)[\s-]+(?:vous|ils|elles|tu|t-il|t-elle)\b|\b(?:vous|tu|ils|elles)\s+(?:\w+\s+)?recrut(?:ez|es|ent)\b(?!\s+(?:regulierement|souvent|beaucoup|comment))`), unlessBefore: /\b(?:comment|pourquoi|quand|qui|quels?|quelles?)\b/ },
    { re: re(String.raw`\b(?:embauch|engag)(?:ez|es|ent)[\s-]+(?:vous|tu|ils)\b|(?:\bm'\s*|\bme\s+)(?:embauch\w*|engag\w*|recrut\w*|prendre\s+en\s+(?:stage|alternance|apprentissage)|recommander\s+en\s+interne|coopter)`), unlessBefore: /\b(?:comment|pourquoi|quand|quel\w*|qui)\b/ },
    // "y a-t-il des postes ouverts ?", "avez-vous un stage pour moi ?"
    {
      re: re(String.raw`\b(?:y\s+a[\s-]+t[\s-]+il|il\s+y\s+a(?:urait)?|avez[\s-]+vous|auriez[\s-]+vous|as[\s-]+tu|aurais[\s-]+tu|vous\s+avez|tu\s+as)\s+(?:\w+\s+){0,2}?${POST}`),
      unlessBefore: WH,
      unlessAfter: /^\s*(?:dans\s+(?:votre|ton)\s+agenda|libres?\s+(?:dans|pour\s+(?:un|une)\s+(?:appel|cafe|echange)))/,
    },
    { re: re(String.raw`\b(?:postes?|places?|offres?|stages?)\s+(?:\w+\s+)?(?:ouverts?|vacants?|disponibles?|a\s+pourvoir)\b`), unlessBefore: /\b(?:comment|pourquoi|quand|quel\w*|qui|sur|combien|tant|nombre|pourcentage|atelier|conference|seminaire|bus|formation)\b/ },
    { re: re(String.raw`\bsolliciter\s+(?:un|une)\s+(?:stage|poste|emploi|alternance|place)\b|\bme\s+parrain\w+\s+pour\s+(?:ce|le|un|une|cette)\s+(?:poste|stage|emploi|job)\b`) },
    { re: re(String.raw`\bsollicit\w*\s+(?:\w+\s+){0,3}?pour\s+(?:un|une|le|la)\s+(?:\w+\s+)?(?:stage|poste|emploi|alternance|job|apprentissage|contrat)\b`) },
    { re: re(String.raw`\bpren(?:ez|d|nent|ds|drais|driez)[\s-]*(?:vous|tu|il|elle)?\s+(?:\w+\s+)?(?:des\s+)?(?:apprentis?|alternants?|alternantes?|stagiaires?|internes|juniors|etudiants)\b`) },
    // "transmettre mon CV au service RH", "appuyer ma candidature", "me recommander pour le poste"
    { re: re(String.raw`\b(?:transmettre|transmettrais|transmettriez|transmets|faire\s+suivre|faire\s+passer|transferer)\s+(?:mon|ma)\s+(?:cv|candidature|dossier|profil)\b`) },
    { re: re(String.raw`\b(?:adresser|transmettre|remettre|faire\s+suivre)\s+(?:\S+\s+){0,3}?a\s+(?:votre|ton|ta|la|le|l')\s*(?:drh|rh|cadre\s+de\s+sante|responsable\s+(?:du\s+)?recrutement|recruteu\w*)\b`) },
    { re: re(String.raw`\b(?:appuyer|soutenir|recommander|pistonner|pousser|coopter)\s+(?:ma\s+candidature|mon\s+dossier|mon\s+profil)\b|\bme\s+(?:coopter|pistonner)\b`) },
    { re: re(String.raw`\bme\s+(?:recommander|recommandiez|recommandes|proposer|pistonner)\s+(?:\w+\s+)?(?:pour|a|aupres\s+(?:de|du|des))\s+(?:le|la|ce|cette|un|une|du|des|l')?\s*(?:poste|stage|emploi|job|offre|rh|recruteur\w*|service|responsable)`) },
    { re: re(String.raw`\b(?:pensez|pense|penser)\s+a\s+moi\s+pour\s+(?:le|la|ce|cette|un|une)\s+(?:\w+\s+)?(?:poste|stage|emploi|job|alternance)\b`) },
  ],

  jobPossible: [
    { re: re(String.raw`\bma\s+candidature\b`), inAsk: /\?|pourriez|pourrais|merci\s+de|auriez/ },
    { re: re(String.raw`\bpistes?\b|\bla\s+personne\s+qui\s+s'?\s*occupe\s+(?:de\s+l'?\s*|du\s+|des\s+)?(?:embauche|recrutement|rh|stages?)\b|\bmettre\s+(?:un|le)\s+pied\s+dans\b|\bcandidatures?\s+spontanee\w*|\bde\s+quoi\s+qui\s+s'?\s*ouvr\w*|\bquelque\s+chose\s+(?:qui\s+)?s'?\s*ouvr\w*|\blettre\s+de\s+recommandation\b`), inAsk: /\?|\b(?:si|pourriez|pourrais|serais|serait|accepteriez|disponible|pret)\b/ },
    { re: re(String.raw`\bca\s+(?:engage|recrute|embauche)\b|\bpren\w*[\s-]*(?:vous|tu)?\s+du\s+monde\b|\baccueill\w*\s+(?:\w+\s+)?(?:des\s+)?(?:stagiaires?|alternants?|apprentis|internes|doctorants?)\b|\bun\s+(?:petit\s+)?mot\s+(?:de\s+ta\s+part|de\s+votre\s+part|en\s+ma\s+faveur|pour\s+moi)\b|\bparler\s+de\s+moi\s+a\b`) },
    // Un mot d'emploi dans une phrase qui demande ou souhaite : « prenez-vous des stagiaires ? », « si vous cherchez du renfort ».
    {
      re: re(String.raw`\b(?:postes?(?!\s+(?:de\s+(?:soins|travail|police|secours|garde|pilotage)|source|medical|avance))|emplois?|jobs?|boulot|taf|stages?|stagiaires?|alternance\w*|alternant\w*|apprentis|apprentissage|cdd|cdi|contrats?\s+(?:de|doctoral|en)|missions?\s+(?:de|en|freelance|ponctuelles?)|embauch\w*|recrut\w*|engager|m'?\s*engager|piston\w*|renfort\w*|opportunite\w*|ouverture\w*\s+de\s+postes?|postdoc\w*|vacations?|remplacements?|freelance\w*|piges?|extras?|petite\s+place|une\s+place)\b`),
      inAsk: /\?|\b(?:si|j'?\s*aimerais|je\s+serais|je\s+souhaite\w*|interesse\w*|svp|s'?\s*il\s+vous\s+plait|pourriez|pourrais|pouvez|accepteriez|faites[\s-]moi|fais[\s-]moi|tenez[\s-]moi|pensez|pense|ravi\w*|partant\w*|dispo\w*|volontiers|n'?\s*hesitez)\b/,
      unlessBefore: /\b(?:comment|pourquoi|quand|quel|quels|quelle|quelles|qui|sur|memoire|these|secteur|industrie|filiere|marche|domaine|entreprises|combien|atelier|seminaire|conference|bus|excursion|visite)\b|\b(?:mon|ma|mes|votre|vos|ton|ta|tes|son|sa|ses|premier|premiere|ancien\w*|actuel\w*|nouveau|nouvelle|obtenu|decroche|trouve|eu|fait|effectue|les|le|la|des|cours\s+d'?)\s*(?:\S+\s+)?$/,
      unlessAfter: /^\s*(?:de\s+(?:fin\s+d'?\s*etudes\s+que\s+j|recherche)|dans\s+(?:votre|ton)\s+agenda|que\s+j'?\s*(?:ai|occupe|avais)|actuel\w*|d'?\s*(?:ecoute|exposition)|de\s+formation)\b/,
    },
    { re: re(String.raw`\b(?:s'?\s*agrandi\w*|s'?\s*etoff\w*|renfort\w*|cherch\w+\s+du\s+monde|besoin\s+de\s+(?:monde|bras|renfort|quelqu'?\s*un|personnel))\b`), unlessBefore: /\b(?:comment|pourquoi)\b/, unlessAfter: /^\s*(?:d'?\s*experience|pour\s+me|qui\s+me)/ },
    { re: re(String.raw`\b(?:poste|place|stage|alternance|opportunite|ouverture|job|emploi|boulot)\s+(?:\S+\s+){0,6}?(?:s'?\s*ouvr\w+|se\s+liber\w+|se\s+present\w+|se\s+degag\w+)\b`), negationProof: true },
    { re: re(String.raw`\b(?:entend\w*|entendriez)\s+parler\s+(?:d'?\s*(?:une?|des)?\s*(?:opportunite|poste|offre|ouverture)\w*|de\s+quelque\s+chose)`), negationProof: true },
    { re: re(String.raw`\bgard\w*[\s-]*moi\s+en\s+(?:tete|memoire)\b|\bpens(?:e|ez)[\s-]+a\s+moi\b|\bfais[\s-]+moi\s+signe\b|\bme\s+fais\s+signe\b|\bme\s+faire\s+signe\b`) },
    { re: re(String.raw`\b(?:joins?|joindre|ci[\s-]joint|en\s+piece\s+jointe|vous\s+trouverez)\s+(?:\w+\s+){0,2}?(?:cv|candidature)\b|\bcv\s+(?:\(?\s*)?(?:ci[\s-]joint|en\s+piece\s+jointe)\b`), unlessBefore: /\b(?:jeter|oeil|avis|regard|relire|critiquer|conseils?)\b/ },
    { re: re(String.raw`\b(?:travailler|bosser|rejoindre)\s+(?:avec\s+(?:vous|toi)|chez\s+(?:vous|toi)|(?:votre|ton|ta)\s+${ORG}|la\s+bas|la)\b`), unlessBefore: /\b(?:comment|pourquoi|c'?\s*est\s+comment)\b/ },
    { re: re(String.raw`\bcherch\w+\s+(?:encore\s+)?(?:un|une)\s+(?:\w+\s+)?(?:stage|alternance|poste|emploi|entreprise)\b`), unlessBefore: /\b(?:comment|pourquoi)\b/ },
  ],

  mentorship: [
    { re: re(String.raw`\b(?:etre|devenir|soyez|sois|serez)\s+(?:mon|ma)\s+(?:mentor\w*|marraine|parrain|tuteur|tutrice)\b|\bme\s+(?:parrainer|mentorer|coacher)\b|\bsous\s+(?:votre|ton)\s+aile\b|\bsuivre\s+(?:mon|ma|mes)\s+(?:evolution|progres|parcours|avancee\w*)\b|\betre\s+(?:la|le)\s+mien(?:ne)?\b|\bm'?\s*accompagner\s+(?:pendant|sur\s+la\s+duree|durant|tout\s+au\s+long)\b`) },
    recurringMeeting(
      String.raw`voir|voie|revoir|revoie|revoit|retrouve|retrouver|appelle|appeler|appelant|appel|appels|parler|echanger|echange|cafe|rencontrer|rencontre|point|visio|guidiez|accompagner|accompagnee|accompagne|rendez-vous|entretien\w*|orientations?|rendre\s+compte|nouvelles|contact|biere|parle|reparle|reparler|suivre|suivi|creneau`,
      String.raw`(?:une|deux)\s+fois\s+par\s+(?:mois|semaine|trimestre)|tous\s+les\s+(?:\w+\s+)?(?:mois|semaines|trimestres)|chaque\s+(?:mois|semaine|trimestre)|regulierement|un\s+\w+\s+par\s+mois|de\s+maniere\s+reguliere|de\s+temps\s+(?:en\s+temps|a\s+autre)|regulier|reguliere|mensuel\w*|trimestriel\w*|tous\s+les\s+deux\s+mois|chaque\s+(?:premier\s+)?\w+\s+du\s+mois|aux\s+(?:deux|trois|quelques)(?:,?\s+\w+)?\s+mois`,
      /\b(?:comment|combien|a\s+quelle\s+frequence)\b/,
    ),
  ],

  notAJob: /\b(?:patients?|clients?|membres?|benevoles?|participants?|invites?|coureurs?|joueurs?|lits?|chambres?|studio\s+rue|soeur|frere|fils|fille|amie?|mentor\w*|billets?|places?\s+(?:a|au|pour)\s+(?:la|le)\s+(?:soiree|diner|concert|match)|table|rendez-vous\s+(?:chez|pour)|auberge|relais|course|marathon|chorale|choeur|club|cours|atelier|seminaire|conference|podcast|saison|prix|bourse|residence|etude\s+clinique|collecte|journee\s+portes|evenement|diner|soiree|foot|hackathon|sortie|trek|liste\s+d'?\s*attente|memoire|these|article|reportage)\b/,
  jobWords: /\b(?:emplois?|jobs?|boulot|taf|postes?\s+(?:de|d'|en|a)|stages?\s+(?:de|d'|en|chez)|alternance|cdd|cdi|salaire|embauch\w+\s+(?:en|comme))\b/,
  research: /\b(?:pas\s+pour\s+moi|je\s+ne\s+(?:suis\s+pas\s+candidat\w*|postule\s+pas|cherche\s+pas\s+de\s+poste)|pour\s+mon\s+(?:memoire|article|reportage|etude)|je\s+(?:redige|prepare|ecris)\s+(?:un|mon)\s+(?:memoire|article|reportage|these)|je\s+suis\s+journaliste|journaliste\s+pigiste)\b/,

  favour: [
    { re: re(String.raw`\b(?:pourriez|pourrais|pourrait|accepteriez|accepterais|seriez[\s-]+vous\s+d'?\s*accord|serait[\s-]+il\s+possible|me\s+feriez|ferais[\s-]+tu|merci\s+de\s+(?:me|bien)|je\s+me\s+permets\s+de\s+vous\s+demander|auriez[\s-]+vous\s+la\s+gentillesse|pouvez[\s-]+vous|peux[\s-]+tu)\b`) },
  ],
};
