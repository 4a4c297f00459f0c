/**
 * `npm run bench:graphql`: GraphQL against REST for the same data, on ONE
 * Rapport server (same process, same database, same seed), the two sides
 * alternating, on a fresh PostgreSQL database. Prints the figures;
 * bench/RESULTS.md records them.
 *
 * Scenarios (BENCH_SCENARIOS, comma-separated; default all three):
 *   one       GET /v1/interviews/{id} against POST /graphql `interview(id)`
 *             asking for every field of the REST view, the query text fixed
 *             and the id a variable (as a client sends it), round-robin over
 *             the seeded interviews; autocannon on both sides.
 *   uncached  the same, but each GraphQL request carries a query text never
 *             seen before (a new operation name), so mercurius parses and
 *             validates it every time and never JIT-compiles it: the price
 *             of GraphQL's front end, which `one` mostly avoids. REST as in `one`.
 *   page      a page of 20 interviews with each one's seeker name and
 *             contact name. REST: GET /v1/interviews?limit=20, then the
 *             page's distinct seekers and contacts by id, in parallel;
 *             GraphQL: one `interviews(first: 20)` request. Both sides are
 *             driven by the same client loop here (BENCH_CONNECTIONS workers
 *             over as many keep-alive sockets), which counts whole pages.
 *
 * The knobs of bench/run.ts: BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS,
 * BENCH_INTERVIEWS, BENCH_ROUNDS, BENCH_SKIP_BUILD, BENCH_PG_URL,
 * RAPPORT_NODE_OPTIONS, RAPPORT_SERVER; and
 *   BENCH_GQL_DB       database to drop and create (default rapport_bench_graphql)
 *
 * Before anything is timed, both sides must answer the same data, or the
 * script stops. Nothing here asserts a time; it only reports.
 */
import {
  buildAndEnsurePostgres,
  CONNECTIONS,
  DURATION,
  dropBenchDatabase,
  fromAutocannon,
  freshBenchDatabase,
  interviewReads,
  INTERVIEWS,
  loadAverage,
  log,
  machine,
  mean,
  memory,
  onCleanup,
  ROUNDS,
  rounds,
  runBench,
  seed,
  startRapport,
  stop,
  type Figures,
  type Load,
} from './common.js';
import http from 'node:http';
import os from 'node:os';
import autocannon, { type Result } from 'autocannon';

const DB_NAME = process.env.BENCH_GQL_DB ?? 'rapport_bench_graphql';
const PAGE_SIZE = 20;

// ---- the queries

/**
 * Every field of REST's interview view (src/schemas/interviews.ts,
 * interviewSchema), by the same name in GraphQL's `Interview`: no REST field
 * lacks a GraphQL twin (checkSameInterview says so if one ever does). The one
 * difference in shape: REST leaves a violation's `field` out when there is
 * none, GraphQL answers `field: null`. GraphQL's `Interview` has more
 * (seeker, contact, introducedBy, events, referredFrom, referrals), not asked
 * for here. Enum values are the same snake_case strings on both sides.
 */
const INTERVIEW_FIELDS = [
  'id', 'seekerId', 'contactId', 'state', 'version', 'topics', 'questions', 'notes',
  'requestChannel', 'requestMessage', 'requestedMinutes', 'requestedAt', 'scheduledAt', 'durationMinutes', 'mode', 'location',
  'rescheduleCount', 'confirmedAt', 'confirmChannel', 'heldAt', 'actualMinutes', 'meetingNotes', 'extendedByInterviewee',
  'askedForReferral', 'thankedAt', 'thankYouChannel', 'followUpCount', 'lastContactAt', 'endedReason', 'endedAt',
  'referredFromInterviewId', 'confirmBy', 'thankYouDueBy', 'nextFollowUpDueAt', 'requestExpiresAt', 'createdAt', 'updatedAt',
];
const oneQuery = (name: string) =>
  `query ${name}($id: ID!) { interview(id: $id) { ${INTERVIEW_FIELDS.join(' ')} availableActions { action allowed violations { rule message field } } } }`;
const ONE_QUERY = oneQuery('OneInterview');

const PAGE_QUERY = `query Page($after: String) { interviews(first: ${PAGE_SIZE}, after: $after) {
  edges { node { id state seeker { name } contact { name } availableActions { action } } } pageInfo { endCursor } } }`;

// ---- a small keep-alive JSON client (the page scenario, and the checks)

