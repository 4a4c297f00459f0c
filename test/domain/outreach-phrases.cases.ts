import t from 'tap';
import { readMessage } from '../../src/domain/index.js';

// The project's own judgement calls, pinned phrase by phrase. The corpus
// (test/domain/corpus, npm run eval:outreach) measures the same reader on
// whole messages; these say exactly which way each hard case goes.
const isJobRequest = (text: string) => readMessage(text).jobAsk !== null;
const jobRequestPhrase = (text: string) => readMessage(text).jobAsk?.span.text ?? null;
const isMentorshipAsk = (text: string) => readMessage(text).mentorshipAsk !== null;

// "Don't ask for a job!" — asks must fire, honesty and curiosity must not.
const JOB_ASKS = [
  'Are there any openings on your team?',
  'Any openings on your team?',
  'Openings on your team?',
  'Could you refer me for the role?',
  'Are you hiring?',
  "I'd love to be considered for a position.",
  'Can you pass my resume to the hiring manager?',
  'Is there a job for me?',
  'Could you put in a good word for me for the opening?',
  'Is your company hiring right now?',
  'Do you have any open positions?',
  'I was wondering if there are any vacancies in your department.',
  'Would you be willing to refer me?',
  'Could you forward my CV to HR?',
  'Would you hire me?',
  "I'm hoping to land a position at your firm.",
  'I would love to join your team.',
  'Please consider me for any upcoming roles.',
  'Can you introduce me to the recruiter for your team?',
  "I'm writing to ask you for a job.",
  'Could you help me get a job at Acme?',
  'Are there any internships available this summer?',
  'Keep me in mind if anything opens up.',
  "I'm not sure if your team is hiring, but I'd love to hear back.",
  "I'm not asking for a job, but do you have any openings?",
  "Don't you have any openings for someone like me?",
  'Would you be able to give me a referral for the analyst role?',
  'Do you know whether Acme is hiring?',
  'Could you share my résumé with your recruiting team?',
  'Is there room for me on your team?',
  'Are there any jobs available at your company?',
  "I'd love a job at your company.",
  'Would you put my name forward for the opening?',
  "I don't want to take much of your time — are you hiring?",
  'I know this is a long shot, is there an opening on your team?',
  "I'm interested in working for your company.",
  'Could you recommend me to the hiring manager?',
  'Is anyone on your team hiring?',
  'Let me know if anything opens up on your team.',
  'Would there be any chance of an internship?',
  'If any positions open up, would you let me know?',
  'Do you know of any openings?',
];

const NOT_JOB_ASKS = [
  'I am not asking for a job.',
  "I'm not looking for a job right now.",
  'How did you get your job?',
  'What do you like about your job?',
  "I'm not expecting any openings or a referral.",
  'How did you get hired?',
  // Curiosity about how hiring works in a field is what these conversations are for.
  'What does hiring look like in your field?',
  "I'd love to hear how you got started in product design.",
  'What skills matter most for someone entering your field?',
  'Could you tell me about a typical day in your role?',
  'What is the hiring process like at your company?',
  'Do you know anyone else I should talk to?',
  // "ask them if they know anyone else" — the referral the guidance encourages.
  'Could you refer me to someone else who works in analytics?',
  'Would you recommend me to anyone else I should speak with?',
  'How do people usually hear about openings in this industry?',
  'What do hiring managers look for in a junior analyst?',
  "I'm not here to ask for a job or a referral; I just want to learn.",
  'I know you are not hiring, and that is fine.',
  'What does a role on your team involve?',
  'Did you do any internships before your current job?',
  'What kinds of roles exist in sustainability consulting?',
  'Are there any roles that combine design and data?',
  'I would love to learn what it is like to work at your company.',
  'What is it like to work with your team?',
  "I'm not looking to change jobs right now, just curious about your path.",
  'Your recent article about hiring trends was great.',
  'How did you land your first role after graduation?',
  'What should I put on my resume for roles in this field?',
  'Is the industry hiring right now, in your view?',
  'How is your company hiring these days, remotely or in person?',
  'Would you mind sharing how you got your job?',
  "I don't want a job; I want advice.",
  'Thanks for the referral to Sam last month!',
  'How does a referral usually work in your industry?',
  'Could I send you my resume for feedback?',
  "I'd be happy to share my resume with you if it helps.",
  "I won't ask you for a job, I promise.",
  'Do you like working at your company?',
  'Is your industry hiring much these days?',
  'Could you connect me with someone on your team?',
  'Are there opportunities for advancement in your role?',
  'I would love to work in your field someday.',
  'Do you have any tips on how to find openings?',
];

t.test('isJobRequest fires on asks for a job, an opening or a referral for a role', async (t) => {
  t.ok(JOB_ASKS.length >= 25);
  for (const text of JOB_ASKS) t.ok(isJobRequest(text), `asks: ${text}`);
});

t.test('isJobRequest does not fire on honesty or curiosity', async (t) => {
  t.ok(NOT_JOB_ASKS.length >= 25);
  for (const text of NOT_JOB_ASKS) t.notOk(isJobRequest(text), `does not ask: ${text} (matched ${jobRequestPhrase(text)})`);
});

// Saying you applied is disclosure, not a plain ask: it is never refused. The
// word model may still coach it as a possible hint (an applicant writing to
// someone at the company), which is a fair reading.
t.test('an application disclosed is never refused', async (t) => {
  t.not(readMessage('I am applying for the analyst role at your company and wanted to learn more.').jobAsk?.tier, 'clear');
});

t.test('negation reaches only the end of its own clause', async (t) => {
  t.notOk(isJobRequest('I am not asking you for a job or for a referral.'));
  t.ok(isJobRequest('I am not asking for a job. Are you hiring?'));
  t.ok(isJobRequest("I'm not asking for a job; however, could you refer me for the opening?"));
});

const MENTORSHIP_ASKS = [
  'Would you be my mentor?',
  "I'd love for you to mentor me.",
  'Could we meet regularly?',
  "I'd love to meet every month.",
  'Would you be open to monthly calls?',
  "I'm hoping this could be the beginning of a mentoring relationship.",
  'Could we set up a recurring coffee chat?',
  'Would you consider being my mentor?',
  'Could we schedule weekly check-ins?',
  "I'd like to meet on a regular basis.",
  'Maybe we could meet up once a month?',
];
const NOT_MENTORSHIP_ASKS = [
  "I'm not asking you to be my mentor.",
  'Who were your mentors early on?',
  'What do you enjoy about mentoring junior staff?',
  'Does your company have a mentorship program?',
  'Could we meet for twenty minutes?',
  'How regularly do you meet with your team?',
  'Do you meet every month with your manager?',
  'I would love to hear about your path.',
];

t.test('isMentorshipAsk', async (t) => {
  for (const text of MENTORSHIP_ASKS) t.ok(isMentorshipAsk(text), `asks: ${text}`);
  for (const text of NOT_MENTORSHIP_ASKS) t.notOk(isMentorshipAsk(text), `does not ask: ${text}`);
});
