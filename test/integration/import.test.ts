import t from 'tap';
import { createApiKey } from '../../src/services/api-keys.js';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { contact } from '../helpers/fixtures.js';

// POST /v1/{contacts,seekers}/import: JSON or CSV, row by row.

type Db = Awaited<ReturnType<typeof buildTestApp>>['db'];
interface Row {
  row: number;
  externalId: string | null;
  status: string;
  id?: string;
  error?: { code: string; detail: string; violations?: { rule: string; field?: string }[] };
}

const json = (a: Tenant, records: unknown, kind = 'contacts', headers: Record<string, string> = {}) =>
  a.call({ method: 'POST', url: `/v1/${kind}/import`, payload: records as Record<string, unknown>, headers });
const csv = (a: Tenant, text: string | Buffer, kind = 'contacts', contentType = 'text/csv') =>
  a.call({ method: 'POST', url: `/v1/${kind}/import`, payload: text, headers: { 'content-type': contentType } });
const eventCount = (db: Db) => db.prisma.event.count();

t.test('JSON: good and bad rows side by side, each with the code a single write answers', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const intro = await contact(a, { name: 'Sam Okafor', externalId: 'intro' });
  const before = await eventCount(db);
  const records = [
    { externalId: 'c-1', name: 'Pat Rivera', email: 'pat@example.com', tags: ['data', 'alumni'], introducedById: intro.id, mayUseName: true },
    { externalId: 'c-2', name: 'Lee Chen', email: 'not-an-email' },
    { name: 'No External Id' },
    { externalId: 'c-4', name: 'Kim Park', favouriteColour: 'blue' },
    { externalId: 'c-1', name: 'Pat Again' },
    { externalId: 'c-6', name: 'Dangling', introducedById: 'con_01jdz3v4k8q2w5e7r9t1y3v5k7' },
    { externalId: 'c-7', name: '   ' },
    'not an object',
    { externalId: 'bad\nid', name: 'Newline' },
    { externalId: 'intro', name: 'Sam Okafor', organization: 'Acme' },
    { externalId: 'c-11', name: 'Jo Ortiz', organization: 'Globex' },
  ];
  const res = await json(a, { records });
  t.equal(res.statusCode, 200, res.body);
  const body = res.json<{ summary: Record<string, number>; results: Row[] }>();
  t.same(body.summary, { created: 2, updated: 1, unchanged: 0, rejected: 8 });
  const by = (n: number) => body.results[n - 1]!;
  t.same(body.results.map((r) => r.row), records.map((_, n) => n + 1), 'one result per record, in order');
  t.match(by(1), { status: 'created', externalId: 'c-1', id: /^con_/ });
  t.match(by(2), { status: 'rejected', externalId: 'c-2', error: { code: 'validation_failed', violations: [{ field: 'email' }] } });
  t.match(by(3), { status: 'rejected', externalId: null, error: { code: 'validation_failed', violations: [{ field: 'externalId' }] } });
  t.match(by(4), { status: 'rejected', error: { code: 'validation_failed', violations: [{ rule: 'unrecognized_keys', field: 'favouriteColour' }] } });
  t.match(by(5), { status: 'rejected', error: { code: 'external_id_taken', violations: [{ rule: 'duplicate_in_file', field: 'externalId' }] } });
  t.match(by(6), { status: 'rejected', error: { code: 'related_not_found', violations: [{ field: 'introducedById' }] } });
  t.match(by(7), { status: 'rejected', error: { code: 'validation_failed', violations: [{ field: 'name' }] } });
  t.match(by(8), { status: 'rejected', externalId: null, error: { code: 'validation_failed' } });
  t.match(by(9), { status: 'rejected', error: { code: 'validation_failed', violations: [{ field: 'externalId' }] } });
  t.match(by(10), { status: 'updated', id: intro.id });
  t.match(by(11), { status: 'created' });
  for (const r of body.results.filter((x) => x.status === 'rejected')) t.notOk(r.id, 'a rejected row names no record');

  const pat = await db.prisma.contact.findFirstOrThrow({ where: { externalId: 'c-1' } });
  t.match(pat, { name: 'Pat Rivera', email: 'pat@example.com', tags: ['data', 'alumni'], introducedById: intro.id, mayUseName: true, institutionId: a.institutionId });
  t.equal(await db.prisma.contact.count(), 3);
  t.equal(await eventCount(db), before + 3, 'an event per written row');
  const upd = await db.prisma.event.findFirstOrThrow({ where: { type: 'contact.updated', subjectId: intro.id } });
  t.same((upd.data as { changes: unknown }).changes, { organization: { previous: 'Acme Analytics', current: 'Acme' } });
  const created = await db.prisma.event.findFirstOrThrow({ where: { type: 'contact.created', subjectId: pat.id } });
  t.match(created.data, { contact: { id: pat.id, externalId: 'c-1' } });

  // The same file again: nothing changes, nothing is emitted.
  const rerun = await json(a, { records });
  t.same(rerun.json().summary, { created: 0, updated: 0, unchanged: 3, rejected: 8 });
  t.same(rerun.json().results.map((r: Row) => r.id), body.results.map((r) => r.id), 'the same records');
  t.equal(await eventCount(db), before + 3, 'a re-run emits no events');

  // One field changed in one row: one update, one event.
  const edited = records.map((r) => (typeof r === 'object' && r.externalId === 'c-11' ? { ...r, organization: 'Initech' } : r));
  const third = await json(a, { records: edited });
  t.same(third.json().summary, { created: 0, updated: 1, unchanged: 2, rejected: 8 });
  t.equal(await eventCount(db), before + 4);
});