interface Client {
  get<T>(path: string): Promise<T>;
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
  /** HTTP requests sent so far. */
  sent: number;
  close(): void;
}

function client(base: string, key: string, sockets: number): Client {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const send = (method: string, path: string, body?: string) =>
    new Promise<string>((resolve, reject) => {
      c.sent++;
      const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${key}` };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 500)}`));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const c: Client = {
    sent: 0,
    get: async <T>(path: string) => JSON.parse(await send('GET', path)) as T,
    graphql: async <T>(query: string, variables: Record<string, unknown>) => {
      const res = JSON.parse(await send('POST', '/graphql', JSON.stringify({ query, variables }))) as { data?: T; errors?: unknown[] };
      if (res.errors?.length || !res.data) throw new Error(`POST /graphql: ${JSON.stringify(res.errors ?? res).slice(0, 500)}`);
      return res.data;
    },
    close: () => agent.destroy(),
  };
  return c;
}

// ---- a page of interviews with their people, as a client builds it

interface PageRow {
  id: string;
  state: string;
  seeker: string;
  contact: string;
  actions: string[];
}
interface Page {
  rows: PageRow[];
  next: string | null;
}

interface RestInterview {
  id: string;
  state: string;
  seekerId: string;
  contactId: string;
  availableActions: { action: string }[];
}

