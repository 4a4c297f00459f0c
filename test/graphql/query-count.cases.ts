import t from 'tap';
import { PrismaPg } from '@prisma/adapter-pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { newId } from '../../src/ids.js';
import { createTenant, OPERATOR_TOKEN } from '../helpers/app.js';
import { freshDatabaseUrl } from '../helpers/database.js';

// Loaders: a page of interviews with their seekers, contacts and available
// actions costs the same number of SQL statements for 5 as for 50. Counted
// with Prisma's query events and a wrapper round the plain-SQL paths.

async function countingApp(t: { teardown(fn: () => unknown): void }) {
  const url = await freshDatabaseUrl(t);
  const migrated = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: 'event', level: 'query' }] });
  const statements: string[] = [];
  prisma.$on('query', (e) => statements.push(e.query));
  // Plain-SQL paths (db.sql) are counted too, so nothing escapes the tally.
  const counted = (sql: Database['sql']): Database['sql'] => ({
    query: (text, params) => {
      statements.push(text);
      return sql.query(text, params);
    },
  });
  const db: Database = {
    ...migrated,
    prisma,
    transaction: (fn) => prisma.$transaction(fn),
    sql: counted(migrated.sql),
    sqlTransaction: (fn) => migrated.sqlTransaction((sql) => fn(counted(sql))),
  };
  const app = await buildApp({ config: loadConfig({ OPERATOR_TOKEN, LOG_LEVEL: 'silent' }, false), db });
  t.teardown(async () => {
    await app.close();
    await prisma.$disconnect();
    await migrated.close();
  });
  return { app, prisma, statements };
}

const LIST = `query($n: Int!) { interviews(first: $n) { edges { node { seeker { name } contact { name } availableActions { action } } } } }`;
const DEEP = `query($n: Int!) { interviews(first: $n) { totalCount edges { cursor node { id state seeker { name email } contact { name introducedBy { name } referrals { name } }
  introducedBy { name } referredFrom { id } referrals { id } events(first: 3) { edges { node { type } } }
  availableActions { action allowed violations { rule message } } } } pageInfo { hasNextPage endCursor } } }`;

t.test('a page of interviews costs a constant number of SQL statements', async (t) => {
  const { app, prisma, statements } = await countingApp(t);
  const a = await createTenant(app);
  const now = new Date();
  // Fifty interviews, each with its own seeker, contact and introducer, so every batch really has 50 ids.
  const rows = Array.from({ length: 50 }, (_, n) => ({ n, seeker: newId('seeker'), contact: newId('contact'), introducer: newId('contact'), interview: newId('interview') }));
  const base = { institutionId: a.institutionId, createdAt: now, updatedAt: now };
  await prisma.seeker.createMany({ data: rows.map((r) => ({ ...base, id: r.seeker, name: `Seeker ${r.n}` })) });
  await prisma.contact.createMany({ data: rows.map((r) => ({ ...base, id: r.introducer, name: `Introducer ${r.n}` })) });
  await prisma.contact.createMany({ data: rows.map((r) => ({ ...base, id: r.contact, name: `Contact ${r.n}`, introducedById: r.introducer })) });
  await prisma.interview.createMany({ data: rows.map((r) => ({ ...base, id: r.interview, seekerId: r.seeker, contactId: r.contact })) });

  const measure = async (query: string, n: number) => {
    statements.length = 0;
    const res = await a.call({ method: 'POST', url: '/graphql', payload: { query, variables: { n } } });
    const body = res.json();
    t.same(body.errors, undefined, `${n}: no errors`);
    t.equal(body.data.interviews.edges.length, n);
    return statements.length;
  };

  const counts: Record<string, number> = {};
  for (const [name, query] of [['list', LIST], ['deep', DEEP]] as const) {
    for (const n of [5, 50]) {
      // Twice: the first run is interpreted, the second compiled (mercurius jit).
      counts[`${name} ${n}`] = await measure(query, n);
      counts[`${name} ${n} (jit)`] = await measure(query, n);
    }
  }
  await measure(LIST, 50);
  t.comment(`statements for the issue's query: ${statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 90)).join(' | ')}`);
  t.comment(`SQL statements per request: ${JSON.stringify(counts)}`);
  for (const name of ['list', 'deep']) {
    t.equal(counts[`${name} 50`], counts[`${name} 5`], `${name}: 50 interviews cost what 5 do`);
    t.equal(counts[`${name} 50 (jit)`], counts[`${name} 5`], `${name}: compiled or not`);
  }
  t.ok(counts['list 5']! <= 5, `the issue's query is a handful of statements (${counts['list 5']})`);
  const sample = await a.call({ method: 'POST', url: '/graphql', payload: { query: LIST, variables: { n: 2 } } });
  t.equal(sample.json().data.interviews.edges[0].node.contact.name, 'Contact 0');
});

t.test("a seeker's agenda with each step's interview costs the same for 3 open interviews as for 30", async (t) => {
  const { app, prisma, statements } = await countingApp(t);
  const a = await createTenant(app);
  const now = new Date();
  const base = { institutionId: a.institutionId, createdAt: now, updatedAt: now };
  const seekers = { few: newId('seeker'), many: newId('seeker') };
  await prisma.seeker.createMany({ data: Object.entries(seekers).map(([name, id]) => ({ ...base, id, name })) });
  const rows = Array.from({ length: 33 }, (_, n) => ({ n, seekerId: n < 3 ? seekers.few : seekers.many, contact: newId('contact'), interview: newId('interview') }));
  await prisma.contact.createMany({ data: rows.map((r) => ({ ...base, id: r.contact, name: `Contact ${r.n}` })) });
  await prisma.interview.createMany({ data: rows.map((r) => ({ ...base, id: r.interview, seekerId: r.seekerId, contactId: r.contact })) });

  const AGENDA = `query($id: ID!) { seeker(id: $id) { agenda { code contact { name } interview { id state contact { name } seeker { name } } } } }`;
  const measure = async (id: string, n: number) => {
    statements.length = 0;
    const body = (await a.call({ method: 'POST', url: '/graphql', payload: { query: AGENDA, variables: { id } } })).json();
    t.same(body.errors, undefined);
    t.equal(body.data.seeker.agenda.length, n, `${n} steps`);
    return statements.length;
  };
  const few = await measure(seekers.few, 3);
  const many = await measure(seekers.many, 30);
  t.comment(`SQL statements: ${few} for 3 steps, ${many} for 30`);
  t.equal(many, few, 'the interviews, their contacts and seekers are loaded in batches');
});