t.test('CSV: BOM, CRLF, RFC 4180 quoting, empty cells, tags and booleans', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const text =
    '\uFEFFexternalId,Name,email,organization,howWeMet,tags,mayUseName,researchNotes\r\n' +
    'c-1,Pat Rivera,pat@example.com,"Acme, Inc.","Met at the ""Data Night"" mixer",data;alumni,true,"Line one\r\nLine two"\r\n' +
    'c-2,"Lee Chen",,,,,,\r\n' +
    "c-3,'=Formula Name,,,,  x ; y ;; ,FALSE,\"quoted, with \"\"both\"\"\n and LF\"\r\n" +
    '\r\n' +
    'c-4,Ünïcødé Nåme,,Initech,,,,\r\n';
  const res = await csv(a, Buffer.from(text, 'utf8'));
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json().summary, { created: 4, updated: 0, unchanged: 0, rejected: 0 });
  t.same(res.json().results.map((r: Row) => [r.row, r.externalId]), [[1, 'c-1'], [2, 'c-2'], [3, 'c-3'], [4, 'c-4']], 'the blank line is no record');
  const rows = await db.prisma.contact.findMany({ orderBy: { externalId: 'asc' } });
  t.match(rows[0], {
    externalId: 'c-1',
    name: 'Pat Rivera',
    organization: 'Acme, Inc.',
    howWeMet: 'Met at the "Data Night" mixer',
    tags: ['data', 'alumni'],
    mayUseName: true,
    researchNotes: 'Line one\r\nLine two',
  });
  t.match(rows[1], { externalId: 'c-2', name: 'Lee Chen', email: null, organization: null, tags: [], mayUseName: false, researchNotes: null });
  t.match(rows[2], { name: '=Formula Name', tags: ['x', 'y'], mayUseName: false, researchNotes: 'quoted, with "both"\n and LF' }, "one ' taken off a formula-looking cell");
  t.match(rows[3], { name: 'Ünïcødé Nåme', organization: 'Initech' });

  // LF line ends, a subset of the columns (name is required, as in a create): the columns left out are kept.
  const lf = await csv(a, 'externalId,name,organization\nc-1,Pat Rivera,Acme Analytics\nc-2,Lee Chen,\n');
  t.same(lf.json().summary, { created: 0, updated: 1, unchanged: 1, rejected: 0 }, 'an empty cell clears (c-2 had none)');
  t.match(await db.prisma.contact.findFirst({ where: { externalId: 'c-1' } }), { organization: 'Acme Analytics', researchNotes: 'Line one\r\nLine two', tags: ['data', 'alumni'] });
  // Seekers import too.
  const seekers = await csv(a, 'externalId,name,email\ns-1,Ada Student,ada@example.edu\ns-2,,\n', 'seekers');
  t.match(seekers.json(), { summary: { created: 1, rejected: 1 }, results: [{ status: 'created' }, { status: 'rejected', error: { code: 'validation_failed', violations: [{ field: 'name' }] } }] });
  t.equal(await db.prisma.seeker.count(), 1);
});

