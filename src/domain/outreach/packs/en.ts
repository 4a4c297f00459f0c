import { re } from '../phrases.js';
import type { LanguagePack } from './pack.js';

/**
 * English. The judgement calls, each pinned by test/domain/outreach-*.cases.ts
 * and measured on the corpus:
 * - "Is your company hiring?" asks; "is the industry hiring?" and "how is
 *   your company hiring these days?" are curiosity.
 * - "Could you refer me to someone else?" is the referral the guidance
 *   recommends ("ask them if they know anyone else"); "refer me for the
 *   role" is a job ask.
 * - Sending a CV *to them* for feedback is not an ask; passing it on is.
 * - Scheduling words are not vacancies: "any openings in your schedule",
 *   "a spot next week", "no worries if something comes up".
 * - A negation reaches the end of its clause only ("I'm not asking for a
 *   job, but are there openings?" asks), and a hedge is not a negation
 *   ("I don't suppose there are any openings?" asks).
 * Clear asks refuse; hedged ones ("is your team growing?", "in case you hear
 * of anything") only coach, since a wrong refusal costs a good student more
 * than a missed hint.
 */

const ORG = String.raw`(?:team|company|firm|organi[sz]ation|org|department|dept|group|office|agency|lab|startup|practice|division|unit|business|studio|school|hospital|newsroom|bank|shop|clinic|ward|bureau|chambers|charity|ngo|nonprofit|non-profit|council|ministry|branch|site|plant|store|restaurant|kitchen|school|district|paper|magazine|publication|museum|gallery|theatre|theater|hotel|company's|place)`;
const VACANCY = String.raw`(?:openings?|vacanc(?:y|ies)|internships?|intern\s+(?:positions?|roles?|spots?)|placements?|open\s+(?:roles?|positions?|reqs?|spots?)|job\s+openings?|graduate\s+(?:schemes?|programmes?|programs?|roles?)|traineeships?|apprenticeships?|co-?ops?|externships?)`;
const POST = String.raw`(?:jobs?|positions?|roles?|opportunit(?:y|ies)|posts?|placements?|vacanc(?:y|ies)|gigs?|contracts?|headcount|reqs?|shifts)`;
const ANY_POST = String.raw`(?:${VACANCY}|${POST})`;
const HR = String.raw`(?:hiring\s+(?:manager|team|lead|committee|partner)s?|recruit\w*|hr|human\s+resources|talent(?:\s+(?:team|acquisition|partner)s?)?|people\s+team|whoever\s+(?:does|handles|is\s+in\s+charge\s+of|looks\s+after|runs|manages)\s+(?:the\s+)?(?:hiring|recruit\w*)|the\s+(?:right|relevant)\s+(?:people|person))`;
const WH = /\b(?:how|what|why|where|when|which|who)\b/;
const ABOUT_THEIR_PAST = /\b(?:did you|were there|was there|had you|have you (?:ever|done|had|held|taken|worked))\b/;
const HIRING_TOPIC = String.raw`(?!\s+(?:process|processes|manager|managers|timeline|cycle|season|practices|freeze|market|landscape|trends?|criteria|decisions?|committee|pipeline|bar|like|look|looks|works?|done|handled|going|side)\b)`;
const NOT_A_SUBJECT = String.raw`(?![\w-]+s\s)(?!(?:the|a|an|this|that|there|it|not|no|never|hiring|people|companies|firms|employers|your\s+(?:field|industry|sector|profession|area|market|space|region|city|country))\b)`;
// "openings in your schedule", "a spot next week": the calendar, not a vacancy.
const SCHEDULING_AFTER = /^\s*(?:(?:in|on)\s+(?:your|the|my)\s+(?:schedule|calendar|diary|agenda|week|day)|(?:for|to)\s+(?:a|an|some)?\s*(?:quick\s+|short\s+|brief\s+|\d+[-\s]?min\w*\s+)?(?:call|chat|coffee|conversation|meeting|talk|zoom)|(?:next|this)\s+(?:week|month)|(?:on|this|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:to|for)\s+(?:talk|chat|meet|speak))/;
// Events and things one may join without a job: a seminar, a talk, a tour.
const NOT_A_JOB_AFTER = /^(?:'s|s')|^\s+(?:for|at|on|in)\s+(?:a|an|the|your|one)?\s*(?:\w+\s+)?(?:seminars?|talks?|events?|webinars?|meetings?|calls?|sessions?|lunch|coffee|tours?|open\s+days?|open\s+house|workshops?|meetups?|reading\s+group|journal\s+club|hackathon|conference|panel|volunteer\w*)\b/;

