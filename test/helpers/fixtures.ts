import type { Tenant } from './app.js';

// Small builders for the records most tests need.

export async function seeker(a: Tenant, body: Record<string, unknown> = {}) {
  const res = await a.call({ method: 'POST', url: '/v1/seekers', payload: { name: 'Ada Student', email: 'ada@example.edu', ...body } });
  if (res.statusCode !== 201) throw new Error(`seeker: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>();
}

export async function contact(a: Tenant, body: Record<string, unknown> = {}) {
  const res = await a.call({
    method: 'POST',
    url: '/v1/contacts',
    payload: { name: 'Pat Rivera', organization: 'Acme Analytics', howWeMet: 'Alumni mixer, spring 2026', researchNotes: 'Leads the data platform team; wrote about on-call culture.', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`contact: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; name: string }>();
}

export async function interview(a: Tenant, body: Record<string, unknown> = {}) {
  const s = await seeker(a);
  const c = await contact(a);
  const res = await a.call({
    method: 'POST',
    url: '/v1/interviews',
    payload: { seekerId: s.id, contactId: c.id, topics: ['data engineering'], questions: ['What does a normal week look like?'], ...body },
  });
  if (res.statusCode !== 201) throw new Error(`interview: ${res.statusCode} ${res.body}`);
  return { ...res.json<{ id: string; version: number; state: string }>(), seekerId: s.id, contactId: c.id };
}

export const GOOD_REQUEST = {
  channel: 'email',
  topics: ['data engineering'],
  requestedMinutes: 20,
  message: 'Hi Pat, I enjoyed your post on on-call culture. Could I ask you for 20 minutes to hear how you got into data engineering?',
};

/** Drives an interview through actions; fails loudly on any non-200. */
export async function act(a: Tenant, id: string, action: string, payload: Record<string, unknown> = {}) {
  const res = await a.call({ method: 'POST', url: `/v1/interviews/${id}/${action}`, payload });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  return res.json<{ interview: { state: string; version: number }; advisories: { rule: string }[]; event: { type: string } }>();
}