t.test('CSV: problems of the file refuse it whole, problems of a row reject the row', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const before = await eventCount(db);

  const unknown = await csv(a, 'externalId,name,favouriteColour\nc-1,Pat,blue\n');
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json(), { code: 'validation_failed', violations: [{ rule: 'unknown_column', field: 'header.favouriteColour' }] });
  const noId = await csv(a, 'name,email\nPat,pat@example.com\n');
  t.match(noId.json(), { code: 'validation_failed', violations: [{ rule: 'required_column', field: 'header.externalId' }] });
  const twice = await csv(a, 'externalId,name,NAME\nc-1,Pat,Pat\n');
  t.match(twice.json(), { code: 'validation_failed', violations: [{ rule: 'duplicate_column' }] });
  const unclosed = await csv(a, 'externalId,name\nc-1,"Pat\n');
  t.equal(unclosed.statusCode, 400);
  t.equal(unclosed.json().code, 'malformed_csv');
  const empty = await csv(a, '');
  t.equal(empty.statusCode, 400);
  const latin1 = await csv(a, Buffer.from([0x65, 0x78, 0x74, 0x65, 0x72, 0x6e, 0x61, 0x6c, 0x49, 0x64, 0x2c, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x31, 0x2c, 0xe9, 0x0a]));
  t.equal(latin1.statusCode, 400, 'bytes that are not UTF-8');
  t.equal(latin1.json().code, 'malformed_csv');
  const charset = await csv(a, 'externalId,name\nc-1,Pat\n', 'contacts', 'text/csv; charset=windows-1252');
  t.equal(charset.statusCode, 415);
  t.equal(charset.json().code, 'unsupported_media_type');
  const utf8 = await csv(a, 'externalId,name\nc-0,Pat\n', 'contacts', 'text/csv; charset=UTF-8');
  t.equal(utf8.statusCode, 200, 'charset=utf-8 is fine');
  t.equal(await db.prisma.contact.count(), 1);

  const ragged = await csv(a, 'externalId,name,email\nc-1,Pat,pat@example.com\nc-2,Lee, Chen,lee@example.com\nc-3,Kim\n');
  t.match(ragged.json(), {
    summary: { created: 1, rejected: 2 },
    results: [
      { status: 'created' },
      { status: 'rejected', externalId: 'c-2', error: { code: 'validation_failed', violations: [{ rule: 'column_count' }] } },
      { status: 'rejected', externalId: 'c-3', error: { violations: [{ rule: 'column_count' }] } },
    ],
  });
  const dup = await csv(a, 'externalId,name\nd-1,First\nd-1,Second\n');
  t.match(dup.json(), { summary: { created: 1, rejected: 1 }, results: [{ status: 'created' }, { status: 'rejected', error: { code: 'external_id_taken' } }] });
  t.equal((await db.prisma.contact.findFirstOrThrow({ where: { externalId: 'd-1' } })).name, 'First', 'the first occurrence wins');
  t.equal(await eventCount(db), before + 3);
});

