import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';

t.test('seekers, contacts, interview create and read', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const s = await a.call({ method: 'POST', url: '/v1/seekers', payload: { name: 'Ada Student', email: 'ada@example.edu' } });
  t.equal(s.statusCode, 201, s.body);
  const c = await a.call({ method: 'POST', url: '/v1/contacts', payload: { name: 'Pat Engineer', howWeMet: 'Alumni night', researchNotes: 'Read her blog' } });
  t.equal(c.statusCode, 201, c.body);
  const i = await a.call({ method: 'POST', url: '/v1/interviews', payload: { seekerId: s.json().id, contactId: c.json().id, topics: ['data engineering'] } });
  t.equal(i.statusCode, 201, i.body);
  t.equal(i.json().state, 'prospect');
  const r = await a.call({ method: 'POST', url: `/v1/interviews/${i.json().id}/request`, payload: { channel: 'email', topics: ['data engineering'], requestedMinutes: 20, message: 'Could I have 20 minutes of your time to hear about data engineering?' } });
  t.equal(r.statusCode, 200, r.body);
  t.equal(r.json().interview.state, 'requested');
  const ev = await a.call({ method: 'GET', url: '/v1/events' });
  t.equal(ev.statusCode, 200, ev.body);
  t.same(ev.json().data.map((e: { type: string }) => e.type), ['institution.created', 'seeker.created', 'contact.created', 'interview.created', 'interview.requested']);
});
