import { parse } from 'csv-parse/sync';
import t from 'tap';
import { csvColumns, toCell, unguardCell } from '../../src/services/csv.js';
import { toContact } from '../../src/services/serialize.js';
import { CONTACT_SYNC } from '../../src/services/upsert.js';
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js';
import { contact } from '../helpers/fixtures.js';

// GET /v1/contacts/export: every contact once, in CSV that parses back to the
// same values and re-imports unchanged, or in NDJSON.

const TRICKY = [
  { externalId: 'tricky-1', name: '=HYPERLINK("http://evil.example","click")', organization: 'Acme, Inc.', tags: ['a', '-b'] },
  { externalId: 'tricky-2', name: "'=already quoted", howWeMet: 'Said "hello"\r\nthen left', researchNotes: '+1 555 0100\nsecond line' },
  { externalId: 'tricky-3', name: '@mention', email: 'x@example.com', mayUseName: true, field: '-40 degrees' },
  { externalId: 'tricky-4', name: 'Ünïcødé Nåme', title: 'Staff, "Principal" Engineer' },
];

async function seed(a: Tenant, n: number, prefix: string) {
  for (let start = 0; start < n; start += 1000) {
    const records = Array.from({ length: Math.min(1000, n - start) }, (_, k) => ({
      externalId: `${prefix}-${start + k}`,
      name: `Person ${start + k}`,
      email: `p${start + k}@example.com`,
      tags: (start + k) % 3 === 0 ? ['alumni', 'data'] : [],
      researchNotes: (start + k) % 7 === 0 ? 'Notes, with a comma' : null,
    }));
    const res = await a.call({ method: 'POST', url: '/v1/contacts/import', payload: { records } });
    if (res.json().summary.created !== records.length) throw new Error(res.body.slice(0, 500));
  }
}

