import t from 'tap';
import { ACTIONS, actionInputSchemas } from '../../src/domain/index.js';
import { GOOD_INPUTS } from './fixtures.js';

t.test('every action input is strict', async (t) => {
  for (const action of ACTIONS) {
    const schema = actionInputSchemas[action];
    t.ok(schema.safeParse(GOOD_INPUTS[action]).success, `${action}: good input parses`);
    t.notOk(schema.safeParse({ ...GOOD_INPUTS[action], surprise: 1 }).success, `${action}: unknown key rejected`);
  }
  t.notOk(actionInputSchemas.expire.safeParse({ reason: 'x' }).success, 'expire takes nothing');
  for (const action of ['confirm', 'meet', 'decline', 'expire', 'cancel', 'close'] as const) {
    t.ok(actionInputSchemas[action].safeParse({}).success, `${action} may be posted empty`);
  }
});

t.test('request: thresholds are rules, not schema errors', async (t) => {
  const request = actionInputSchemas.request;
  const base = { channel: 'email', topics: ['a'], requestedMinutes: 20 };
  t.ok(request.safeParse({ ...base, topics: ['a', 'b', 'c'] }).success, '3 topics parse; the rule refuses');
  t.ok(request.safeParse({ ...base, topics: Array.from({ length: 20 }, (_, i) => `t${i}`) }).success);
  t.notOk(request.safeParse({ ...base, topics: Array.from({ length: 21 }, (_, i) => `t${i}`) }).success, '21 topics');
  t.notOk(request.safeParse({ ...base, topics: [] }).success, 'no topic');
  t.notOk(request.safeParse({ ...base, topics: ['   '] }).success, 'blank topic');
  for (const minutes of [14, 31, 1, 600]) t.ok(request.safeParse({ ...base, requestedMinutes: minutes }).success, `${minutes} parses`);
  for (const minutes of [0, 601, 20.5, '20']) t.notOk(request.safeParse({ ...base, requestedMinutes: minutes }).success, `${String(minutes)} rejected`);
  t.notOk(request.safeParse({ ...base, channel: 'fax' }).success);
  t.same(request.parse({ ...base, topics: ['  Logistics  '], message: '  Hi  ' }), { ...base, topics: ['Logistics'], message: 'Hi' }, 'trimmed');
  t.notOk(request.safeParse({ ...base, message: 'x'.repeat(10_001) }).success, 'bounded');
});

t.test('dates are ISO 8601 with an offset', async (t) => {
  const schedule = actionInputSchemas.schedule;
  for (const at of ['2025-06-20T15:00:00Z', '2025-06-20T17:00:00+02:00', '2025-06-20T15:00:00.250Z']) {
    t.ok(schedule.safeParse({ scheduledAt: at, mode: 'phone' }).success, at);
  }
  for (const at of ['2025-06-20T15:00:00', '2025-06-20', 'tomorrow', 1750431600000]) {
    t.notOk(schedule.safeParse({ scheduledAt: at, mode: 'phone' }).success, String(at));
  }
  t.notOk(schedule.safeParse({ scheduledAt: '2025-06-20T15:00:00Z', mode: 'carrier_pigeon' }).success);
  t.notOk(actionInputSchemas.confirm.safeParse({ confirmedAt: '2025-06-20 15:00' }).success);
});

t.test('add_referral', async (t) => {
  const schema = actionInputSchemas.add_referral;
  t.same(schema.parse({ name: ' Sam Ortiz ' }), { name: 'Sam Ortiz', mayUseName: false }, 'mayUseName defaults to false');
  t.ok(schema.safeParse({ name: 'Sam', email: 'sam@example.com', linkedinUrl: 'https://www.linkedin.com/in/sam', mayUseName: true }).success);
  t.notOk(schema.safeParse({ name: '' }).success);
  t.notOk(schema.safeParse({ name: 'Sam', email: 'not-an-email' }).success);
  t.notOk(schema.safeParse({ name: 'Sam', linkedinUrl: 'javascript:alert(1)' }).success);
});

t.test('enumerations', async (t) => {
  t.ok(actionInputSchemas.thank.safeParse({ channel: 'handwritten_note' }).success);
  t.notOk(actionInputSchemas.thank.safeParse({ channel: 'linkedin' }).success);
  t.ok(actionInputSchemas.follow_up.safeParse({ channel: 'linkedin', kind: 'article', containsRequest: true }).success);
  t.notOk(actionInputSchemas.follow_up.safeParse({ channel: 'email', kind: 'ask' }).success);
  t.notOk(actionInputSchemas.follow_up.safeParse({ channel: 'email' }).success, 'kind required');
  t.notOk(actionInputSchemas.confirm.safeParse({ channel: 'in_person' }).success);
});
