import { findStandingPhrase } from './text-clauses.js';
import type { PhrasePattern } from './text-clauses.js';

/**
 * "Don't ask for a job!" — the one hard rule of informational interviewing.
 *
 * Fires on asks: openings, hiring, referrals *for a role*, passing a résumé
 * on, being considered, joining their team. Does not fire on honesty ("I'm
 * not asking for a job"), on curiosity about how people get hired ("what
 * does hiring look like in your field?", "how did you get your job?"), or on
 * the referral the guidance encourages: "ask them if they know anyone else"
 * ("could you refer me to someone else in analytics?").
 *
 * Judgement calls, pinned by test/domain/job-request.cases.ts:
 * - "Is your company hiring?" is an ask; "is the industry hiring?" and
 *   "how is your company hiring these days?" are curiosity.
 * - "Would you be willing to refer me?" (no "to someone") is an ask.
 * - Sending a résumé *to you* (for feedback) is not; passing it on is.
 * - Saying you applied ("I'm applying for the analyst role at your company")
 *   is disclosure, not an ask; wanting to join their team is an ask.
 * - A negation only reaches the end of its clause: "I'm not asking for a job,
 *   but are there openings?" is an ask.
 */

const ORG = String.raw`(?:team|company|firm|organi[sz]ation|org|department|dept|group|office|agency|lab|startup|practice|division|unit|business|studio|school|hospital|newsroom|bank|shop)`;
// Nouns that by themselves mean "a vacancy".
const VACANCY = String.raw`(?:openings?|vacanc(?:y|ies)|internships?|open (?:roles?|positions?|reqs?))`;
// Nouns that mean a vacancy only in an ask: "a role" is also a function.
const POST = String.raw`(?:jobs?|positions?|roles?|opportunit(?:y|ies)|spots?|posts?|placements?)`;
const ANY_POST = String.raw`(?:${VACANCY}|${POST})`;
const HR = String.raw`(?:hiring\s+(?:manager|team|lead)s?|recruit\w*|hr|human resources|talent(?:\s+\w+)?)`;
const WH = /\b(?:how|what|why|where|when|which)\b/;
// "did you do any internships?" asks about their past, not for a place.
const ABOUT_THEIR_PAST = /\b(?:did you|were there|was there|had you|have you (?:ever|done|had|held|taken|worked))\b/;
// Hiring as a topic, not as an activity: "the hiring process".
const HIRING_TOPIC = String.raw`(?!\s+(?:process|manager|managers|timeline|cycle|season|practices|freeze|market|landscape|trends?|criteria|decisions?|committee|pipeline|bar|like|look|looks|works?|done|handled|going)\b)`;
const NOT_A_SUBJECT = String.raw`(?!(?:the|a|an|this|that|there|it|not|no|never|hiring|your\s+(?:field|industry|sector|profession|area|market|space|region|city|country))\b)`;
const re = (source: string) => new RegExp(source, 'g');

