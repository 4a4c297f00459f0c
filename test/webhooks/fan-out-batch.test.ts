import t from 'tap';
import { appendEvent, appendEvents, type EventInput } from '../../src/services/events.js';
import { createTenant, type Tenant } from '../helpers/app.js';
import { buildWebhookApp, createEndpoint } from '../helpers/webhooks.js';

// appendEvents (one statement for a batch, used by imports) must append and
// fan out exactly as appendEvent does one event at a time: the same
// sequences, in order, and the same deliveries to the same endpoints.

const actor = { type: 'system', id: 'test' } as const;
const T0 = new Date('2026-12-01T12:00:00Z');

t.test('a batch appends and fans out exactly as one event at a time', async (t) => {
  const ta = await buildWebhookApp(t, { now: T0 });
  const endpointsOf = async (a: Tenant) => {
    const made = {
      all: await createEndpoint(a, { url: 'https://crm.example.edu/all', description: 'all' }),
      contacts: await createEndpoint(a, { url: 'https://crm.example.edu/contacts', description: 'contacts', eventTypes: ['contact.*'] }),
      seekerCreated: await createEndpoint(a, { url: 'https://crm.example.edu/seekers', description: 'seekerCreated', eventTypes: ['seeker.created'] }),
      off: await createEndpoint(a, { url: 'https://crm.example.edu/off', description: 'off', enabled: false }),
      failing: await createEndpoint(a, { url: 'https://crm.example.edu/failing', description: 'failing' }),
    };
    await ta.db.sql.query(`UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'failing' WHERE id = $1`, [made.failing.id]);
    return made;
  };
  const inputsFor = (endpoints: Awaited<ReturnType<typeof endpointsOf>>): EventInput[] => [
    { type: 'seeker.created', subjectType: 'seeker', subjectId: 'skr_1', data: { n: 1 } },
    { type: 'contact.created', subjectType: 'contact', subjectId: 'con_1', data: { n: 2 } },
    { type: 'contact.updated', subjectType: 'contact', subjectId: 'con_1', data: { n: 3 } },
    { type: 'seeker.updated', subjectType: 'seeker', subjectId: 'skr_1', data: { n: 4 } },
    { type: 'webhook.test', subjectType: 'webhook_endpoint', subjectId: endpoints.contacts.id, data: { n: 5 } },
  ];
  const snapshot = async (institutionId: string, first: number) => {
    const events = await ta.db.sql.query<{ sequence: number; type: string; data: { n: number } }>(
      `SELECT sequence, type, data FROM events WHERE institution_id = $1 AND sequence >= $2 ORDER BY sequence`,
      [institutionId, first],
    );
    const deliveries = await ta.db.sql.query<{ label: string; type: string; sequence: number; due: boolean; id: string; event_id: string }>(
      `SELECT e.description AS label, d.event_type AS type, d.sequence, d.next_attempt_at IS NOT NULL AS due, d.id, d.event_id
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.institution_id = $1 ORDER BY d.sequence, e.description`,
      [institutionId],
    );
    return {
      events: events.map((e) => [e.sequence - first, e.type, e.data.n]),
      deliveries: deliveries.map((d) => [d.label, d.type, d.sequence - first, d.due]),
      idsOk: deliveries.every((d) => d.id.startsWith(`whd_${d.event_id.slice(4, 14)}`)),
    };
  };
  const latest = async (institutionId: string) =>
    Number((await ta.db.sql.query<{ s: number }>(`SELECT event_seq AS s FROM institutions WHERE id = $1`, [institutionId]))[0]!.s);

  const A = await createTenant(ta.app, 'One by one');
  const B = await createTenant(ta.app, 'In a batch');
  const [epA, epB] = [await endpointsOf(A), await endpointsOf(B)];

  const firstA = (await latest(A.institutionId)) + 1;
  const one = await ta.db.sqlTransaction(async (sql) => {
    const out = [];
    for (const input of inputsFor(epA)) out.push(await appendEvent(sql, A.institutionId, actor, T0, input));
    return out;
  });
  const firstB = (await latest(B.institutionId)) + 1;
  const batch = await ta.db.sqlTransaction((sql) => appendEvents(sql, B.institutionId, actor, T0, inputsFor(epB)));

  t.same(batch.map((e) => e.sequence - firstB), [0, 1, 2, 3, 4], 'consecutive sequences in the order given');
  t.same(
    batch.map((e) => [e.type, e.data]),
    one.map((e) => [e.type, e.data]),
    'the same views',
  );
  const [sa, sb] = [await snapshot(A.institutionId, firstA), await snapshot(B.institutionId, firstB)];
  t.same(sb.events, sa.events, 'the same events');
  t.same(sb.deliveries, sa.deliveries, 'the same deliveries, to the same endpoints, paused where the endpoint is failing');
  t.ok(sa.deliveries.length >= 8, `${sa.deliveries.length} deliveries: the filters really select`);
  t.ok(sa.idsOk && sb.idsOk, "delivery ids carry their event's time prefix");
  t.same(await ta.db.sqlTransaction((sql) => appendEvents(sql, B.institutionId, actor, T0, [])), [], 'an empty batch appends nothing');
});
