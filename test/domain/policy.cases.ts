import t from 'tap';
import { CONFIGURABLE_RULE_CODES, DEFAULT_POLICY, mergePolicy, policyPatchSchema, policySchema } from '../../src/domain/index.js';
import type { Policy } from '../../src/domain/index.js';
import { GOOD_MESSAGE, SNAPSHOTS, advisoryCodes, allCodes, baseSnapshot, run, violationCodes } from './fixtures.js';

const DEFAULTS = {
  maxTopics: 2,
  minRequestedMinutes: 15,
  maxRequestedMinutes: 30,
  confirmLeadDays: 3,
  confirmEarliestDays: 7,
  confirmLatestHours: 24,
  thankYouWithinDays: 3,
  followUpEveryDays: 90,
  minFollowUpGapDays: 30,
  requestExpiryDays: 21,
  maxQuestions: 10,
  maxMessageWords: 200,
  followUpsBeforeRequest: 2,
  ruleSeverity: {},
};

t.test('policySchema.parse({}) is the default policy', async (t) => {
  t.same(policySchema.parse({}), DEFAULTS);
  t.same(DEFAULT_POLICY, DEFAULTS);
  t.ok(Object.isFrozen(DEFAULT_POLICY));
  t.same(policySchema.parse({ maxTopics: 3 }), { ...DEFAULTS, maxTopics: 3 });
});

t.test('policySchema rejects what makes no sense', async (t) => {
  const bad: [string, unknown][] = [
    ['unknown key', { maxTopic: 3 }],
    ['min above max', { minRequestedMinutes: 40 }],
    ['min above explicit max', { minRequestedMinutes: 20, maxRequestedMinutes: 10 }],
    ['fractional', { maxTopics: 2.5 }],
    ['negative days', { thankYouWithinDays: -1 }],
    ['too many days', { followUpEveryDays: 3651 }],
    ['minutes above 480', { maxRequestedMinutes: 481 }],
    ['zero minutes', { minRequestedMinutes: 0 }],
    ['zero topics', { maxTopics: 0 }],
    ['string number', { maxTopics: '2' }],
    ['unknown rule', { ruleSeverity: { be_nice: 'error' } }],
    ['invalid_transition cannot be re-graded', { ruleSeverity: { invalid_transition: 'off' } }],
    ['unknown severity', { ruleSeverity: { phone_channel: 'warning' } }],
    ['null', null],
  ];
  for (const [why, value] of bad) t.notOk(policySchema.safeParse(value).success, why);
  t.ok(policySchema.safeParse({ minRequestedMinutes: 20, maxRequestedMinutes: 20 }).success, 'min equal to max');
  for (const code of CONFIGURABLE_RULE_CODES) {
    for (const severity of ['error', 'advisory', 'off'] as const) {
      t.ok(policySchema.safeParse({ ruleSeverity: { [code]: severity } }).success, `${code}: ${severity}`);
    }
  }
});

t.test('policyPatchSchema and mergePolicy', async (t) => {
  t.same(policyPatchSchema.parse({}), {}, 'no defaults in a patch');
  t.notOk(policyPatchSchema.safeParse({ nope: 1 }).success, 'strict');
  t.notOk(policyPatchSchema.safeParse({ maxTopics: -1 }).success);
  const current = mergePolicy(DEFAULT_POLICY, { maxTopics: 3, ruleSeverity: { phone_channel: 'error', no_research: 'off' } });
  t.same(current, { ...DEFAULTS, maxTopics: 3, ruleSeverity: { phone_channel: 'error', no_research: 'off' } });
  const next = mergePolicy(current, policyPatchSchema.parse({ maxQuestions: 12, ruleSeverity: { phone_channel: null, cold_contact: 'error' } }));
  t.same(next, { ...DEFAULTS, maxTopics: 3, maxQuestions: 12, ruleSeverity: { no_research: 'off', cold_contact: 'error' } }, 'severities merge; null resets');
  t.same(current.ruleSeverity, { phone_channel: 'error', no_research: 'off' }, 'current not mutated');
  t.throws(() => mergePolicy(DEFAULT_POLICY, { minRequestedMinutes: 45 }), 'merged policy is re-validated');
  t.same(mergePolicy(DEFAULT_POLICY, { minRequestedMinutes: 45, maxRequestedMinutes: 60 }).minRequestedMinutes, 45);
});