export const EN: LanguagePack = {
  clauses: {
    breaks: re(
      [
        String.raw`\s(?:but|however|although|though|yet|except that|that said|anyway)\b`,
        String.raw`,\s*(?:so|then|and|or)\b`,
        String.raw`\s(?:and|so)\s+(?=(?:i|we|you|would|could|will|am|can|also|is|are|do|does|please|if)\b)`,
        String.raw`(?:,|\s-+)\s*(?=(?:are|is|do|does|did|could|can|would|will|may|might|any|please|have|if)\b)`,
      ].join('|'),
    ),
    negation: /\b(?:not|never|no longer|without|nor|neither|rather than|instead of|no)\b/,
    asks: /\?|\b(?:could|would|can|will|do|did|are|is)\s+you\b|\bplease\b|\b(?:i\s+would|i'd|i\s+am|i\s+was)\s+(?:really\s+|so\s+)?(?:love|like|be\s+grateful|appreciate|keen|hoping|wondering|writing\s+to\s+ask)\b|\b(?:if|whether|wonder\w*|hoping|hope|any\s+chance|let\s+me\s+know|keep\s+me|consider|want|wanted|help\s+me|ask\w*|request\w*|looking\s+for)\b/,
    hedges: /\b(?:without\s+(?:any\s+)?(?:expectations?|pressure|obligation)|no\s+(?:stress|pressure|obligation|expectations?)|(?:do|does)\s+not\s+(?:want|mean)\s+to\s+(?:presume|impose|be\s+(?:pushy|presumptuous|rude))|if\s+it\s+is\s+not\s+a\s+bother|not\s+(?:sure|certain|aware)|(?:do|does)\s+not\s+(?:know|suppose|imagine|think|expect)|not\s+know|no\s+idea|no\s+pressure|no\s+worries|not\s+to\s+be\s+(?:presumptuous|pushy|forward)|(?:do|does|did|are|is|was|were|would|could|can|will|have|has|should|might)\s+not\s+(?:you|there|they|we|it|he|she|your|anyone|anybody|someone))\b/g,
    rewrites: [
      [/\bcan't\b/g, 'can not'],
      [/\bcannot\b/g, 'can not'],
      [/\bwon't\b/g, 'will not'],
      [/\bshan't\b/g, 'shall not'],
      [/n't\b/g, ' not'],
      [/\bi'm\b/g, 'i am'],
      [/\bim\b/g, 'i am'],
      [/'re\b/g, ' are'],
      [/'ve\b/g, ' have'],
      [/'ll\b/g, ' will'],
      [/'d\b/g, ' would'],
      [/\b(it|that|there|here|what|who|how|where|he|she|this)'s\b/g, '$1 is'],
      // Text-speak: "r u hiring rn?", "any openings 4 me"
      [/\br\s+u\b/g, 'are you'],
      [/\bu\b/g, 'you'],
      [/\bur\b/g, 'your'],
      [/\brn\b/g, 'right now'],
      [/\bpls\b|\bplz\b/g, 'please'],
      [/\b4\s+me\b/g, 'for me'],
      [/\bcv's\b/g, 'cv'],
      [/\bresumes?\b|\bresum\b/g, 'resume'],
    ],
  },

  jobClear: [
    // Asks for the things that come with a role: a reference for it, a nudge on an application, a place for an apprentice.
    { re: re(String.raw`\b(?:be\s+(?:a|my)\s+)?references?\s+for\s+(?:the|a|this|my)\s+(?:[\w-]+\s+){0,3}?${ANY_POST}|\b(?:following\s+up\s+on|chasing)\s+my\s+(?:job\s+)?application\b`) },
    { re: re(String.raw`\b(?:if|whether)\s+(?:you|your\s+[\w-]+)\s+(?:are|is)\s+(?:\w+\s+)?(?:taking\s+on|taking\s+in|putting\s+on)\s+(?:any\s+)?(?:[\w-]+\s+)?(?:apprentices|trainees|interns|grads|graduates|juniors)\b|\b(?:do|does)\s+(?:you|your\s+[\w-]+)\s+need\s+(?:anyone|someone|somebody)\s+for\s+(?:a|the|any)\s+(?:[\w-]+\s+)?(?:placement|job|role|internship|position|shift|contract)\b`) },
    // "any openings on your team?", "do you have any internships", "if there is an opening"
    {
      re: re(String.raw`\b(?:any|are there|is there|do you have|have you got|if there (?:is|are|were|might be|would be)|whether there (?:is|are|might be)|know of)\s+(?:(?:any|an?|some)\s+)?(?:[\w-]+\s+){0,2}?${VACANCY}\b`),
      unlessBefore: ABOUT_THEIR_PAST,
      unlessAfter: SCHEDULING_AFTER,
    },
    { re: re(String.raw`\b${VACANCY}\s+(?:on|at|in|with|within)\s+(?:your|the)\s+(?:own\s+)?${ORG}\b`), unlessBefore: WH },
    {
      re: re(String.raw`\b(?:any|are there|is there|do you have|have you got)\s+(?:(?:any|an?)\s+)?(?:(?:open|available|vacant|current|upcoming|entry[\s-]level|junior|graduate|summer)\s+)${POST}\b`),
      unlessBefore: ABOUT_THEIR_PAST,
      unlessAfter: SCHEDULING_AFTER,
    },
    {
      re: re(String.raw`\b(?:are there|is there|do you have|have you got|any)\s+(?:(?:any|an?)\s+)?(?:[\w-]+\s+){0,2}?${POST}\s+(?:available|open|going|for me|for someone like me|for (?:a\s+)?(?:new\s+)?grads?|(?:on|at|in|with|within) (?:your|the) ${ORG}|right now|at the moment|currently|coming up|i could apply)\b`),
      unlessBefore: ABOUT_THEIR_PAST,
    },
    { re: re(String.raw`\b(?:if|when|whenever|once|should)\s+(?:anything|something|an?\s+(?:[\w-]+\s+)?(?:${ANY_POST}|spot|place|seat)|any\s+(?:[\w-]+\s+)?${ANY_POST})\s+(?:opens?|open|frees?)\s+up\b`), negationProof: true },
    { re: re(String.raw`\bany\s+(?:chance|possibility|hope|likelihood|prospect)\s+(?:of|for|at)\s+(?:(?:an?|any|a\s+few|some)\s+)?(?:[\w-]+\s+)?(?:${ANY_POST}|start|shifts|gigs?)\b`) },
    // "are you hiring?", "is your company hiring right now?", "are you guys recruiting"
    {
      re: re(String.raw`\b(?:are|is)\s+${NOT_A_SUBJECT}(?:you|you guys|y'?all|your\s+[\w-]+|they|(?:anyone|anybody|someone|somebody)(?:\s+(?:on|at|in)\s+your\s+${ORG})?|[\w&.-]+)\s+(?:(?:currently|still|actively|now|also|even|by any chance)\s+)?(?:hiring|recruiting|taking on|looking for)\b${HIRING_TOPIC}`),
      unlessBefore: WH,
      unlessAfter: /^\s+(?:in|on)\s+(?:general|the industry|your field)|^\s+(?:advice|feedback|input)/,
    },
    {
      re: re(String.raw`\b(?:if|whether)\s+(?:the\s+(?:[\w-]+\s+)?${ORG}|${NOT_A_SUBJECT}[\w&.'-]+(?:\s+[\w&.'-]+)?)\s+(?:is|are|might be|will be|would be)\s+(?:(?:currently|still|actively|now)\s+)?(?:hiring|recruiting)\b${HIRING_TOPIC}`),
      negationProof: true,
    },
    // "could you refer me for the role" — but not "refer me to someone else"
    { re: re(String.raw`\b(?:refer|referring|refers)\s+me\b(?!\s+(?:to|on|onwards|as)\b)`) },
    { re: re(String.raw`\b(?:are|is)\s+(?:you|your\s+[\w-]+)\s+(?:\w+\s+)?(?:taking\s+on|taking\s+in|putting\s+on)\s+(?:any\s+)?(?:[\w-]+\s+)?(?:apprentices|trainees|interns|grads|graduates|juniors|new\s+staff)\b`), unlessBefore: WH },
    { re: re(String.raw`\b(?:take|taking|took)\s+me\s+on\b(?!\s+as\s+(?:a|an|your)\s+(?:mentee|protegee?|student))|\binterview\s+me\s+for\b|\bget\s+me\s+(?:in\b|an\s+interview|a\s+job|a\s+foot)|\b(?:have|has|got)\s+(?:something|anything)\s+for\s+me\b`) },
    { re: re(String.raw`\b(?:look\s+at|consider|review|support|back|champion|flag|fast-track)\s+my\s+(?:job\s+)?application\b`), unlessBefore: WH },
    { re: re(String.raw`\b(?:refer|recommend)\s+me\s+(?:for|to)\s+(?:(?:the|your|a|an|any|this|that)\s+)?(?:[\w-]+\s+){0,2}?(?:${HR}|${ANY_POST})\b`) },
    { re: re(String.raw`\brecommend\s+me\s+(?:for|as)\s+(?:(?:the|a|an|this|that|any)\s+)?(?:[\w-]+\s+){0,2}?${ANY_POST}\b`) },
    { re: re(String.raw`\brefer\s+my\s+(?:resume|cv|application|profile|name)\b`) },
    {
      re: re(String.raw`\b(?:an?)\s+(?:internal\s+|employee\s+|job\s+|formal\s+|strong\s+)?referral\b(?!\s+(?:to|program|programme|bonus|process|system|network|from)\b)`),
      unlessBefore: /\b(?:how|what|why|where|when|which|who|thanks|thank you|thank)\b/,
    },
    // "put in a good word for me", "put my name forward"
    { re: re(String.raw`\bput(?:ting)?\s+in\s+a\s+(?:good\s+|kind\s+)?word\b|\ba\s+good\s+word\s+for\s+me\b|\bvouch\s+for\s+me\b|\bput\s+(?:my\s+name|me)\s+(?:forward|in)\b`) },
    // "I'd love to be considered for a position", "please consider me"
    { re: re(String.raw`\b(?:considered|consideration)\s+for\s+(?:(?:a|an|the|any|this|that|your|future|open|upcoming)\s+)*(?:[\w-]+\s+){0,3}?${ANY_POST}\b`) },
    { re: re(String.raw`\bconsider\s+(?:me|my\s+(?:application|resume|cv|candidacy|profile))\b|\bkeep\s+me\s+in\s+mind\s+for\s+(?:(?:any|future|the|a|an|upcoming)\s+)*(?:[\w-]+\s+)?${ANY_POST}|\bkeep\s+my\s+(?:resume|cv|details|profile)\s+on\s+file\b`) },
    // "can you pass my resume to the hiring manager"; sending it *to you* for feedback is fine
    { re: re(String.raw`\b(?:pass|passing|forward|forwarding|circulate|circulating|submit|submitting|send|sending)\s+(?:(?:along|on)\s+)?(?:my\s+(?:resume|cv|application|profile|portfolio)|it|this|them)\s+(?:(?:along|on)\s+)?(?:to|with)\s+(?:(?:the|your|a|an|any)\s+)?(?:[\w-]+\s+)?${HR}\b`) },
    { re: re(String.raw`\b(?:pass|passing|forward|forwarding|circulate|circulating|submit|submitting)\s+(?:(?:along|on)\s+)?my\s+(?:resume|cv|application)\b(?!\s+(?:back|to\s+me)\b)`) },
    {
      re: re(String.raw`\b(?:send|sending|give|giving|hand|handing|share|sharing|get|getting|put|putting)\s+(?:(?:along|on|over)\s+)?my\s+(?:resume|cv|application)\s+(?:(?:along|on|over)\s+)?(?:to|with|in front of|into the hands of)\s+(?!you\b|yourself\b|me\b)`),
    },
    { re: re(String.raw`\bmy\s+(?:resume|cv|application)\s+(?:[\w-]+\s+){0,3}?${HR}\b`), unlessBefore: WH },
    { re: re(String.raw`\b(?:introduce|introducing|connect|connecting|put)\s+me\s+(?:in\s+touch\s+)?(?:to|with)\s+(?:(?:the|your|a|an|any)\s+)?(?:[\w-]+\s+)?${HR}`) },
    // "is there a job for me?", "is there room for me on your team?"
    { re: re(String.raw`\b(?:an?|any|some)\s+(?:[\w-]+\s+)?(?:${ANY_POST}|place|room|work)\s+for\s+me\b`) },
    { re: re(String.raw`\b(?:room|place|spot|space)\s+for\s+(?:me|someone like me)\s+(?:on|at|in|with)\s+your\b`) },
    // "would you hire me?"
    { re: re(String.raw`\b(?:hire|employ|recruit|take on|bring on|bring in|onboard)\s+(?:me|someone like me)\b`) },
    // "I'd love a job at your company", "hoping to land a position at your firm"
    {
      re: re(String.raw`\b(?:would (?:love|like)|want|wanting|hoping|hope|looking|seeking|searching|interested|eager|keen|get|land|secure|apply)\b(?:\s+(?!what\b|how\b|why\b|which\b|about\b|learn\w*|understand\w*|know\w*|hear\w*|more\b)[\w-]+){0,3}?\s+(?:an?|any|the|some)\s+(?:[\w-]+\s+)?${ANY_POST}\s+(?:on|at|in|with|within)\s+(?:your|the)\s+(?:own\s+)?(?:[\w-]+\s+)?${ORG}\b`),
      unlessBefore: WH,
    },
    // "I would love to join your team", "interested in working for you"
    {
      re: re(String.raw`\b(?:would (?:love|like|enjoy)|want|wanting|hoping|hope|eager|keen|excited|interested|dream)\s+(?:(?:to|in|of)\s+)?(?:join|joining|be part of|being part of|become part of|work|working)\s+(?:(?:for|at|with|on|in)\s+)?(?:you\b(?!\s+(?:on|to)\b)|your\s+(?:own\s+)?${ORG}\b|the\s+${ORG}\b)`),
      unlessAfter: NOT_A_JOB_AFTER,
    },
    // "I'm writing to ask you for a job", "could you help me get a job"
    { re: re(String.raw`\b(?:ask|asking|request|requesting|beg|begging)\s+(?:you\s+)?for\s+(?:an?|any|the)\s+(?:[\w-]+\s+)?(?:${ANY_POST}|referrals?)\b(?!\s+to\s+(?:anyone|someone|somebody|others?|people|colleagues?|a colleague|more)\b)`) },
    { re: re(String.raw`\bhelp\s+me\s+(?:to\s+)?(?:get|land|find|secure|obtain)\s+(?:an?|any|the)\s+(?:[\w-]+\s+)?(?:jobs?|positions?|roles?|internships?|placements?)\s+(?:at|with|on)\s+(?!a\b|an\b)\S+`) },
    { re: re(String.raw`\b(?:is there|are there|any)\s+(?:an?\s+)?(?:jobs?|positions?|roles?)\s*(?:\?|$|going\b)`) },
    { re: re(String.raw`\b(?:any|are there|is there)\s+(?:(?:any|an?)\s+)?(?:[\w-]+\s+)?(?:jobs?|positions?|roles?|vacanc(?:y|ies))\s*(?:\?|!|$)`), unlessBefore: WH },
    // "could you pass it along to HR", "send it to your recruiter"
    { re: re(String.raw`\b(?:pass|forward|send|share)\s+(?:it|this|them|my\s+details|my\s+name)\s+(?:along\s+|on\s+)?to\s+(?:(?:the|your|a)\s+)?${HR}\b`) },
  ],

  jobPossible: [
    // A job word in a sentence that asks or wishes: "any room for trainees?", "happy to do shifts".
    {
      re: re(String.raw`\b(?:jobs?|positions?|openings?|vacanc(?:y|ies)|internships?|interns|placements?|apprenticeships?|apprentices|traineeships?|trainees|grad(?:uate)?\s+(?:schemes?|programmes?|programs?|intake|jobs?)|hiring|recruiting|shifts|freelance\s+(?:work|projects?|gigs?)|freelancers?|contract\s+work|headcount|work\s+experience|phd\s+(?:places?|positions?|students?|studentships?)|studentships?|postdocs?|research\s+assistant\w*|a\s+start|locum\w*|bank\s+(?:shifts|work|staff)|return(?:er|ship)s?(?:\s+(?:programmes?|programs?|schemes?))?|a\s+place\s+on\s+the\s+team)\b`),
      inAsk: /\?|\b(?:if|whether|(?:would|'d)\s+(?:really\s+|so\s+|just\s+|also\s+)?(?:love|like|appreciate|welcome)|would be (?:keen|grateful|happy|glad|thrilled)|keen|interested|please|any chance|let me know|could you|would you|can you|happy to|open to|available for|hoping|hope to|love to|jump at)\b/,
      unlessBefore: /\b(?:how|what|why|when|where|which|who|whom|whose|did|was|were|had|after|during|since|while|generally|usually|typically|about)\b|\b(?:your|his|her|their|my|our|a|an|first|previous|former|last|current|old|new|dream|day|full-time|part-time|shop|store|gallery|exhibition|restaurant|grand|official|soft|launch|senior|the\s+number\s+of|industry|sector|field|market|profession|economy|companies|firms|employers|on|about|through|via|into|final\s+round\s+for\s+the)\s+(?:[\w-]+\s+)?$/,
      unlessAfter: new RegExp(String.raw`${SCHEDULING_AFTER.source}|^[\s-]*(?:(?:you|that\s+you)\s+(?:did|had|completed|got|were\s+on)|search\w*|hunt\w*|market|boards?|titles?|fairs?|interviews?|process\w*|advice|tips|descriptions?|satisfaction|security|of\s+(?:the|your|a|an|my)\b|night|keynote|in\s+(?:your|my|the)\s+(?:schedule|calendar|diary|agenda)|years?|season|trends?|landscape|practices|decisions?|criteria|side|cycle|pathways?|letters?|module|experience|panel|schemes?\s+(?:work|are))\b`),
    },
    // "Is your team growing this year?", "are you expanding the team?"
    { re: re(String.raw`\b(?:is|are)\s+(?:(?:your|the)\s+(?:[\w-]+\s+){0,2}?${ORG}|you|you guys|they)\s+(?:\w+\s+)?(?:(?:planning\s+(?:on|to)|likely\s+to|going\s+to|still)\s+)?(?:growing|expanding|grow|expand|scaling|building out|adding|staffing up|bringing on|taking on|looking to (?:grow|hire|add))\b`), unlessBefore: /\b(?:how|why|what)\b/ },
    { re: re(String.raw`\b(?:grow|growing|expand|expanding)\s+(?:the|your)\s+${ORG}\b`), unlessBefore: /\b(?:how|why|what)\b/ },
    // "in case you hear of anything", "if you come across any roles"
    { re: re(String.raw`\b(?:if|in case|should|whenever)\s+(?:you\s+)?(?:hear|know|come across|learn|see|spot)\s+(?:of\s+|about\s+)?(?:anything|something|any\s+(?:[\w-]+\s+){0,3}?(?:${ANY_POST}|thing)s?)\b`), negationProof: true },
    { re: re(String.raw`\b(?:let me know|keep me posted|keep me in the loop|think of me|reach out)\s+(?:if|when|should|whenever)\s+(?:anything|something|a\s+(?:[\w-]+\s+)?${ANY_POST}|any\s+(?:[\w-]+\s+)?${ANY_POST})\s+(?:comes?|pops?|turns?|shows?)\s+up\b`), negationProof: true },
    { re: re(String.raw`\b(?:anything|something)\s+(?:suitable|relevant|fitting|that (?:might|would|could) (?:suit|fit|work for) me)\b`) },
    // "if you think I'd be a fit", "I think I'd be a great fit for your team"
    { re: re(String.raw`\b(?:i would|i might|i could|i am|i will|i'd)\s+be\s+(?:a\s+)?(?:good|great|strong|perfect|natural|real)?\s*(?:fit|match|asset|addition)\s+(?:for|to|on|at)\s+(?:your|the)\b`) },
    { re: re(String.raw`\b(?:a\s+)?(?:good|great|strong|perfect|natural)\s+fit\s+(?:for|on|at)\s+(?:your|the)\s+(?:[\w-]+\s+)?${ORG}\b`) },
    // "I've attached my CV", "my resume is attached", "sending my CV along"
    { re: re(String.raw`\b(?:attached|attaching|attach|enclosed|enclosing|including|sending|sent|send)\s+(?:you\s+)?(?:is\s+|are\s+|please\s+find\s+)?(?:my\s+)?(?:resume|cv|portfolio|application)\b`), unlessAfter: /^\s*(?:-+\s*)?(?:for\s+(?:your\s+)?(?:feedback|review|comments|thoughts|a\s+critique|advice|you to look at)|not\s+because|so\s+you\s+(?:can|could)\s+(?:see|give|tell|review))\b/ },
    { re: re(String.raw`\bmy\s+(?:resume|cv)\s+(?:is\s+)?(?:attached|enclosed|below)\b`), unlessAfter: /^\s+(?:for\s+(?:your\s+)?(?:feedback|review|comments|thoughts))\b/ },
    { re: re(String.raw`\b(?:recruiting|hiring)\s+for\b`), unlessBefore: WH },
    { re: re(String.raw`\bjump\s+at\s+the\s+chance\s+to\s+(?:work|join)\b|\b(?:be|being)\s+(?:a\s+)?part\s+of\s+(?:it|that|the\s+team|your\s+team)\b|\ba\s+crack\s+at\s+it\b|\bwith\s+a\s+view\s+to\s+(?:applying|joining)\b|\bkeeping\s+me\s+in\s+mind\b|\b(?:open\s+to|accepting|taking)\s+applications\b|\bleads?\s+(?:on|for)\s+(?:any\s+)?(?:[\w-]+\s+){0,3}?${ANY_POST}`) },
    { re: re(String.raw`\bif\s+(?:you|your\s+[\w-]+)\s+(?:are|is|were|'re)\s+(?:ever\s+)?(?:looking\s+for|after)\s+(?:people|someone|anyone|staff|help|juniors|grads|freelancers)\b|\b(?:does|do|will|would)\s+(?:your|the|you)\s+(?:[\w-]+\s+)?need\s+(?:any\s+)?(?:help|hands|people|staff)\b`) },
    { re: re(String.raw`\b(?:${ANY_POST}|contract|spot|place)\s+(?:ever\s+|should\s+ever\s+)?(?:arises?|comes?\s+up|opens?(?:\s+up)?|becomes?\s+available|frees?\s+up)\b`), inAsk: /\b(?:if|should|when|whenever|once|in\s+case)\b/, negationProof: true },
    { re: re(String.raw`\breferences?\s+(?:\S+\s+){0,3}?(?:for|to)\s+(?:the|a|this|my)\s+(?:[\w-]+\s+){0,3}?${ANY_POST}|\bmy\s+application\b`), inAsk: /\?|\b(?:let\s+me\s+know|could\s+you|would\s+you|kindly|any\s+update|please)\b/ },
    { re: re(String.raw`\b(?:need|needs|needed)\s+(?:anyone|anybody|someone|somebody|an?\s+extra\s+\w+|more\s+(?:people|hands)|an?\s+(?:extra\s+)?(?:freelancer|hand|shooter|pair\s+of\s+hands))\b`), unlessBefore: /\b(?:how|what|why|who|does\s+everyone|everyone)\b/ },
    { re: re(String.raw`\b(?:hear|know|learn)\s+of\s+any\s+(?:firms?|companies|teams?|labs?|organi[sz]ations?|practices?|studios?|places?)\s+(?:that\s+(?:are|is)\s+)?(?:looking|hiring|recruiting)\b`), negationProof: true },
    { re: re(String.raw`\b(?:takes?|taking|accepts?|accepting)\s+(?:on\s+)?(?:any\s+)?(?:[\w-]+\s+)?(?:grads|graduates|students|interns|trainees|apprentices|placements?|physios|nurses|juniors)\b`), unlessBefore: /\b(?:how|what|why|who|about)\b/, unlessAfter: /^\s+(?:about|on|regarding)\b/ },
    { re: re(String.raw`\b(?:placement|internship|attachment|apprenticeship|residency)\s+(?:with|at)\s+(?:you|your)\b|\banything\s+(?:coming\s+up|going)\b|\bthat\s+i\s+(?:might|could|would)\s+(?:fit|suit)\b|\bkept\s+in\s+(?:mind|view)\b|\bkeep\s+me\s+in\s+view\b|\bbe\s+thought\s+of\b`) },
    { re: re(String.raw`\b(?:keep|keeps|kept)\s+growing\b|\bshort\s+(?:of\s+)?(?:an?\s+)?(?:[\w-]+\s+)?(?:shooter|hand|hands|person|staff|freelancer|designer|developer|writer|nurse)\b|\b(?:following\s+up\s+on|chasing|status\s+of|update\s+on)\s+my\s+(?:job\s+)?application\b`) },
    { re: re(String.raw`\bhelp\s+me\s+(?:to\s+)?(?:get|land|find|secure|obtain)\s+(?:an?|any|the|some)\s+(?:[\w-]+\s+)?(?:jobs?|positions?|roles?|internships?|placements?|work)\b`) },
    // "are you planning to hire anyone junior?", "does your office hire students", "taking on apprentices"
    {
      re: re(String.raw`\b(?:hire|hires|hiring|recruit|recruits|recruiting|take on|takes on|taking on|taking in|bring on|bringing on|put(?:ting)? on)\s+(?:any(?:one|body)?\s+|some(?:one|body)?\s+|more\s+|new\s+|an?\s+)?(?:[\w-]+\s+)?(?:juniors?|grads?|graduates?|students?|interns?|trainees?|apprentices?|freelancers?|contractors?|staff|people|anyone|anybody|someone|help|new starters|career changers|analysts?|engineers?|developers?|designers?|nurses?|assistants?)\b`),
      unlessBefore: /\b(?:how|what|why|about|post|article|talk|advice|experience|tips|sector|industry|field|market|companies|firms|employers|consultanc\w*)\b|\b(?:we|i)\s+(?:are|am|have\s+been|were)\b/,
    },
    { re: re(String.raw`\btaking\s+(?:anyone|anybody|people|someone|somebody|new people)\s+on\b`), negationProof: true },
    { re: re(String.raw`\b(?:room|space|a place|a spot|a seat)\s+(?:(?:in|on|at|within)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?)?for\s+(?:someone|somebody|a person|people)\s+like\s+me\b|\broom\s+(?:in|on)\s+your\s+(?:[\w-]+\s+){0,2}?for\s+me\b`) },
    { re: re(String.raw`\b(?:a|any)\s+way\s+for\s+me\s+to\s+(?:contribute|join|help|get involved|work)\b|\bon\s+your\s+radar\b|\bin\s+any\s+capacity\b|\bbe\s+considered\b`), unlessBefore: WH },
    { re: re(String.raw`\bif\s+(?:you|your\s+[\w-]+)\s+(?:ever\s+)?(?:needs?|want|wants|are looking for|is looking for)\s+(?:an?\s+)?(?:extra\s+|spare\s+|another\s+)?(?:[\w-]+\s+)?(?:freelancers?|pair of hands|hands|help|contractors?|interns?|support|someone|person|designer|developer|writer|assistant)\b`) },
    { re: re(String.raw`\bopportunit(?:y|ies)\s+(?:that\s+)?(?:you|that)\s+(?:might|may|could)?\s*(?:know|hear|come across|see)\b|\bunless\s+you\s+(?:have|know of|need)\s+(?:one|any|something)\b`), negationProof: true },
    { re: re(String.raw`\b(?:build|building|grow|growing|expand|expanding)\s+out\s+(?:the|your)\s+(?:[\w-]+\s+)?${ORG}\b`), unlessBefore: /\b(?:how|why|what)\b/ },
    { re: re(String.raw`\bfunding\s+for\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:assistants?|positions?|posts?|roles?|students?|phd|interns?|postdocs?|researchers?)\b`) },
    { re: re(String.raw`\b(?:interns?|roles?|positions?|posts?|vacanc\w+|places?|spots?)\s+(?:have|has)?\s*(?:been|already)\s+(?:been\s+)?(?:filled|picked|chosen|selected|decided|allocated)\b`) },
    { re: re(String.raw`\b(?:if|should|when|whenever|once)\s+(?:an?|any)\s+(?:[\w-]+\s+)?(?:${ANY_POST}|spot|place)\s+(?:becomes?|comes?|opens?|frees?)\s+(?:available|free|vacant|open|up)\b`), negationProof: true },
    { re: re(String.raw`\bkeep\s+me\s+in\s+mind\b|\bkeep\s+my\s+(?:resume|cv|details|name)\b`), unlessBefore: /\b(?:cancellation|slot|diary|calendar|schedule|time)\b/ },
    { re: re(String.raw`\bwho\s+(?:handles|does|is in charge of|manages|leads|looks after)\s+(?:the\s+)?(?:hiring|recruiting|recruitment)\b`) },
    { re: re(String.raw`\b(?:work|working)\s+(?:with|for|alongside)\s+you\s+(?:someday|one day|in the future|eventually)\b|\bwork\s+together\s+(?:someday|one day|in the future)\b`) },
    { re: re(String.raw`\b(?:get|getting|foot)\s+(?:my\s+)?(?:a\s+)?foot\s+in\s+the\s+door\b|\bfoot\s+in\s+the\s+door\b`) },
    { re: re(String.raw`\b(?:would you|could you|can you)\s+(?:be\s+(?:willing|able|open)\s+to\s+)?(?:look|take a look|glance)\s+(?:at|over)\s+my\s+(?:resume|cv|application)\s+(?:and|to)\s+(?:see|tell me)\s+(?:if|whether)\s+(?:i|there)\b`) },
  ],

  mentorship: [
    { re: re(String.raw`\b(?:be|become|becoming|being|act as|serve as|have you as|having you as|you as)\s+(?:my|a|an)\s+(?:[\w-]+\s+)?mentor\b`), unlessBefore: /\b(?:do|does|did)\s+(?:you|they|people|most people)\s*$|\b(?:how|what|who|why|when)\b/ },
    { re: re(String.raw`\bmentor(?:ing)?\s+me\b`), unlessBefore: /\b(?:who|how|what|why|when)\b/ },
    { re: re(String.raw`\b(?:mentor(?:ing|ship)?\s+relationship|(?:ongoing|long-term|regular|formal|informal)\s+mentor(?:ing|ship)?|mentee)\b`), unlessBefore: /\b(?:how|what|who|why|when|do you|does your|did you)\b/ },
    { re: re(String.raw`\bmeet(?:ing)?\s+(?:up\s+)?(?:regularly|on a (?:regular|monthly|weekly) basis|periodically|often)\b`), unlessBefore: /\b(?:do|does|did)\s+(?:you|they)\b|\b(?:how|what|who|why|when)\b/ },
    { re: re(String.raw`\b(?:meet|talk|chat|speak|catch up|check in|touch base|connect|call)(?:ing)?\s+(?:up\s+)?(?:with you\s+)?(?:every|each|once an?|twice an?|once every|a few times an?)\s+(?:(?:few|couple of|other|two|three|six)\s+)?(?:week|month|fortnight|quarter|weeks|months)\b`), unlessBefore: /\b(?:do|does|did)\s+(?:you|they)\b|\b(?:how|what|who|why|when)\b/ },
    { re: re(String.raw`\b(?:meet|talk|chat|check in|catch up)(?:ing)?\s+(?:up\s+)?(?:with you\s+)?(?:weekly|monthly|biweekly|fortnightly|quarterly|regularly|on a regular basis)\b`), unlessBefore: /\b(?:do|does|did)\s+(?:you|they)\b|\b(?:how|what|who|why|when)\b/ },
    {
      re: re(String.raw`\b(?:weekly|monthly|bi-?weekly|fortnightly|quarterly|regular|recurring|standing|ongoing)\s+(?:[\w-]+\s+)?(?:calls?|meetings?|chats?|check-?ins?|coffees?|catch-?ups?|sessions?|meetups?|conversations?|thing|guidance|support)\b`),
      unlessBefore: /\b(?:do|does|did)\s+(?:you|they)\b|\b(?:how|what|who|why|when)\b|\b(?:your|our|my|their|his|her|team's)\s*$/,
    },
    {
      re: re(String.raw`\b(?:check(?:ing|ed|s)?[\s-]*ins?|meet(?:ing|s)?|talk(?:ing|s)?|chat(?:ting|s)?|calls?|catch(?:ing)?[\s-]+ups?|speak(?:ing)?|coffees?|keep\s+in\s+touch|touch\s+base)\b(?:\s+\S+){0,5}?\s+(?:once|twice|every|each)\s+(?:an?\s+|(?:few|couple\s+of|other|two|three|six)\s+)?(?:weeks?|months?|fortnight|quarters?)\b`),
      unlessBefore: /\b(?:do|does|did)\s+(?:you|they)\b|\b(?:how|what|who|why|when)\b/,
    },
    { re: re(String.raw`\b(?:once|twice)\s+an?\s+(?:week|month|fortnight|quarter)\s+(?:suit|work|be ok|be okay|be possible)\b|\bperhaps\s+(?:monthly|quarterly|weekly)\b`) },
    { re: re(String.raw`\b(?:make|making|turn)\s+(?:this|it)\s+(?:into\s+)?an?\s+(?:regular|monthly|weekly|recurring|ongoing|standing)\b`) },
    { re: re(String.raw`\b(?:ping|message|text|e-?mail|call|ring|reach\s+out\s+to|reached\s+out|reach\s+out|check\s+in\s+with|contact|touch\s+base\s+with|update)\s+(?:you\s+)?(?:\w+\s+)?(?:now\s+and\s+(?:then|again)|from\s+time\s+to\s+time|every\s+so\s+often|every\s+(?:couple\s+of|few)\s+(?:weeks|months)|periodically|occasionally|regularly)\b`), unlessBefore: /\b(?:how|do\s+you|does)\b/ },
    { re: re(String.raw`\bkeep\s+(?:it|this|these)\s+going\b|\b(?:someone|you)\s+to\s+(?:guide|mentor|advise|coach)\s+me\b|\bguide\s+me\s+through\b(?=.*\b(?:year|months|process|career)\b)|\bkeep\s+learning\s+from\s+you\b|\bsounding\s+board\b`), unlessBefore: /\b(?:how|who|what)\b/ },
    // Recurring contact, however it is put: "check in now and then", "keep in touch periodically", "show you my progress every few months".
    {
      re: re(String.raw`\b(?:now\s+and\s+(?:then|again)|once\s+in\s+a\s+while|every\s+so\s+often|from\s+time\s+to\s+time|periodically|every\s+(?:few|couple\s+of|two|three|six)\s+(?:weeks|months)|in\s+regular\s+touch|regular\s+touch|over\s+the\s+(?:coming|next)\s+(?:year|months|few\s+years|eighteen\s+months|\w+\s+months)|through\s+my\s+first\s+year|as\s+i\s+(?:work\s+towards|navigate|prepare|progress|go))\b`),
      inAsk: /\b(?:would\s+(?:it\s+be|you)|could\s+(?:i|we|you)|can\s+i|may\s+i|if\s+(?:you|that)|i\s+would\s+(?:love|like|be\s+grateful|welcome|appreciate)|would\s+love|grateful|welcome\s+the\s+chance|mind\s+if)\b/,
      unlessBefore: /\b(?:how|what|who|why|do\s+you|does|did\s+you|our|my\s+team)\b/,
    },
    { re: re(String.raw`\bunder\s+your\s+wing\b|\bproteg[e]?e?\b|\b(?:be\s+(?:a|my)|being\s+(?:a|my)|as\s+(?:a|my))\s+sponsor\b|\bsponsor\s+for\s+me\b|\bfollow\s+my\s+(?:progress|journey|development)\b|\badvis(?:e|ing)\s+me\s+(?:as|through|over|while)\b|\bshow\s+you\s+my\s+progress\b|\bkeep\s+you\s+posted\s+and\s+check\w*\s+in\b`), unlessBefore: /\b(?:how|who|what|did\s+you|do\s+you)\b/ },
    { re: re(String.raw`\bkeep\s+meeting\b|\bcontinue\s+(?:meeting|our\s+(?:meetings|conversations)\s+regularly)\b|\btake\s+me\s+under\s+your\s+wing\b|\bguide\s+me\s+(?:over|through)\s+the\s+(?:next|coming)\b`) },
  ],

  notAJob: /\b(?:patients?|clients?|customers?|members?(?:hip)?|volunteers?|participants?|guests?|runners?|players?|beds?|rooms?|flat|house\s*share|hostel|co-?op|work\s+day|sister|brother|friend|daughter|son|child|kids|fundrais\w*|charity|hospice|mentor\w*|tickets?|seats?|tables?|trim|haircut|appointments?|trek|trip|tour|run|10k|marathon|relay|race|walk|crew|choir|altos?|sopranos?|tenors?|club|class|course|workshop|seminar|talk|cfp|panel|podcast|episode|award|nomination|scholarship|residency|study|trial|reading\s+group|open\s+(?:evening|day)|event|dinner|party|five-a-side|football|netball|cricket|hackathon|beach\s+clean|garden|waiting\s+list|mentee|landlord|tenancy|solicitor|dentist|gp|physio|proofread\w*|careers?\s+adviser|feature|article|dissertation|thesis)\b/,
  jobWords: /\b(?:jobs?|roles?|positions?|posts?|vacanc(?:y|ies)|internships?|placements?|apprenticeships?|traineeships?|graduate\s+(?:scheme|programme|program)|hire\s+me|employ\w*|career\s+opportunit\w*|salary|paid|full-time|part-time|contract\s+work|shifts?\s+(?:on|at|in)\s+(?:the|your)\s+(?:ward|site|office|store))\b/,
  research: /\b(?:not\s+for\s+myself|(?:a\s+)?parent\s+question|i\s+am\s+not\s+(?:a\s+candidate|applying)|not\s+a\s+candidate|for\s+my\s+(?:thesis|dissertation|article|feature|research|study|report|podcast)|writing\s+(?:a|an|my)\s+(?:feature|article|dissertation|thesis|piece)|i\s+am\s+(?:a\s+)?(?:journalist|reporter)|the\s+founder\s+of)\b/,

  favour: [
    { re: re(String.raw`\b(?:could|would|can|will)\s+you\s+(?:please\s+|possibly\s+|perhaps\s+|kindly\s+)?(?:be\s+(?:willing|able|open)\s+to\s+)?(?!like\b|believe\b|imagine\b|guess\b)(?:introduce|connect|share|send|review|look|take|help|recommend|refer|forward|pass|put|give|write|sign|read|check|tell|let|meet|spare|find|make|do)\b`) },
    { re: re(String.raw`\b(?:would you mind|i was wondering if you|i wondered if you|any chance you|is there any chance|would it be possible)\b`) },
    { re: re(String.raw`\bplease\s+(?:let me know|introduce|connect|share|send|review|take a look|consider|forward|pass)\b`) },
    { re: re(String.raw`\b(?:i would|i am hoping|i hope|i was hoping)\s+(?:love|like|to ask|you could|you might|you would)\b(?=.*\b(?:introduc|connect|review|feedback|favou?r|reference|letter|help)\w*)`) },
    { re: re(String.raw`\b(?:a\s+(?:small\s+|quick\s+|big\s+)?favou?r|a\s+reference|recommendation\s+letter|letter\s+of\s+recommendation)\b`) },
  ],
};