t.test('limits, content types, and Idempotency-Key', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const before = await eventCount(db);

  // 1,001 records: refused before anything is written, in either form.
  const many = Array.from({ length: 1001 }, (_, n) => ({ externalId: `m-${n}`, name: `Person ${n}` }));
  const tooMany = await json(a, { records: many });
  t.equal(tooMany.statusCode, 413);
  t.match(tooMany.json(), { code: 'too_many_records', records: 1001, maxRecords: 1000 });
  const tooManyCsv = await csv(a, `externalId,name\n${many.map((r) => `${r.externalId},${r.name}`).join('\n')}\n`);
  t.equal(tooManyCsv.statusCode, 413);
  t.equal(tooManyCsv.json().code, 'too_many_records');
  t.equal(await db.prisma.contact.count(), 0, 'nothing written');
  t.equal(await eventCount(db), before);

  // 1,000 records with some text each: more than the global 256 KiB body limit, within the import's.
  const notes = 'Leads the data platform team; wrote about on-call culture and mentoring. '.repeat(5);
  const full = many.slice(0, 1000).map((r) => ({ ...r, researchNotes: notes }));
  t.ok(JSON.stringify({ records: full }).length > 256 * 1024);
  const big = await json(a, { records: full });
  t.equal(big.statusCode, 200, big.body.slice(0, 300));
  t.same(big.json().summary, { created: 1000, updated: 0, unchanged: 0, rejected: 0 });
  t.equal(await eventCount(db), before + 1000);
  const again = await csv(a, `externalId,name,researchNotes\n${full.map((r) => `${r.externalId},${r.name},${r.researchNotes}`).join('\r\n')}`);
  t.same(again.json().summary, { created: 0, updated: 0, unchanged: 1000, rejected: 0 }, 'the same rows as CSV: unchanged');
  t.equal(await eventCount(db), before + 1000, 'no events');

  // The body's shape and its type.
  const bare = await json(a, [{ externalId: 'x', name: 'X' }]);
  t.equal(bare.statusCode, 400);
  t.equal(bare.json().code, 'validation_failed');
  const extra = await json(a, { records: [], dryRun: true });
  t.equal(extra.statusCode, 400);
  const plain = await csv(a, 'externalId,name\nx,X\n', 'contacts', 'text/plain');
  t.equal(plain.statusCode, 415);
  t.equal(plain.json().code, 'unsupported_media_type');
  const xml = await csv(a, '<records/>', 'contacts', 'application/xml');
  t.equal(xml.statusCode, 415);
  const csvElsewhere = await a.call({ method: 'POST', url: '/v1/contacts', payload: 'externalId,name\nx,X\n', headers: { 'content-type': 'text/csv' } });
  t.equal(csvElsewhere.statusCode, 415, 'text/csv is a body type of the imports only');
  t.equal(csvElsewhere.json().code, 'unsupported_media_type');
  const empty = await json(a, { records: [] });
  t.same(empty.json(), { summary: { created: 0, updated: 0, unchanged: 0, rejected: 0 }, results: [] });

  // Idempotency-Key as on every POST.
  const key = { 'idempotency-key': 'import-1' };
  const first = await json(a, { records: [{ externalId: 'k-1', name: 'Kay' }] }, 'seekers', key);
  t.equal(first.json().summary.created, 1);
  const replay = await json(a, { records: [{ externalId: 'k-1', name: 'Kay' }] }, 'seekers', key);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.same(replay.json(), first.json(), 'the first answer, "created"');
  const reused = await json(a, { records: [{ externalId: 'k-1', name: 'Other' }] }, 'seekers', key);
  t.equal(reused.statusCode, 422);
  t.equal(reused.json().code, 'idempotency_key_reused');
  const csvKey = { 'idempotency-key': 'import-csv-1' };
  const c1 = await a.call({ method: 'POST', url: '/v1/seekers/import', payload: 'externalId,name\nk-2,Kim\n', headers: { 'content-type': 'text/csv', ...csvKey } });
  const c2 = await a.call({ method: 'POST', url: '/v1/seekers/import', payload: 'externalId,name\nk-2,Kim\n', headers: { 'content-type': 'text/csv', ...csvKey } });
  t.equal(c2.headers['idempotent-replayed'], 'true');
  t.same(c2.json(), c1.json());
});

t.test('overlapping imports at once: each row once, one created event each, no 5xx', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const records = Array.from({ length: 600 }, (_, n) => ({ externalId: `o-${n}`, name: `Person ${n}` }));
  // Three files over the same rows, in different orders (and so different chunks), and racing PUTs.
  const files = [records, [...records].reverse(), [...records.slice(300), ...records.slice(0, 300)]];
  const [imports, puts] = await Promise.all([
    Promise.all(files.map((f) => json(a, { records: f }))),
    Promise.all(records.slice(0, 20).map((r) => a.call({ method: 'PUT', url: `/v1/contacts/by-external-id/${r.externalId}`, payload: { name: r.name } }))),
  ]);
  t.same(imports.map((r) => r.statusCode), [200, 200, 200], imports.map((r) => r.body.slice(0, 200)).join('\n'));
  t.same(puts.filter((r) => r.statusCode >= 300 && r.statusCode !== 201).map((r) => r.body), []);
  const created = imports.reduce((n, r) => n + (r.json().summary.created as number), 0) + puts.filter((r) => r.statusCode === 201).length;
  t.equal(created, 600, 'each row created by exactly one of them');
  for (const r of imports) t.same(r.json().summary.rejected, 0);
  t.equal(await db.prisma.contact.count(), 600);
  t.equal(await db.prisma.event.count({ where: { type: 'contact.created' } }), 600);
  t.equal(await db.prisma.event.count({ where: { type: 'contact.updated' } }), 0);
});