const JOB_ASKS: readonly PhrasePattern[] = [
  // "any openings on your team?", "do you have any internships", "if there is an opening"
  {
    re: re(String.raw`\b(?:any|are there|is there|do you have|have you got|if there (?:is|are|were|might be)|whether there (?:is|are)|know of)\s+(?:(?:any|an?|some)\s+)?(?:[\w-]+\s+){0,2}?${VACANCY}\b`),
    unlessBefore: ABOUT_THEIR_PAST,
  },
  // "openings on your team?"
  { re: re(String.raw`\b${VACANCY}\s+(?:on|at|in|with|within)\s+(?:your|the)\s+(?:own\s+)?${ORG}\b`), unlessBefore: WH },
  // "do you have any open positions", "are there any jobs available at your company"
  {
    re: re(String.raw`\b(?:any|are there|is there|do you have|have you got)\s+(?:(?:any|an?)\s+)?(?:(?:open|available|vacant|current|upcoming)\s+)${POST}\b`),
    unlessBefore: ABOUT_THEIR_PAST,
  },
  {
    re: re(String.raw`\b(?:are there|is there|do you have|have you got|any)\s+(?:(?:any|an?)\s+)?(?:[\w-]+\s+)?${POST}\s+(?:available|open|for me|for someone like me|(?:on|at|in|with|within) (?:your|the) ${ORG}|right now|at the moment|currently|coming up|i could apply)\b`),
    unlessBefore: ABOUT_THEIR_PAST,
  },
  // "let me know if anything opens up", "any chance of an internship?"
  { re: re(String.raw`\b(?:if|when|whenever|once)\s+(?:anything|something|a\s+(?:[\w-]+\s+)?${ANY_POST})\s+(?:opens?|comes?|pops?)\s+up\b`) },
  { re: re(String.raw`\bany\s+chance\s+(?:of|for|at)\s+(?:(?:an?|any)\s+)?(?:[\w-]+\s+)?${ANY_POST}\b`) },
  // "are you hiring?", "is your company hiring right now?"
  {
    re: re(String.raw`\b(?:are|is)\s+${NOT_A_SUBJECT}(?:you|y'?all|your\s+[\w-]+|they|(?:anyone|anybody|someone|somebody)(?:\s+(?:on|at|in)\s+your\s+${ORG})?|[\w&.-]+)\s+(?:(?:currently|still|actively|now|also|even)\s+)?hiring\b${HIRING_TOPIC}`),
    unlessBefore: WH,
  },
  // "do you know whether Acme is hiring", "not sure if your team is hiring"
  {
    re: re(String.raw`\b(?:if|whether)\s+${NOT_A_SUBJECT}[\w&.'-]+(?:\s+[\w&.'-]+)?\s+(?:is|are|might be|will be)\s+(?:(?:currently|still|actively|now)\s+)?hiring\b${HIRING_TOPIC}`),
  },
  // "could you refer me for the role" — but not "refer me to someone else" (the good kind of referral)
  { re: re(String.raw`\b(?:refer|recommend)\s+me\b(?!\s+to\b)(?!\s+(?:as|on)\b)`) },
  { re: re(String.raw`\b(?:refer|recommend)\s+me\s+to\s+(?:(?:the|your|a|an|any)\s+)?(?:[\w-]+\s+){0,2}?${HR}\b`) },
  { re: re(String.raw`\brefer\s+my\s+(?:resume|cv|application|profile|name)\b`) },
  { re: re(String.raw`\b(?:an?)\s+(?:internal\s+|employee\s+|job\s+|formal\s+|strong\s+)?referral\b(?!\s+(?:to|program|programme|bonus|process|system|network)\b)`), unlessBefore: WH },
  // "put in a good word for me", "put my name forward"
  { re: re(String.raw`\bput(?:ting)?\s+in\s+a\s+(?:good\s+|kind\s+)?word\b|\ba\s+good\s+word\s+for\s+me\b|\bvouch\s+for\s+me\b|\bput\s+(?:my\s+name|me)\s+forward\b`) },
  // "I'd love to be considered for a position", "please consider me", "keep me in mind"
  { re: re(String.raw`\b(?:considered|consideration)\s+for\s+(?:(?:a|an|the|any|this|that|your|future|open|upcoming)\s+)*(?:[\w-]+\s+)?${ANY_POST}\b`) },
  { re: re(String.raw`\bconsider\s+(?:me|my\s+(?:application|resume|cv|candidacy))\b|\bkeep\s+me\s+in\s+mind\b|\bkeep\s+my\s+(?:resume|cv)\b`) },
  // "can you pass my resume to the hiring manager"; sending it *to you* for feedback is fine
  { re: re(String.raw`\b(?:pass|passing|forward|forwarding|circulate|circulating|submit|submitting)\s+(?:(?:along|on)\s+)?my\s+(?:resume|cv|application)\b`) },
  {
    re: re(String.raw`\b(?:send|sending|give|giving|hand|handing|share|sharing|get|getting|put|putting)\s+(?:(?:along|on|over)\s+)?my\s+(?:resume|cv|application)\s+(?:(?:along|on|over)\s+)?(?:to|with|in front of|into the hands of)\s+(?!you\b|yourself\b)`),
  },
  { re: re(String.raw`\bmy\s+(?:resume|cv|application)\s+(?:[\w-]+\s+){0,3}?${HR}\b`), unlessBefore: WH },
  { re: re(String.raw`\b(?:introduce|introducing|connect|connecting|put)\s+me\s+(?:in\s+touch\s+)?(?:to|with)\s+(?:(?:the|your|a|an|any)\s+)?(?:[\w-]+\s+)?${HR}\b`) },
  // "is there a job for me?", "is there room for me on your team?"
  { re: re(String.raw`\b(?:an?|any|some)\s+(?:[\w-]+\s+)?(?:${ANY_POST}|place|room|work)\s+for\s+me\b`) },
  { re: re(String.raw`\b(?:room|place|spot)\s+for\s+me\s+(?:on|at|in|with)\s+your\b`) },
  // "would you hire me?"
  { re: re(String.raw`\b(?:hire|employ|recruit|take on|bring on|bring in|onboard)\s+(?:me|someone like me)\b`) },
  // "I'd love a job at your company", "hoping to land a position at your firm"
  {
    re: re(String.raw`\b(?:would (?:love|like)|want|wanting|hoping|hope|looking|seeking|searching|interested|eager|keen|get|land|secure)\b(?:\s+(?!what\b|how\b|why\b|which\b|about\b|learn\w*|understand\w*|know\w*|hear\w*|more\b)[\w-]+){0,3}?\s+(?:an?|any|the|some)\s+(?:[\w-]+\s+)?${ANY_POST}\s+(?:on|at|in|with|within)\s+(?:your|the)\s+(?:own\s+)?${ORG}\b`),
    unlessBefore: WH,
  },
  // "I would love to join your team", "interested in working for you"
  {
    re: re(String.raw`\b(?:would (?:love|like|enjoy)|want|wanting|hoping|hope|eager|keen|excited|interested|dream)\s+(?:(?:to|in|of)\s+)?(?:join|joining|be part of|being part of|become part of|work|working)\s+(?:(?:for|at|with|on|in)\s+)?(?:you\b|your\s+(?:own\s+)?${ORG}\b|the\s+${ORG}\b)`),
  },
  // "I'm writing to ask you for a job", "could you help me get a job"
  { re: re(String.raw`\b(?:ask|asking|request|requesting|beg|begging)\s+(?:you\s+)?for\s+(?:an?|any|the)\s+(?:[\w-]+\s+)?(?:${ANY_POST}|referrals?)\b`) },
  { re: re(String.raw`\bhelp\s+me\s+(?:to\s+)?(?:get|land|find|secure|obtain)\s+(?:an?|any|the)\s+(?:[\w-]+\s+)?(?:jobs?|positions?|roles?|internships?)\b`) },
  // "is there a job opening?", "any job?"
  { re: re(String.raw`\b(?:is there|are there|any)\s+(?:an?\s+)?jobs?\s*(?:\?|$)`) },
];

/** True when the text asks the contact for a job, an opening, or a referral for a role. */
export function isJobRequest(text: string): boolean {
  return findStandingPhrase(text, JOB_ASKS) !== null;
}

/** The phrase that made `isJobRequest` fire, for tests and debugging. */
export function jobRequestPhrase(text: string): string | null {
  return findStandingPhrase(text, JOB_ASKS);
}
