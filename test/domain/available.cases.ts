import t from 'tap';
import { DEFAULT_POLICY, STATES, availableActions, policySchema } from '../../src/domain/index.js';
import type { InterviewSnapshot, Policy } from '../../src/domain/index.js';
import { NOW, SNAPSHOTS, TZ, baseSnapshot, daysFrom, hoursFrom } from './fixtures.js';

const list = (snapshot: InterviewSnapshot, policy: Policy = DEFAULT_POLICY, now = NOW) => availableActions(snapshot, now, policy, TZ);

t.test('lists only the actions legal from the current state', async (t) => {
  const expected: Record<string, string[]> = {
    prospect: ['request', 'cancel'],
    requested: ['schedule', 'decline', 'expire', 'cancel'],
    scheduled: ['reschedule', 'confirm', 'meet', 'decline', 'cancel'],
    confirmed: ['reschedule', 'meet', 'decline', 'cancel'],
    met: ['thank', 'close', 'add_referral'],
    thanked: ['thank', 'follow_up', 'close', 'add_referral'],
    following_up: ['follow_up', 'close', 'add_referral'],
    declined: [],
    no_response: [],
    cancelled: [],
    closed: [],
  };
  for (const state of STATES) {
    const actions = list(SNAPSHOTS[state]);
    t.same(actions.map((a) => a.action), expected[state], state);
    t.ok(actions.every((a) => a.allowed && a.violations.length === 0), `${state}: all allowed for a well-kept interview`);
  }
});

t.test('confirm after the meeting time is not allowed', async (t) => {
  const late = { ...SNAPSHOTS.scheduled, scheduledAt: hoursFrom(NOW, -1) };
  const confirm = list(late).find((a) => a.action === 'confirm');
  t.match(confirm, { allowed: false, violations: [{ rule: 'meeting_already_started', field: 'confirmedAt' }] });
  t.match(list({ ...late, scheduledAt: NOW }).find((a) => a.action === 'confirm'), { allowed: false }, 'at the very start');
  t.match(list(late).find((a) => a.action === 'meet'), { allowed: true, violations: [] }, 'not_confirmed is only advice');
  t.match(list(late).find((a) => a.action === 'reschedule'), { allowed: true }, 'rules needing input are left to decide');
});

t.test('input-free rules graded as errors by the policy show up', async (t) => {
  const strict = policySchema.parse({ ruleSeverity: { no_research: 'error', not_confirmed: 'error', thanks_late: 'error', follow_up_too_soon: 'error', confirmed_early: 'error', referral_not_asked: 'error' } });
  const noHomework = baseSnapshot({ contact: { name: 'Dana', researchNotes: null, howWeMet: 'Class', introducedByName: null, introducerMayBeNamed: true } });
  t.match(list(noHomework, strict).find((a) => a.action === 'request'), { allowed: false, violations: [{ rule: 'no_research' }] });
  t.match(list(SNAPSHOTS.prospect, strict).find((a) => a.action === 'request'), { allowed: true });

  t.match(list(SNAPSHOTS.scheduled, strict).find((a) => a.action === 'meet'), { allowed: false, violations: [{ rule: 'not_confirmed' }] });
  t.match(list(SNAPSHOTS.confirmed, strict).find((a) => a.action === 'meet'), { allowed: true }, 'referral_not_asked needs input, so it is not judged here');

  const lateThanks = { ...SNAPSHOTS.met, heldAt: daysFrom(NOW, -5) };
  t.match(list(lateThanks, strict).find((a) => a.action === 'thank'), { allowed: false, violations: [{ rule: 'thanks_late' }] });
  t.match(list(SNAPSHOTS.met, strict).find((a) => a.action === 'thank'), { allowed: true });

  const recent = { ...SNAPSHOTS.thanked, lastContactAt: daysFrom(NOW, -10) };
  t.match(list(recent, strict).find((a) => a.action === 'follow_up'), { allowed: false, violations: [{ rule: 'follow_up_too_soon' }] });

  const farAhead = { ...SNAPSHOTS.scheduled, scheduledAt: daysFrom(NOW, 10) };
  t.match(list(farAhead, strict).find((a) => a.action === 'confirm'), { allowed: false, violations: [{ rule: 'confirmed_early' }] });
  t.match(list(farAhead).find((a) => a.action === 'confirm'), { allowed: true, violations: [] }, 'by default only advice');
});

t.test('a refusal switched off frees the action', async (t) => {
  const late = { ...SNAPSHOTS.scheduled, scheduledAt: hoursFrom(NOW, -1) };
  const lenient = policySchema.parse({ ruleSeverity: { meeting_already_started: 'off' } });
  t.match(list(late, lenient).find((a) => a.action === 'confirm'), { allowed: true, violations: [] });
});
