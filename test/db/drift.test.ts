// The migrated database matches prisma/schema.prisma: tables, columns (type,
// nullability, default), primary keys, unique and plain indexes, foreign keys
// and enums, with nothing extra but `_prisma_migrations`. Checked on a fresh
// PostgreSQL database and on the embedded PGlite one, both migrated by
// src/db/migrator.ts. The schema is read by Prisma's own parser (see
// test/helpers/schema-introspect.ts).
import t, { type Test } from 'tap';
import { PGlite } from '@electric-sql/pglite';
import { migrate, readMigrations } from '../../src/db/migrator.js';
import { pgSession, pgliteSession, type SqlSession } from '../../src/db/sql-session.js';
import { freshDatabaseUrl, freshDataDir } from '../helpers/database.js';
import { checkDrift, expectedDatabase, getDmmf, introspect, loadDatamodel } from '../helpers/schema-introspect.js';

const datamodel = loadDatamodel();
const expected = expectedDatabase(datamodel);

function report(t: Test, drift: string[], where: string) {
  t.strictSame(drift, [], drift.length
    ? `${where} drifted from prisma/schema.prisma (${drift.length}):\n  - ${drift.join('\n  - ')}`
    : `${where} matches prisma/schema.prisma`);
}

async function withPg<T>(t: Test, fn: (s: SqlSession) => Promise<T>): Promise<T> {
  const session = await pgSession(await freshDatabaseUrl(t));
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

t.test('schema.prisma is read by Prisma\'s parser', async (t) => {
  const models = datamodel.models.map((m) => m.name);
  t.ok(models.length >= 9, `models: ${models.join(', ')}`);
  t.ok(models.includes('Interview') && models.includes('IdempotencyKey'));
  t.equal(expected.tables.get('contacts')?.columns.get('tags')?.type, 'text[]');
  t.equal(expected.tables.get('interviews')?.columns.get('created_at')?.type, 'timestamp(3) with time zone');
  t.ok(expected.indexes.some((i) => i.table === 'idempotency_keys' && i.kind === 'primary' && i.columns.join() === 'institution_id,key'));
  t.ok(expected.indexes.some((i) => i.name === 'api_keys_hash_key' && i.kind === 'unique'));
  // It validates, not just tokenises: an unknown type is an error.
  t.throws(() => getDmmf('model X {\n  id Strin @id\n}\n'), /does not validate[\s\S]*Strin/);
});

t.test('PostgreSQL: the migrated database matches schema.prisma', async (t) => {
  await withPg(t, async (s) => {
    t.strictSame(await migrate(s), (await readMigrations()).map((m) => m.name));
    report(t, await checkDrift(s, datamodel), 'PostgreSQL');

    // The introspection reads what the brief's types mean in the catalog.
    const cols = (await introspect(s)).columns;
    const col = (table: string, name: string) => cols.find((c) => c.table === table && c.name === name);
    t.match(col('contacts', 'tags'), { dataType: 'ARRAY', udtName: '_text', formatted: 'text[]' });
    t.match(col('events', 'created_at'), { dataType: 'timestamp with time zone', formatted: 'timestamp(3) with time zone', nullable: false });
    t.match(col('institutions', 'policy'), { dataType: 'jsonb', nullable: false });
    t.match(col('interviews', 'notes'), { dataType: 'text', nullable: true, default: null });
  });
});

t.test('PGlite: the migrated embedded database matches schema.prisma', async (t) => {
  const db = new PGlite(await freshDataDir(t));
  try {
    const s = pgliteSession(db);
    t.strictSame(await migrate(s), (await readMigrations()).map((m) => m.name));
    t.strictSame(await migrate(s), [], 'a second run applies nothing');
    report(t, await checkDrift(s, datamodel), 'PGlite');
  } finally {
    await db.close();
  }
});

// The check is only worth something if it sees drift: change a migrated
// database in known ways and expect exactly those reports, each naming the
// table and column or index.
t.test('the check reports each kind of drift, and nothing else', async (t) => {
  await withPg(t, async (s) => {
    await migrate(s);
    await s.exec(`
      ALTER TABLE contacts ALTER COLUMN name DROP NOT NULL;
      ALTER TABLE seekers ALTER COLUMN email SET NOT NULL;
      ALTER TABLE interviews ALTER COLUMN state SET DEFAULT 'requested';
      ALTER TABLE webhook_endpoints ALTER COLUMN enabled DROP DEFAULT;
      ALTER TABLE idempotency_keys ALTER COLUMN response_body SET DEFAULT 'x';
      ALTER TABLE institutions ALTER COLUMN updated_at TYPE timestamptz(6);
      ALTER TABLE api_keys ALTER COLUMN scopes TYPE text USING array_to_string(scopes, ',');
      ALTER TABLE events ADD COLUMN extra text;
      ALTER TABLE events DROP COLUMN subject_id;
      CREATE TABLE stray (id integer);
      DROP INDEX seekers_institution_id_id_idx;
      CREATE UNIQUE INDEX events_type_key ON events (type);
      ALTER INDEX api_keys_hash_key RENAME TO api_keys_hash_unique;
      ALTER TABLE seekers DROP CONSTRAINT seekers_institution_id_fkey;
      ALTER TABLE seekers ADD CONSTRAINT seekers_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES institutions (id) ON DELETE RESTRICT ON UPDATE CASCADE;
      -- Equivalent spellings are not drift:
      ALTER TABLE institutions ALTER COLUMN policy SET DEFAULT '{ }'::jsonb;
      ALTER TABLE interviews ALTER COLUMN version SET DEFAULT '1'::integer;
      ALTER TABLE contacts ALTER COLUMN tags SET DEFAULT '{}'::text[];
      ALTER TABLE interviews ALTER COLUMN created_at SET DEFAULT now();
    `);
    const drift = await checkDrift(s, datamodel);
    const wanted: [string, RegExp][] = [
      ['nullable', /^column "contacts"\."name" \(Contact\.name String\): nullable, expected NOT NULL$/],
      ['not null', /^column "seekers"\."email" \(Seeker\.email String\?\): NOT NULL, expected nullable$/],
      ['default value', /^column "interviews"\."state" .*DEFAULT 'requested'::text .*expected @default\("prospect"\)/],
      ['missing default', /^column "webhook_endpoints"\."enabled" .*has no DEFAULT, schema\.prisma has @default\(true\)$/],
      ['extra default', /^column "idempotency_keys"\."response_body" .*has DEFAULT 'x'::text but schema\.prisma has no @default$/],
      ['precision', /^column "institutions"\."updated_at" .*type timestamp\(6\) with time zone .*expected timestamp\(3\) with time zone$/],
      ['array type', /^column "api_keys"\."scopes" .*type text \(data_type text, udt text\), expected text\[\]$/],
      ['extra column', /^column "events"\."extra" is in the database but not in model Event$/],
      ['missing column', /^column "events"\."subject_id" \(Event\.subjectId String\): missing$/],
      ['extra table', /^table "stray" is in the database but no model maps to it$/],
      ['missing index', /^index "seekers_institution_id_id_idx" on "seekers"\("institution_id", "id"\) is missing \(@@index\(\[institutionId, id\]\) on Seeker\)$/],
      ['extra unique', /^unique index "events_type_key" on "events"\("type"\) is in the database but not in schema\.prisma$/],
      ['index name', /^unique index on "api_keys"\("hash"\) \(@unique\(\[hash\]\) on ApiKey\): named "api_keys_hash_unique", Prisma expects "api_keys_hash_key"$/],
      ['fk action', /^foreign key "seekers"\("institution_id"\) -> "institutions"\("id"\) .*ON DELETE Restrict, expected Cascade$/],
    ];
    for (const [what, re] of wanted) t.ok(drift.some((d) => re.test(d)), `reports ${what}`);
    const unexplained = drift.filter((d) => !wanted.some(([, re]) => re.test(d)));
    t.strictSame(unexplained, [], 'no other report (equivalent defaults are not drift)');
  });
});

t.test('a hand-written migration that disagrees with the schema is caught', async (t) => {
  await withPg(t, async (s) => {
    // A later migration that "forgot" the schema: what the real suite guards against.
    const bad = [...(await readMigrations()), {
      name: '20991231000000_drifted',
      sql: 'ALTER TABLE contacts ADD COLUMN nickname TEXT; CREATE INDEX contacts_name_idx ON contacts (name);',
      checksum: '',
    }];
    await migrate(s, bad);
    const drift = await checkDrift(s, datamodel);
    t.strictSame(drift, [
      'column "contacts"."nickname" is in the database but not in model Contact',
      'index "contacts_name_idx" on "contacts"("name") is in the database but not in schema.prisma',
    ]);
  });
});
