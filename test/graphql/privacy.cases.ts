import t from 'tap';
import type { Database } from '../../src/db/database.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST } from '../helpers/fixtures.js';
import { codes, gql, rawGql } from './helpers.js';

// eraseSeeker: REST's DELETE /v1/seekers/{id}?erase=true over GraphQL, with
// the same admin scope, answer, idempotency, tenancy and seeker_erased codes.

const NOW = new Date('2026-12-01T12:00:00Z');
const ERASE = `mutation($id: ID!, $key: String) { eraseSeeker(id: $id, idempotencyKey: $key) {
  id erased erasedAt counts { interviews events webhookDeliveries savedResponses calendarFeedRevoked } } }`;

/** Rows, in any text, varchar, json(b) or text[] column of any table, that contain `needle`. */
async function hits(db: Database, needle: string): Promise<string[]> {
  const columns = await db.sql.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema()
       AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))`,
  );
  const found: string[] = [];
  for (const c of columns) {
    const rows = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text ILIKE $1`, [`%${needle}%`]);
    if (rows[0]!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

t.test('eraseSeeker erases as REST does, answers the same on a repeat, and later writes are seeker_erased', async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);
  const b = await createTenant(app, 'Another Centre');
  const q = gql(a);

  const made = await q(
    `mutation { createSeeker(input: { name: "Zyx Quorra", email: "zyx.quorra@example.edu", externalId: "ext-quorra-77", notes: "quorra-secret notes" }, idempotencyKey: "gql-create-zyx") { seeker { id } } }`,
  );
  const id = made.data!.createSeeker.seeker.id as string;
  const c = await contact(a);
  const iv = await q(`mutation($s: ID!, $c: ID!) { createInterview(input: { seekerId: $s, contactId: $c, topics: ["quorra-secret topic"] }) { interview { id } } }`, { s: id, c: c.id });
  const ivId = iv.data!.createInterview.interview.id as string;
  await act(a, ivId, 'request', { ...GOOD_REQUEST, message: `${GOOD_REQUEST.message} quorra-secret message` });
  t.ok((await hits(db, 'quorra')).length >= 5, 'the seeker is in several columns before');

  const writeKey = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'writer', ['read', 'write'], NOW));
  const asWriter = await rawGql(app, ERASE, { authorization: `Bearer ${writeKey.secret}` }, { id });
  t.same(codes(asWriter), ['insufficient_scope'], 'a write key cannot erase');
  t.equal(asWriter.errors![0]!.extensions.status, 403);
  const other = await gql(b)(ERASE, { id });
  t.same(other.data, { eraseSeeker: null });
  t.same(codes(other), ['not_found'], "another institution's seeker is not found");

  const first = await q(ERASE, { id, key: 'erase-zyx' });
  t.same(first.errors, undefined);
  t.same(first.data!.eraseSeeker, {
    id,
    erased: true,
    erasedAt: NOW.toISOString(),
    counts: { interviews: 1, events: 3, webhookDeliveries: 0, savedResponses: 1, calendarFeedRevoked: false },
  });
  t.strictSame(await hits(db, 'quorra'), [], 'nothing personal left anywhere');
  const feed = await q(`{ events(types: ["seeker.erased"]) { edges { node { data } } } }`);
  t.equal(feed.data!.events.edges.length, 1);
  t.same(feed.data!.events.edges[0].node.data.counts, first.data!.eraseSeeker.counts);

  const eventsBefore = await db.prisma.event.count();
  t.same((await q(ERASE, { id, key: 'erase-zyx' })).data, first.data, 'replayed by its idempotencyKey');
  t.same((await q(ERASE, { id })).data, first.data, 'run again: the same answer');
  t.equal(await db.prisma.event.count(), eventsBefore, 'and no new event');

  const read = await q(`query($id: ID!) { seeker(id: $id) { name email notes externalId } }`, { id });
  t.same(read.data!.seeker, { name: '[erased]', email: null, notes: null, externalId: null });
  const ivRead = await q(`query($id: ID!) { interview(id: $id) { state topics requestMessage requestChannel requestedMinutes } }`, { id: ivId });
  t.same(ivRead.data!.interview, { state: 'requested', topics: [], requestMessage: null, requestChannel: 'email', requestedMinutes: 20 }, 'state and facts kept, text gone');

  const writes: [string, string, Record<string, unknown>][] = [
    ['updateSeeker', `mutation($id: ID!) { updateSeeker(id: $id, input: { notes: "again" }) { seeker { id } } }`, { id }],
    ['createInterview', `mutation($s: ID!, $c: ID!) { createInterview(input: { seekerId: $s, contactId: $c }) { interview { id } } }`, { s: id, c: c.id }],
    ['updateInterview', `mutation($id: ID!) { updateInterview(id: $id, input: { notes: "again" }) { interview { id } } }`, { id: ivId }],
    ['cancelInterview', `mutation($id: ID!) { cancelInterview(id: $id, input: { reason: "again" }) { interview { id } } }`, { id: ivId }],
  ];
  for (const [name, mutation, variables] of writes) {
    const r = await q(mutation, variables);
    t.same(codes(r), ['seeker_erased'], `${name}: seeker_erased`);
    t.equal(r.errors![0]!.extensions.status, 409);
    t.equal(r.errors![0]!.extensions.seekerId, id);
  }
  // The saved answer of the create showed the seeker: its retry is refused, not run again.
  const retry = await q(
    `mutation { createSeeker(input: { name: "Zyx Quorra", email: "zyx.quorra@example.edu", externalId: "ext-quorra-77", notes: "quorra-secret notes" }, idempotencyKey: "gql-create-zyx") { seeker { id } } }`,
  );
  t.same(codes(retry), ['seeker_erased']);
  t.equal(await db.prisma.seeker.count({ where: { institutionId: a.institutionId } }), 1, 'no second seeker');
  t.strictSame(await hits(db, 'quorra'), []);
});
