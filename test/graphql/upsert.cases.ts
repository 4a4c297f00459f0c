import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { codes, gql } from './helpers.js';

// upsertSeeker / upsertContact: REST's PUT by external id, over the same service.

const UPSERT_SEEKER = `mutation($x: String!, $in: CreateSeekerInput!, $k: String) {
  upsertSeeker(externalId: $x, input: $in, idempotencyKey: $k) { result seeker { id externalId name email notes } } }`;
const UPSERT_CONTACT = `mutation($x: String!, $in: CreateContactInput!) {
  upsertContact(externalId: $x, input: $in) { result contact { id externalId name tags mayUseName introducedBy { name } } } }`;

t.test('upsertSeeker: created, unchanged, updated, with the REST events', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const q = gql(a);

  const made = await q(UPSERT_SEEKER, { x: 'crm-1', in: { name: 'Ada Student', email: 'ada@example.edu' } });
  t.same(made.errors, undefined);
  t.equal(made.data!.upsertSeeker.result, 'created');
  const id = made.data!.upsertSeeker.seeker.id as string;
  t.equal(made.data!.upsertSeeker.seeker.externalId, 'crm-1');

  const same = await q(UPSERT_SEEKER, { x: 'crm-1', in: { name: 'Ada Student', email: 'ada@example.edu' } });
  t.equal(same.data!.upsertSeeker.result, 'unchanged');
  const upd = await q(UPSERT_SEEKER, { x: 'crm-1', in: { name: 'Ada Student', notes: 'Career changer', externalId: 'crm-1' } });
  t.equal(upd.data!.upsertSeeker.result, 'updated');
  t.same(upd.data!.upsertSeeker.seeker, { id, externalId: 'crm-1', name: 'Ada Student', email: 'ada@example.edu', notes: 'Career changer' }, 'left-out fields kept');
  t.equal(await db.prisma.event.count({ where: { subjectId: id, type: 'seeker.created' } }), 1);
  t.equal(await db.prisma.event.count({ where: { subjectId: id, type: 'seeker.updated' } }), 1);

  // The same record through REST: one service, one record.
  const rest = await a.call({ method: 'PUT', url: '/v1/seekers/by-external-id/crm-1', payload: { name: 'Ada Student' } });
  t.equal(rest.headers['rapport-upsert'], 'unchanged');
  t.equal(rest.json().id, id);
});

t.test('upsertContact: validation, mismatch and references answer the REST codes', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  const q = gql(a);

  const intro = await q(UPSERT_CONTACT, { x: 'c-0', in: { name: 'Sam Okafor' } });
  const introId = intro.data!.upsertContact.contact.id as string;
  const c = await q(UPSERT_CONTACT, { x: 'c-1', in: { name: 'Pat Rivera', tags: ['data'], introducedById: introId, mayUseName: true } });
  t.same(c.data!.upsertContact.contact.introducedBy, { name: 'Sam Okafor' });
  t.equal(c.data!.upsertContact.result, 'created');

  const badId = await q(UPSERT_CONTACT, { x: 'bad\u0007id', in: { name: 'X' } });
  t.same(codes(badId), ['validation_failed']);
  t.match(badId.errors![0]!.extensions.violations, [{ field: 'externalId', message: /control characters/ }]);
  const mismatch = await q(UPSERT_CONTACT, { x: 'c-1', in: { name: 'X', externalId: 'c-2' } });
  t.same(codes(mismatch), ['validation_failed']);
  t.match(mismatch.errors![0]!.extensions.violations, [{ rule: 'external_id_mismatch', field: 'input.externalId' }]);
  const badEmail = await q(UPSERT_CONTACT, { x: 'c-3', in: { name: 'X', email: 'nope' } });
  t.same(codes(badEmail), ['validation_failed']);
  const dangling = await q(UPSERT_CONTACT, { x: 'c-4', in: { name: 'X', introducedById: 'con_01jdz3v4k8q2w5e7r9t1y3v5k7' } });
  t.same(codes(dangling), ['related_not_found']);
  t.equal(dangling.errors![0]!.extensions.status, 422);

  // Another institution: its own record under the same externalId, and no reach into ours.
  const other = await gql(b)(UPSERT_CONTACT, { x: 'c-1', in: { name: 'Someone else', introducedById: introId } });
  t.same(codes(other), ['related_not_found']);
  const own = await gql(b)(UPSERT_CONTACT, { x: 'c-1', in: { name: 'Someone else' } });
  t.equal(own.data!.upsertContact.result, 'created');
  t.not(own.data!.upsertContact.contact.id, c.data!.upsertContact.contact.id);
  t.equal(await db.prisma.contact.count({ where: { institutionId: a.institutionId } }), 2);
});

t.test('idempotencyKey replays the first answer', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const q = gql(a);
  const first = await q(UPSERT_SEEKER, { x: 'k-1', in: { name: 'Ada' }, k: 'upsert-key-1' });
  t.equal(first.data!.upsertSeeker.result, 'created');
  const replay = await q(UPSERT_SEEKER, { x: 'k-1', in: { name: 'Ada' }, k: 'upsert-key-1' });
  t.same(replay.data, first.data, 'the first answer (created), not a fresh "unchanged"');
  const reused = await q(UPSERT_SEEKER, { x: 'k-1', in: { name: 'Bea' }, k: 'upsert-key-1' });
  t.same(codes(reused), ['idempotency_key_reused']);
  t.equal(await db.prisma.seeker.count(), 1);
  t.equal(await db.prisma.event.count({ where: { type: { startsWith: 'seeker.' } } }), 1);
});