/** REST: the list, then the distinct seekers and contacts it names, all at once. */
async function restPage(c: Client, cursor: string | null): Promise<Page> {
  const list = await c.get<{ data: RestInterview[]; nextCursor: string | null }>(
    `/v1/interviews?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  const names = async (kind: 'seekers' | 'contacts', ids: string[]) =>
    new Map(await Promise.all([...new Set(ids)].map(async (id) => [id, (await c.get<{ name: string }>(`/v1/${kind}/${id}`)).name] as const)));
  const [seekers, contacts] = await Promise.all([
    names('seekers', list.data.map((iv) => iv.seekerId)),
    names('contacts', list.data.map((iv) => iv.contactId)),
  ]);
  return {
    rows: list.data.map((iv) => ({
      id: iv.id,
      state: iv.state,
      seeker: seekers.get(iv.seekerId)!,
      contact: contacts.get(iv.contactId)!,
      actions: iv.availableActions.map((a) => a.action),
    })),
    next: list.nextCursor,
  };
}

interface GqlPage {
  interviews: {
    edges: { node: { id: string; state: string; seeker: { name: string }; contact: { name: string }; availableActions: { action: string }[] } }[];
    pageInfo: { endCursor: string | null };
  };
}

/** GraphQL: one request. */
async function gqlPage(c: Client, cursor: string | null): Promise<Page> {
  const { interviews } = await c.graphql<GqlPage>(PAGE_QUERY, cursor ? { after: cursor } : {});
  return {
    rows: interviews.edges.map(({ node }) => ({
      id: node.id,
      state: node.state,
      seeker: node.seeker.name,
      contact: node.contact.name,
      actions: node.availableActions.map((a) => a.action),
    })),
    next: interviews.pageInfo.endCursor,
  };
}

type PageFn = (c: Client, cursor: string | null) => Promise<Page>;

/** The cursors of the full pages (at least one page), following `fetchPage`'s own cursors. */
async function cursorsOf(c: Client, fetchPage: PageFn): Promise<(string | null)[]> {
  const cursors: (string | null)[] = [null];
  while (cursors.length < Math.max(1, Math.floor(INTERVIEWS / PAGE_SIZE))) {
    const { next } = await fetchPage(c, cursors[cursors.length - 1]!);
    if (!next) break;
    cursors.push(next);
  }
  return cursors;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);

/** CONNECTIONS workers fetch pages round-robin over `cursors` for `seconds`; a unit is a whole page. */
async function pageLoad(base: string, key: string, fetchPage: PageFn, cursors: (string | null)[], seconds: number): Promise<Load & { perPage: number }> {
  const c = client(base, key, CONNECTIONS);
  const latencies: number[] = [];
  let bad = 0;
  let n = 0;
  let firstError: Error | undefined;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const s = performance.now();
          try {
            await fetchPage(c, cursors[n++ % cursors.length]!);
            latencies.push(performance.now() - s);
          } catch (err) {
            firstError ??= err instanceof Error ? err : new Error(String(err));
            bad++;
          }
        }
      }),
    );
  } finally {
    c.close();
  }
  if (firstError) log(`  first failure: ${firstError.message}`);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const units = latencies.length + bad;
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), ok: latencies.length, bad, units, perPage: c.sent / (units || 1) };
}

// ---- same data on both sides, before anything is timed

/** Nulls and absent keys alike dropped, keys sorted: REST omits a missing violation `field`, GraphQL answers null. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== null && x !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canon(x)]));
  }
  return v;
}

async function checkSameInterview(c: Client, id: string): Promise<string[]> {
  const rest = await c.get<Record<string, unknown>>(`/v1/interviews/${id}`);
  const { interview } = await c.graphql<{ interview: Record<string, unknown> }>(ONE_QUERY, { id });
  const asked = new Set([...INTERVIEW_FIELDS, 'availableActions']);
  const problems = Object.keys(rest)
    .filter((k) => !asked.has(k))
    .map((k) => `REST field ${k} is not asked for over GraphQL`);
  for (const k of asked) {
    if (!(k in rest)) problems.push(`GraphQL field ${k} is not in the REST view`);
    else if (JSON.stringify(canon(rest[k])) !== JSON.stringify(canon(interview[k]))) {
      problems.push(`${k}: REST ${JSON.stringify(rest[k])} vs GraphQL ${JSON.stringify(interview[k])}`);
    }
  }
  return problems.map((p) => `interview ${id}: ${p}`);
}

async function checkSameData(base: string, key: string, ids: string[]): Promise<{ rest: (string | null)[]; gql: (string | null)[] }> {
  const c = client(base, key, 4);
  try {
    const problems: string[] = [];
    for (const id of ids) problems.push(...(await checkSameInterview(c, id)));
    const cursors = { rest: await cursorsOf(c, restPage), gql: await cursorsOf(c, gqlPage) };
    if (JSON.stringify(cursors.rest) !== JSON.stringify(cursors.gql)) log(`note: REST and GraphQL cursors differ: ${JSON.stringify(cursors)}`);
    for (let i = 0; i < cursors.rest.length; i++) {
      const [r, g] = [await restPage(c, cursors.rest[i]!), await gqlPage(c, cursors.gql[i]!)];
      if (r.rows.length !== Math.min(PAGE_SIZE, ids.length)) problems.push(`page ${i + 1}: REST answered ${r.rows.length} interviews`);
      r.rows.forEach((row, j) => {
        if (JSON.stringify(row) !== JSON.stringify(g.rows[j])) problems.push(`page ${i + 1}, row ${j + 1}: REST ${JSON.stringify(row)} vs GraphQL ${JSON.stringify(g.rows[j])}`);
      });
      if (g.rows.length !== r.rows.length) problems.push(`page ${i + 1}: REST ${r.rows.length} rows, GraphQL ${g.rows.length}`);
    }
    if (problems.length) throw new Error(`REST and GraphQL do not answer the same data:\n  ${problems.slice(0, 20).join('\n  ')}`);
    const sizes = {
      rest: (await c.get<unknown>(`/v1/interviews/${ids[0]}`).then((x) => JSON.stringify(x))).length,
      gql: JSON.stringify({ data: await c.graphql(ONE_QUERY, { id: ids[0] }) }).length,
    };
    log(`same data on both sides: ${ids.length} interviews, ${cursors.rest.length} page(s) of ${PAGE_SIZE}; one interview is ${sizes.rest}/${sizes.gql} B (REST/GraphQL)`);
    return cursors;
  } finally {
    c.close();
  }
}

// ---- load on one interview

function restOne(base: string, key: string, ids: string[], seconds: number) {
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, requests: [interviewReads(key, ids)] });
}

function gqlOne(base: string, key: string, ids: string[], seconds: number, uncached: boolean) {
  let n = 0;
  const bodies = ids.map((id) => JSON.stringify({ query: ONE_QUERY, variables: { id } }));
  const body = (i: number) => (uncached ? JSON.stringify({ query: oneQuery(`Interview${i}`), variables: { id: ids[i % ids.length] } }) : bodies[i % bodies.length]!);
  const request = {
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    setupRequest: (req: object) => ({ ...req, body: body(n++) }),
  };
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, requests: [request] });
}

// ---- report

const f0 = (x: number) => x.toFixed(0);
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

interface Row {
  label: string;
  rest: Figures;
  gql: Figures;
}

function table(rows: Row[]): string {
  const head = `| scenario | REST req/s (pages/s) | p50 ms | p99 ms | GraphQL req/s (pages/s) | p50 ms | p99 ms | GraphQL/REST | server CPU ms per request (page): REST (PG) | GraphQL (PG) |`;
  const sep = `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`;
  const lines = rows.map(({ label, rest: r, gql: g }) =>
    [
      label,
      f0(r.rps),
      ms(r.p50),
      ms(r.p99),
      f0(g.rps),
      ms(g.p50),
      ms(g.p99),
      `${((g.rps / r.rps) * 100).toFixed(0)} %`,
      `${r.cpu.toFixed(2)} (${r.pgCpu.toFixed(2)})`,
      `${g.cpu.toFixed(2)} (${g.pgCpu.toFixed(2)})`,
    ].join(' | '),
  );
  return [head, sep, ...lines.map((l) => `| ${l} |`)].join('\n');
}

// ---- main

async function main() {
  const t0 = performance.now();
  const loadBefore = os.loadavg();
  buildAndEnsurePostgres();
  const url = await freshBenchDatabase(DB_NAME);
  onCleanup(() => dropBenchDatabase(DB_NAME));
  const { child: rapport, base } = await startRapport(url);
  const pid = rapport.proc.pid!;

  log(`seeding ${INTERVIEWS} interviews through Rapport's API`);
  const { key, ids } = await seed(base);
  const cursors = await checkSameData(base, key, ids);

  let restPerPage = NaN;
  const autocannonLoad = (run: Promise<Result>) => run.then(fromAutocannon);
  const all = [
    {
      name: 'one',
      label: 'one interview: GET /v1/interviews/{id} vs `interview(id)`, every REST field',
      rest: (s: number) => autocannonLoad(restOne(base, key, ids, s)),
      gql: (s: number) => autocannonLoad(gqlOne(base, key, ids, s, false)),
    },
    {
      name: 'uncached',
      label: 'one interview, GraphQL query text new every time (parse + validate, no JIT)',
      rest: (s: number) => autocannonLoad(restOne(base, key, ids, s)),
      gql: (s: number) => autocannonLoad(gqlOne(base, key, ids, s, true)),
    },
    {
      name: 'page',
      label: `a page of ${PAGE_SIZE} with seeker and contact names (pages/s)`,
      rest: async (s: number) => {
        const r = await pageLoad(base, key, restPage, cursors.rest, s);
        restPerPage = r.perPage;
        return r;
      },
      gql: (s: number) => pageLoad(base, key, gqlPage, cursors.gql, s),
    },
  ];
  const only = process.env.BENCH_SCENARIOS?.split(',');
  const scenarios = all.filter((s) => !only || only.includes(s.name));
  const byName = new Map(scenarios.map((s) => [s.name, s]));
  const sides = [
    { name: 'REST', pid, side: 'rest' },
    { name: 'GraphQL', pid, side: 'gql' },
  ] as const;
  const results = await rounds(
    DB_NAME,
    scenarios.map((s) => s.name),
    sides,
    (name, t, seconds) => byName.get(name)![t.side](seconds),
    (name) => (name === 'page' ? 'page' : 'req'),
  );
  const mem = memory(pid);
  await stop(rapport);

  const rows = scenarios.map((s) => ({ label: s.label, rest: mean(results.get(`${s.name}:REST`)!), gql: mean(results.get(`${s.name}:GraphQL`)!) }));
  const bad = rows.some((x) => x.rest.bad > 0 || x.gql.bad > 0);
  const out = [
    '',
    `GraphQL against REST, one Rapport server — ${new Date().toISOString()}`,
    machine(),
    `${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} round(s), ${ids.length} interviews round-robin, one institution, 5 seekers`,
    '',
    table(rows),
    '',
    ...(Number.isFinite(restPerPage)
      ? [`A REST page took ${restPerPage.toFixed(1)} HTTP requests (the list, then the distinct seekers and contacts in parallel); a GraphQL page one.`]
      : []),
    bad ? 'WARNING: some requests failed (non-2xx, errors or timeouts); see above.' : 'All requests answered 2xx.',
    `RSS after the runs: ${mem.rssMb.toFixed(0)} MB (peak ${mem.peakMb.toFixed(0)})`,
    loadAverage(loadBefore),
    `(whole run ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  ];
  process.stdout.write(out.join('\n') + '\n');
}

runBench(main);
