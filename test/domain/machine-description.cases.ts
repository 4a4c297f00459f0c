import t from 'tap';
import {
  ACTIONS,
  ADVISORY_CODES,
  REFUSAL_CODES,
  STATES,
  TRANSITIONS,
  describeStateMachine,
  policySchema,
  stateMachineMermaid,
} from '../../src/domain/index.js';

t.test('describeStateMachine lists every state, action and rule', async (t) => {
  const machine = describeStateMachine();
  t.equal(machine.initial, 'prospect');
  t.same(machine.states.map((s) => s.name), [...STATES]);
  t.same(machine.states.filter((s) => s.terminal).map((s) => s.name), ['declined', 'no_response', 'cancelled', 'closed']);
  t.ok(machine.states.every((s) => s.description.length > 0));

  t.same(machine.actions.map((a) => a.name), [...ACTIONS]);
  for (const action of machine.actions) {
    t.same(action.from, TRANSITIONS[action.name].from, `${action.name} from`);
    t.match(action.eventType, /^interview\.[a-z_]+$/);
    t.ok(action.rules.includes('invalid_transition'), `${action.name} can be an invalid transition`);
  }
  t.same(machine.actions.find((a) => a.name === 'request')?.inputFields, ['channel', 'topics', 'requestedMinutes', 'message', 'sentAt']);
  t.same(machine.actions.find((a) => a.name === 'expire')?.inputFields, []);
  t.equal(machine.actions.find((a) => a.name === 'add_referral')?.to, 'same');

  const codes = machine.rules.map((r) => r.code);
  t.same([...codes].sort(), [...REFUSAL_CODES, ...ADVISORY_CODES].sort(), 'every rule code, once');
  for (const rule of machine.rules) {
    t.ok(rule.actions.length > 0, `${rule.code} is wired to at least one action`);
    t.ok(rule.description.length > 0 && rule.source.length > 0, `${rule.code} is documented`);
    t.equal(rule.defaultKind, (REFUSAL_CODES as readonly string[]).includes(rule.code) ? 'refusal' : 'advisory');
    t.equal(rule.kind, rule.defaultKind, `${rule.code} default grade`);
    for (const action of rule.actions) t.ok(machine.actions.find((a) => a.name === action)?.rules.includes(rule.code));
  }
  t.match(machine.rules.find((r) => r.code === 'job_request'), { source: /Don't ask for a job!/, actions: ['request'] });
  t.same(machine.rules.find((r) => r.code === 'invalid_transition')?.actions, [...ACTIONS]);
});

t.test('describeStateMachine applies the policy', async (t) => {
  const policy = policySchema.parse({ maxTopics: 3, ruleSeverity: { phone_channel: 'error', job_request: 'off' } });
  const machine = describeStateMachine(policy);
  t.match(machine.rules.find((r) => r.code === 'phone_channel'), { defaultKind: 'advisory', kind: 'refusal' });
  t.match(machine.rules.find((r) => r.code === 'job_request'), { defaultKind: 'refusal', kind: 'off' });
  t.match(machine.rules.find((r) => r.code === 'too_many_topics')?.description, /3 topics/);
});

t.test('the Mermaid diagram has every edge', async (t) => {
  const mermaid = stateMachineMermaid();
  t.equal(describeStateMachine().mermaid, mermaid);
  const lines = mermaid.split('\n').map((l) => l.trim());
  t.equal(lines[0], 'stateDiagram-v2');
  t.ok(lines.includes('[*] --> prospect'));
  let edges = 0;
  for (const action of ACTIONS) {
    const { from, to } = TRANSITIONS[action];
    for (const state of from) {
      edges++;
      t.ok(lines.includes(`${state} --> ${to === 'same' ? state : to} : ${action}`), `${state} -> ${action}`);
    }
  }
  t.equal(lines.filter((l) => / : /.test(l)).length, edges, 'one edge per (from, action), no more');
  t.equal(edges, 25);
});