const withSeverity = (ruleSeverity: Policy['ruleSeverity'], extra: Partial<Policy> = {}): Policy =>
  policySchema.parse({ ...extra, ruleSeverity });

t.test('severity overrides: an advisory made an error refuses', async (t) => {
  const policy = withSeverity({ phone_channel: 'error' });
  const decision = run('prospect', 'request', { channel: 'phone', message: undefined }, { policy });
  t.match(decision, { ok: false, code: 'action_refused', violations: [{ rule: 'phone_channel' }], advisories: [] });
  t.match(run('prospect', 'request', {}, { policy }), { ok: true }, 'e-mail still fine');

  const strictThanks = withSeverity({ thanks_late: 'error' });
  const late = { ...SNAPSHOTS.met, heldAt: new Date('2025-06-01T10:00:00Z') };
  t.same(violationCodes(run(late, 'thank', {}, { policy: strictThanks })), ['thanks_late']);
});

t.test('severity overrides: a refusal switched off or made advisory', async (t) => {
  const jobAsk = `${GOOD_MESSAGE} Is your team hiring?`;
  t.same(allCodes(run('prospect', 'request', { message: jobAsk }, { policy: withSeverity({ job_request: 'off' }) })), [], 'off: gone entirely');
  t.match(run('prospect', 'request', { message: jobAsk }, { policy: withSeverity({ job_request: 'advisory' }) }), {
    ok: true,
    advisories: [{ rule: 'job_request' }],
  });
  t.match(run('prospect', 'request', { requestedMinutes: 31 }, { policy: withSeverity({ duration_out_of_range: 'advisory' }) }), {
    ok: true,
    advisories: [{ rule: 'duration_out_of_range' }],
  });
  t.match(run('requested', 'schedule', { scheduledAt: '2020-01-01T00:00:00Z' }, { policy: withSeverity({ scheduled_in_past: 'off' }) }), { ok: true });
});

t.test('severity overrides: an advisory switched off', async (t) => {
  const cold = baseSnapshot({ contact: { name: 'Dana', researchNotes: null, howWeMet: null, introducedByName: null, introducerMayBeNamed: true } });
  t.same(advisoryCodes(run(cold, 'request')).sort(), ['cold_contact', 'no_research']);
  t.same(advisoryCodes(run(cold, 'request', {}, { policy: withSeverity({ no_research: 'off', cold_contact: 'off' }) })), []);
});

t.test('thresholds come from the policy', async (t) => {
  const policy = policySchema.parse({ maxTopics: 3, minRequestedMinutes: 10, maxRequestedMinutes: 45, maxQuestions: 2, followUpsBeforeRequest: 0 });
  t.match(run('prospect', 'request', { topics: ['a', 'b', 'c'], requestedMinutes: 45 }, { policy }), { ok: true });
  t.same(violationCodes(run('prospect', 'request', { topics: ['a', 'b', 'c', 'd'] }, { policy })), ['too_many_topics']);
  const refused = run('prospect', 'request', { requestedMinutes: 46 }, { policy });
  if (!refused.ok && refused.code === 'action_refused') t.match(refused.violations[0]?.message, /10 and 45 minutes/, 'message quotes the policy');
  t.same(allCodes(run({ ...SNAPSHOTS.confirmed, questions: ['a', 'b', 'c'] }, 'meet', {}, { policy })), ['too_many_questions']);
  t.same(allCodes(run({ ...SNAPSHOTS.thanked, followUpCount: 0 }, 'follow_up', { containsRequest: true }, { policy })), []);
});