t.test('tenancy and scopes', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  const ours = await json(a, { records: [{ externalId: 'same', name: 'Ours' }] });
  const theirs = await json(b, { records: [{ externalId: 'same', name: 'Theirs' }, { externalId: 'ref', name: 'Ref', introducedById: ours.json().results[0].id }] });
  t.match(theirs.json(), { summary: { created: 1, rejected: 1 }, results: [{ status: 'created' }, { status: 'rejected', error: { code: 'related_not_found' } }] });
  t.not(theirs.json().results[0].id, ours.json().results[0].id);
  t.equal((await db.prisma.contact.findFirstOrThrow({ where: { id: ours.json().results[0].id } })).name, 'Ours', 'untouched');
  t.equal(await db.prisma.contact.count({ where: { institutionId: b.institutionId } }), 1);

  const readKey = await db.transaction((tx) => createApiKey(tx, a.institutionId, 'reader', ['read'], new Date()));
  const ro = await app.inject({ method: 'POST', url: '/v1/contacts/import', headers: { authorization: `Bearer ${readKey.secret}` }, payload: { records: [] } });
  t.equal(ro.statusCode, 403);
});

t.test('a row the database refuses is rejected alone; the others are written', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  await refuseBoom(db);
  const res = await json(a, { records: [{ externalId: 'g-1', name: 'Good One' }, { externalId: 'b-1', name: 'BOOM' }, { externalId: 'g-2', name: 'Good Two' }] });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { summary: { created: 2, rejected: 1 }, results: [{ status: 'created' }, { status: 'rejected', error: { code: 'internal_error' } }, { status: 'created' }] });
  t.same((await db.prisma.contact.findMany({ orderBy: { externalId: 'asc' } })).map((c) => c.externalId), ['g-1', 'g-2']);
  t.equal(await db.prisma.event.count({ where: { type: 'contact.created' } }), 2, 'no event for the refused row');
  // The single write of that row is a logged 500, not a refusal.
  const put = await a.call({ method: 'PUT', url: '/v1/contacts/by-external-id/b-1', payload: { name: 'BOOM' } });
  t.equal(put.statusCode, 500);
  t.equal(put.json().code, 'internal_error');
});

t.test('embedded database: import, re-run and an isolated bad row', async (t) => {
  const { app, db } = await buildTestApp(t, { embedded: true });
  const a = await createTenant(app);
  await refuseBoom(db);
  const lines = ['externalId,name,email,tags'];
  for (let n = 0; n < 300; n++) lines.push(`e-${n},"Person, ${n}",p${n}@example.com,a;b`);
  lines.push('e-bad,BOOM,,', 'e-invalid,Bad Email,nope,');
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  const first = await csv(a, text);
  t.equal(first.statusCode, 200, first.body.slice(0, 300));
  t.same(first.json().summary, { created: 300, updated: 0, unchanged: 0, rejected: 2 });
  t.equal(await db.prisma.contact.count(), 300);
  const events = await db.prisma.event.count();
  const rerun = await csv(a, text);
  t.same(rerun.json().summary, { created: 0, updated: 0, unchanged: 300, rejected: 2 });
  t.equal(await db.prisma.event.count(), events, 'a re-run emits nothing');
  // Racing PUTs on the one connection: one row, no 5xx.
  const racing = await Promise.all(Array.from({ length: 10 }, () => a.call({ method: 'PUT', url: '/v1/contacts/by-external-id/race', payload: { name: 'Racer' } })));
  t.same(racing.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  t.equal(await db.prisma.contact.count({ where: { externalId: 'race' } }), 1);
});

/** A trigger that makes the database itself refuse a contact named BOOM: a write error no validation catches. */
async function refuseBoom(db: Db) {
  await db.prisma.$executeRawUnsafe(`
    CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.name = 'BOOM' THEN RAISE EXCEPTION 'boom refused'; END IF;
      RETURN NEW;
    END $$`);
  await db.prisma.$executeRawUnsafe('CREATE TRIGGER refuse_boom BEFORE INSERT OR UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION refuse_boom()');
}