t.test('CSV and NDJSON: every contact of the institution exactly once, values intact', async (t) => {
  const { app, db } = await buildTestApp(t);
  const a = await createTenant(app);
  const b = await createTenant(app, 'Other Centre');
  await seed(a, 1250, 'a');
  const tricky = await a.call({ method: 'POST', url: '/v1/contacts/import', payload: { records: TRICKY } });
  t.equal(tricky.json().summary.created, TRICKY.length);
  const intro = await contact(a, { name: 'No External Id' });
  await contact(a, { name: 'Introduced', introducedById: intro.id, mayUseName: true });
  await seed(b, 20, 'b');
  const ours = await db.prisma.contact.findMany({ where: { institutionId: a.institutionId }, orderBy: { id: 'asc' } });
  t.equal(ours.length, 1250 + TRICKY.length + 2);
  const expected = new Map(ours.map((c) => [c.id, toContact(c)]));

  const res = await a.call({ method: 'GET', url: '/v1/contacts/export?format=csv' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  t.match(res.headers['content-disposition'], /attachment; filename="contacts.csv"/);
  t.ok(res.body.includes(`'=HYPERLINK`), 'a formula is defused with a leading quote');
  t.ok(res.body.includes(`"''=already quoted"`) || res.body.includes(`''=already quoted`), 'a quote before a formula character gets one more');
  t.ok(res.body.includes(`'@mention`) && res.body.includes(`'-40 degrees`));
  t.ok(res.body.endsWith('\r\n'));

  const rows = parse<Record<string, string>>(res.body, { columns: true, bom: true });
  t.same(Object.keys(rows[0]!), csvColumns(CONTACT_SYNC), 'the header names the import columns');
  t.equal(rows.length, expected.size, 'every contact');
  t.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'each once');
  t.same(rows.map((r) => r.id), ours.map((c) => c.id), 'in id order, none of the other institution');
  let mismatches = 0;
  for (const row of rows) {
    const view = expected.get(row.id!)! as Record<string, unknown>;
    for (const col of csvColumns(CONTACT_SYNC)) if (unguardCell(row[col]!) !== toCell(view[col])) mismatches++;
  }
  t.equal(mismatches, 0, 'every cell parses back (and unguards) to the stored value');
  const t1 = rows.find((r) => r.externalId === 'tricky-2')!;
  t.equal(t1.howWeMet, 'Said "hello"\r\nthen left', 'quotes and line breaks survive');

  const nd = await a.call({ method: 'GET', url: '/v1/contacts/export', headers: { accept: 'application/x-ndjson' } });
  t.equal(nd.headers['content-type'], 'application/x-ndjson; charset=utf-8');
  const lines = nd.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string });
  t.equal(lines.length, expected.size);
  t.same(lines, ours.map((c) => expected.get(c.id)), 'each line is the contact as GET answers it');
  t.same(
    (await a.call({ method: 'GET', url: `/v1/contacts/${ours[0]!.id}` })).json(),
    lines[0],
  );

  // The other institution sees only its own.
  const theirs = await b.call({ method: 'GET', url: '/v1/contacts/export?format=ndjson' });
  t.equal(theirs.body.trimEnd().split('\n').length, 20);
  t.notOk(theirs.body.includes(a.institutionId) || lines.some((l) => theirs.body.includes(l.id)));

  // An export re-imports as it is: nothing changes, no events; rows without an externalId cannot be matched.
  const events = await db.prisma.event.count();
  const back = await a.call({ method: 'POST', url: '/v1/contacts/import', payload: res.body, headers: { 'content-type': 'text/csv' } });
  t.equal(back.statusCode, 413, 'over 1,000 rows: too many for one import');
  const small = rows.filter((r) => r.externalId!.startsWith('tricky-') || r.externalId === '');
  t.equal(small.length, TRICKY.length + 2);
  const reimport = await a.call({ method: 'POST', url: '/v1/contacts/import', payload: exportOf(res.body, small.map((r) => r.id!)), headers: { 'content-type': 'text/csv' } });
  t.equal(reimport.statusCode, 200, reimport.body);
  t.same(reimport.json().summary, { created: 0, updated: 0, unchanged: TRICKY.length, rejected: 2 });
  t.match(reimport.json().results.filter((r: { status: string }) => r.status === 'rejected'), [
    { error: { code: 'validation_failed', violations: [{ field: 'externalId' }] } },
    { error: { code: 'validation_failed' } },
  ]);
  const ndBack = await a.call({ method: 'POST', url: '/v1/contacts/import', payload: { records: lines.slice(0, 1000) } });
  t.same(ndBack.json().summary, { created: 0, updated: 0, unchanged: 1000, rejected: 0 }, 'NDJSON lines re-import as JSON records');
  t.equal(await db.prisma.event.count(), events, 'no events');
});

t.test('format choice, scopes and an empty institution', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const empty = await a.call({ method: 'GET', url: '/v1/contacts/export' });
  t.equal(empty.statusCode, 200);
  t.equal(empty.body, `${csvColumns(CONTACT_SYNC).join(',')}\r\n`, 'a header only');
  const nd = await a.call({ method: 'GET', url: '/v1/contacts/export?format=ndjson' });
  t.equal(nd.body, '');
  const csvWins = await a.call({ method: 'GET', url: '/v1/contacts/export', headers: { accept: 'text/csv, application/x-ndjson' } });
  t.match(csvWins.headers['content-type'], /^text\/csv/);
  const bad = await a.call({ method: 'GET', url: '/v1/contacts/export?format=xlsx' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'validation_failed');
  const anon = await app.inject({ method: 'GET', url: '/v1/contacts/export' });
  t.equal(anon.statusCode, 401);
});

/** The export's header and the rows of the given ids, as a CSV body. */
function exportOf(text: string, ids: string[]): string {
  const rows = parse(text, { bom: true });
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [rows[0]!, ...rows.slice(1).filter((r) => ids.includes(r[0]!))].map((r) => r.map(quote).join(',')).join('\r\n');
}
