import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, createTenant, OPERATOR_TOKEN } from '../helpers/app.js';
import { act, contact, GOOD_REQUEST, interview, seeker } from '../helpers/fixtures.js';
import { kindOf, makeSchemaTools, METHODS, type Doc, type Method, type Operation, type Schema } from '../helpers/openapi-schema.js';
import { IMPORT_BODY_LIMIT_BYTES } from '../../src/schemas/sync.js';

// Bad input of every kind, thrown at every route the OpenAPI document lists:
// each must answer a clear 4xx problem+json, never a 5xx, and write nothing.
// Routes, their bodies and their query parameters are read from the document,
// so a new route is covered the day it is added.

const NOW = new Date('2026-12-01T12:00:00Z');
const BODY_LIMIT = 256 * 1024;
const WRITES: readonly Method[] = ['post', 'put', 'patch', 'delete'];

interface Route {
  method: Method;
  path: string;
  op: Operation | undefined;
}

// ---------------------------------------------------------------- cases

interface Case {
  label: string;
  /** A raw body; undefined sends none. */
  body?: string | Buffer;
  contentType?: string | null;
  url?: string;
  headers?: Record<string, string>;
  /** An exact status (and code) the case must answer; otherwise any 4xx. */
  expect?: { status: number; code?: string | string[] };
}

const RAW = '\u0001raw\u0001';

/** Sets `value` at `path` in a copy of `base`; a raw token is spliced into the JSON text. */
function bodyWith(base: unknown, path: string[], value: unknown, raw?: string): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) cur[key] = raw === undefined ? value : RAW;
    else {
      const next = cur[key];
      cur[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
      cur = cur[key] as Record<string, unknown>;
    }
  }
  const text = JSON.stringify(copy);
  return raw === undefined ? text : text.replace(JSON.stringify(RAW), raw);
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

type Tools = ReturnType<typeof makeSchemaTools>;

interface Mutation {
  path: string[];
  label: string;
  value?: unknown;
  raw?: string;
}

/** Values of the wrong type or out of range for one field, by its schema. */
function fieldMutations(tools: Tools, s: Schema | undefined, path: string[], depth: number): Mutation[] {
  const out: Mutation[] = [];
  const where = path.join('.');
  const add = (label: string, value: unknown) => out.push({ path, label: `${where} = ${label}`, value });
  const addRaw = (label: string, raw: string) => out.push({ path, label: `${where} = ${label}`, raw });
  /** Mutations of a nested value, wrapped so they sit at `path`. */
  const nested = (inner: Schema | undefined, label: string, wrap: (v: unknown) => unknown) => {
    for (const m of fieldMutations(tools, inner, [...path, label], depth + 1)) {
      if (m.raw === undefined && m.path.length === path.length + 1) out.push({ path, label: m.label, value: wrap(m.value) });
    }
  };

  // Fields nested in an object (the policy) get a lighter corpus: the
  // top-level fields already prove the parser and the validator.
  const lite = path.length > 1 && !/^\d+$/.test(path[path.length - 1]!);
  const wrong = ['wrong type', 42, {}, null, true, []].filter((v) => !tools.acceptsKind(s, kindOf(v)));
  for (const v of wrong.slice(0, lite ? 2 : 3)) add(JSON.stringify(v), v);
  for (const b of tools.branches(s)) {
    const types = tools.typesOf(b);
    if (types.includes('string')) {
      if (b.enum || b.pattern || b.format) add(`"' OR '1'='1"`, "' OR '1'='1");
      if (b.format === 'date-time') {
        for (const d of ['2026-13-45T00:00:00Z', '2026-02-30T10:00:00Z', '2026-12-01T15:00:00', 'yesterday']) add(JSON.stringify(d), d);
      }
      if (b.maxLength !== undefined) add(`a string of ${b.maxLength + 1} chars`, 'x'.repeat(b.maxLength + 1));
      if ((b.minLength ?? 0) >= 1) add('"   " (blank)', '   ');
      // PostgreSQL text and jsonb cannot hold U+0000: refusing it is the API's job.
      if (!b.enum) add('"ok\\u0000ok" (NUL)', 'ok\u0000ok');
    }
    if (types.includes('integer') || types.includes('number')) {
      if (types.includes('integer')) add('1.5', 1.5);
      if (b.minimum !== undefined) add(String(b.minimum - 1), b.minimum - 1);
      if (b.maximum !== undefined) add(String(b.maximum + 1), b.maximum + 1);
      if (!lite) addRaw('1e309', '1e309');
    }
    if (types.includes('boolean') && !lite) add('"true"', 'true');
    if (types.includes('array')) {
      const item = tools.sample(b.items);
      if (b.maxItems !== undefined) add(`${b.maxItems + 1} items`, Array.from({ length: b.maxItems + 1 }, () => item));
      if ((b.minItems ?? 0) >= 1) add('[]', []);
      if (depth < 3 && b.items) nested(b.items, '0', (v) => [v]);
    }
    if (types.includes('object') && depth < 3) {
      for (const [k, ps] of Object.entries(b.properties ?? {})) out.push(...fieldMutations(tools, ps, [...path, k], depth + 1));
      if (b.additionalProperties === false || b.propertyNames) add('{"notAField":1}', { notAField: 1 });
      const first = tools.resolve(b.propertyNames).enum?.[0];
      if (typeof first === 'string' && typeof b.additionalProperties === 'object') nested(b.additionalProperties, first, (v) => ({ [first]: v }));
    }
  }
  return out;
}

/** The corpus for one write route: parser-level garbage always, schema-level garbage when it takes a body. */
function bodyCases(tools: Tools, route: Route, base: Record<string, unknown> | undefined): Case[] {
  const json = 'application/json';
  const cases: Case[] = [];
  const malformed = (label: string, body: string | Buffer) => cases.push({ label: `malformed JSON: ${label}`, body, contentType: json, expect: { status: 400, code: 'malformed_json' } });
  for (const s of ['{', '{"a":}', '{"a":1,}', 'nul', "{'a':1}", 'NaN', '{"a":"\\x"}', '{"a":"\\ud800', '{"a":1}garbage', '\u0000']) {
    malformed(JSON.stringify(s), s);
  }
  malformed('invalid UTF-8 bytes', Buffer.from([0xff, 0xfe, 0xfd]));
  for (const s of ['{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":{"__proto__":{"isAdmin":true}}}', `${'{"a":'.repeat(5_000)}{"__proto__":1}${'}'.repeat(5_000)}`]) {
    cases.push({ label: `prototype poisoning: ${s.slice(0, 40)}`, body: s, contentType: json, expect: { status: 400 } });
  }
  // The imports take larger bodies (src/schemas/sync.ts).
  const limit = route.path.endsWith('/import') ? IMPORT_BODY_LIMIT_BYTES : BODY_LIMIT;
  const over = JSON.stringify({ filler: 'x'.repeat(limit + 1024) });
  cases.push({ label: 'a body above the size limit', body: over, contentType: json, expect: { status: 413, code: 'body_too_large' } });
  cases.push({ label: 'form-urlencoded body', body: 'name=x&a=1', contentType: 'application/x-www-form-urlencoded', expect: { status: 415, code: 'unsupported_media_type' } });
  cases.push({ label: 'multipart body', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x', expect: { status: 415, code: 'unsupported_media_type' } });
  cases.push({ label: 'xml body', body: '<a>1</a>', contentType: 'application/xml', expect: { status: 415, code: 'unsupported_media_type' } });
  if (!base) return cases;

  // (A DELETE with an empty body is an ordinary DELETE, so these need a body route.)
  cases.push({ label: 'empty body with content-type json', body: '', contentType: json, expect: { status: 400, code: 'malformed_json' } });
  cases.push({ label: 'whitespace body with content-type json', body: '   \n', contentType: json, expect: { status: 400 } });
  const baseText = JSON.stringify(base);
  const rest = baseText === '{}' ? '}' : `,${baseText.slice(1)}`;
  for (const p of ['{"__proto__":{"isAdmin":true}', '{"constructor":{"prototype":{"isAdmin":true}}']) {
    cases.push({ label: `prototype poisoning beside valid fields: ${p}…`, body: p + rest, contentType: json, expect: { status: 400 } });
  }
  cases.push({ label: 'a valid body sent as text/plain', body: baseText, contentType: 'text/plain', expect: { status: 415, code: 'unsupported_media_type' } });
  cases.push({ label: 'a valid body with no content-type', body: baseText, contentType: null, expect: { status: 415, code: 'unsupported_media_type' } });
  for (const s of ['[]', '1', '"x"', 'null', 'true', `[${baseText}]`]) {
    cases.push({ label: `non-object JSON: ${s.slice(0, 40)}`, body: s, contentType: json, expect: { status: 400 } });
  }
  for (const [k, v] of [['notAField', 1], ['id', 'skr_01jdz3v4k8q2w5e7r9t1y3v5z7'], ['institutionId', 'ins_01jdz3v4k8q2w5e7r9t1y3v5z7'], ['constructor', { x: 1 }], ['toString', 'x']] as const) {
    if (k in (tools.resolve(route.op && bodySchemaOf(route.op)).properties ?? {})) continue;
    cases.push({ label: `unknown field ${k}`, body: JSON.stringify({ ...base, [k]: v }), contentType: json, expect: { status: 400, code: 'validation_failed' } });
  }
  cases.push({ label: 'unknown field holding an array nested 60,000 deep', body: bodyWith(base, ['deep'], null, deepArray(60_000)), contentType: json, expect: { status: 400 } });
  cases.push({ label: 'unknown field holding an object nested 20,000 deep', body: bodyWith(base, ['deep'], null, deepObject(20_000)), contentType: json, expect: { status: 400 } });

  const schema = tools.resolve(route.op && bodySchemaOf(route.op));
  const firstText = Object.entries(schema.properties ?? {}).find(([, ps]) => tools.acceptsKind(ps, 'string'))?.[0];
  if (firstText) cases.push({ label: `${firstText} = a 200 KB string`, body: bodyWith(base, [firstText], 'x'.repeat(200_000)), contentType: json, expect: { status: 400, code: 'validation_failed' } });
  for (const k of schema.required ?? []) {
    const without = { ...base };
    delete without[k];
    cases.push({ label: `required ${k} missing`, body: JSON.stringify(without), contentType: json, expect: { status: 400, code: 'validation_failed' } });
  }
  for (const [k, ps] of Object.entries(schema.properties ?? {})) {
    for (const m of fieldMutations(tools, ps, [k], 0)) {
      cases.push({ label: m.label, body: bodyWith(base, m.path, m.value, m.raw), contentType: json });
    }
  }
  return cases;
}

function bodySchemaOf(op: Operation): Schema | undefined {
  return op.requestBody?.content?.['application/json']?.schema;
}

// ---------------------------------------------------------------- the test

t.test('bad input anywhere: a clear 4xx problem, never a 5xx, and nothing written', async (t) => {
  const { app, db } = await buildTestApp(t, { now: NOW });
  const a = await createTenant(app);

  // Seed one of everything; the actions get an interview in prospect and one in requested.
  const s = await seeker(a, { externalId: 'ext-1' });
  const c = await contact(a, { externalId: 'ext-c1' });
  const iv = await interview(a);
  const requested = await interview(a);
  await act(a, requested.id, 'request', GOOD_REQUEST);
  const fresh = await interview(a); // for the schema-valid cases, untouched by the corpus
  const evt = await db.prisma.event.findFirstOrThrow({ where: { institutionId: a.institutionId }, orderBy: { sequence: 'desc' } });
  const ids: Record<string, string> = { skr: s.id, con: c.id, int: iv.id, ins: a.institutionId, evt: evt.id };
  const otherKind: Record<string, string> = { skr: c.id, con: s.id, int: s.id, evt: iv.id };
  const idFor = (prefix: string) => ids[prefix] ?? `${prefix}_01jdz3v4k8q2w5e7r9t1y3v5z7`;
  // (Crockford base32: no i, l, o or u.)
  const nonexistent = (prefix: string) => `${prefix}_01jdz3v4k8q2w5e7r9t1y3v5z8`;

  // Every route of the live document, and of the committed one (a write route
  // only the committed file lists is still attacked; it should answer 404).
  const live = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>();
  const committed = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Doc;
  const routes = new Map<string, Route>();
  for (const doc of [committed, live]) {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of METHODS) if (ops[method]) routes.set(`${method} ${path}`, { method, path, op: live.paths[path]?.[method] ?? ops[method] });
    }
  }
  const tools = makeSchemaTools(live, idFor);
  const writeRoutes = [...routes.values()].filter((r) => WRITES.includes(r.method));
  t.ok(writeRoutes.length >= 20, `the document lists the write routes (${writeRoutes.length})`);
  for (const must of ['post /v1/seekers', 'patch /v1/seekers/{id}', 'delete /v1/seekers/{id}', 'post /v1/contacts', 'post /v1/interviews', 'patch /v1/interviews/{id}', 'post /v1/interviews/{id}/request', 'post /v1/interviews/{id}/add-referral', 'patch /v1/institution', 'post /operator/institutions']) {
    t.ok(routes.has(must), `covers ${must}`);
  }

  // A fingerprint of every table: row count and a hash of all rows.
  const tables = (await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  )).map((r) => r.name);
  for (const name of ['seekers', 'contacts', 'interviews', 'events', 'institutions', 'api_keys']) t.ok(tables.includes(name), `fingerprints ${name}`);
  const fingerprintSql = tables
    .map((name) => `SELECT '${name}' AS name, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${name}" x`)
    .join(' UNION ALL ');
  const fingerprint = async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ name: string; n: number; h: string }[]>(fingerprintSql);
    return new Map(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
  };
  const before = {
    counts: {
      seekers: await db.prisma.seeker.count(),
      contacts: await db.prisma.contact.count(),
      interviews: await db.prisma.interview.count(),
      events: await db.prisma.event.count(),
      institutions: await db.prisma.institution.count(),
      apiKeys: await db.prisma.apiKey.count(),
    },
    interviews: await db.prisma.interview.findMany({ select: { id: true, version: true, updatedAt: true, state: true }, orderBy: { id: 'asc' } }),
    seekers: await db.prisma.seeker.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    contacts: await db.prisma.contact.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    institutions: await db.prisma.institution.findMany({ select: { id: true, updatedAt: true, policy: true, eventSeq: true }, orderBy: { id: 'asc' } }),
  };
  let baseline = await fingerprint();

  let sent = 0;
  /** Sends one case and returns what was wrong with the answer, if anything. */
  const send = async (route: Route, url: string, c: Case): Promise<string[]> => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.contentType) headers['content-type'] = c.contentType;
    headers.authorization = route.path.startsWith('/v1/') ? `Bearer ${a.key}` : `Bearer ${OPERATOR_TOKEN}`;
    const opts: InjectOptions = { method: route.method.toUpperCase(), url: c.url ?? url, headers };
    if (c.body !== undefined) opts.payload = c.body;
    let res: LightMyRequestResponse;
    try {
      res = await app.inject(opts);
    } catch (err) {
      return [`the request threw: ${String(err)}`];
    }
    sent++;
    const problems: string[] = [];
    const summary = `${res.statusCode} ${res.body.slice(0, 160)}`;
    if (res.statusCode < 400 || res.statusCode >= 500) problems.push(`answered ${summary}`);
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) problems.push(`content-type ${String(res.headers['content-type'])} (${summary})`);
    else {
      let body: Record<string, unknown> = {};
      try {
        body = res.json<Record<string, unknown>>();
      } catch {
        problems.push('problem body is not JSON');
      }
      for (const k of ['type', 'title', 'detail', 'code']) if (typeof body[k] !== 'string' || body[k] === '') problems.push(`problem.${k} missing`);
      if (body.status !== res.statusCode) problems.push(`problem.status ${String(body.status)} ≠ HTTP ${res.statusCode}`);
      if (c.expect && res.statusCode >= 400 && res.statusCode < 500) {
        const codes = c.expect.code === undefined ? undefined : [c.expect.code].flat();
        if (res.statusCode !== c.expect.status || (codes && !codes.includes(String(body.code)))) {
          problems.push(`expected ${c.expect.status}${codes ? ` ${codes.join('|')}` : ''}, got ${res.statusCode} ${String(body.code)}`);
        }
      }
    }
    // Checking the tables after every request is slow; an answer outside 4xx
    // is checked at once, and every batch is checked as a whole at its end.
    if (problems.length) problems.push(...(await changes(`answered ${summary}`)));
    return problems;
  };
  /** Tables that changed since the last look, described; the new state becomes the baseline. */
  const changes = async (context: string): Promise<string[]> => {
    const now = await fingerprint();
    const changed = [...now].filter(([name, fp]) => baseline.get(name) !== fp).map(([name]) => name);
    baseline = now;
    return changed.length ? [`wrote to ${changed.join(', ')} (${context})`] : [];
  };
  /**
   * Sends a batch a few at a time (the API key lookup is a query per request,
   * so overlapping them keeps the file fast) and lists what went wrong, in order.
   */
  const sendAll = async (route: Route, url: string, cases: Case[]): Promise<string[]> => {
    const results: string[][] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i]!;
        results[i] = (await send(route, url, c)).map((p) => `${c.label}: ${p}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return [...results.flat(), ...(await changes('by a request that answered 4xx'))];
  };
  const report = (t: Test, route: Route, failures: string[], what: string, n: number) => {
    t.same(failures, [], `${route.method.toUpperCase()} ${route.path}: ${n} ${what} answered a clean 4xx and wrote nothing`);
  };

  const fillPath = (route: Route, override?: { name: string; value: string }) =>
    route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (override?.name === name) return override.value;
      const p = route.op?.parameters?.find((x) => x.in === 'path' && x.name === name);
      const prefix = p?.schema ? tools.branches(p.schema).map(tools.idPrefix).find(Boolean) : undefined;
      return encodeURIComponent(prefix ? idFor(prefix) : 'x');
    });

  await t.test('bodies: malformed, wrong-typed, unknown, oversized, poisoned', async (t) => {
    for (const route of writeRoutes) {
      const schema = route.op && bodySchemaOf(route.op);
      // The operator route creates institutions: its base must not be valid on its own.
      const base = schema ? (tools.sample(schema) as Record<string, unknown>) : undefined;
      const cases = bodyCases(tools, route, base);
      report(t, route, await sendAll(route, fillPath(route), cases), 'bad bodies', cases.length);
    }
  });

  await t.test('semantic bad input that passes the schema', async (t) => {
    const json = 'application/json';
    const extra: [string, string, unknown, Case['expect']][] = [
      ['patch /v1/institution', '/v1/institution', { policy: { minRequestedMinutes: 40 } }, { status: 400, code: 'validation_failed' }],
      ['patch /v1/institution', '/v1/institution', { policy: { minRequestedMinutes: 25, maxRequestedMinutes: 20 } }, { status: 400, code: 'validation_failed' }],
      ['patch /v1/institution', '/v1/institution', { timeZone: 'Mars/Olympus_Mons' }, { status: 400, code: 'validation_failed' }],
      ['patch /v1/institution', '/v1/institution', { policy: { ruleSeverity: { not_a_rule: 'off' } } }, { status: 400, code: 'validation_failed' }],
      ['post /v1/interviews', '/v1/interviews', { seekerId: nonexistent('skr'), contactId: c.id }, { status: 422, code: 'related_not_found' }],
      ['post /v1/interviews', '/v1/interviews', { seekerId: s.id, contactId: nonexistent('con') }, { status: 422, code: 'related_not_found' }],
      ['post /v1/contacts', '/v1/contacts', { name: 'Dangling', introducedById: nonexistent('con') }, { status: 422, code: 'related_not_found' }],
      ['patch /v1/contacts/{id}', `/v1/contacts/${c.id}`, { introducedById: c.id }, { status: 400 }],
      ['post /v1/seekers', '/v1/seekers', { name: 'Twin', externalId: 'ext-1' }, { status: 409, code: 'external_id_taken' }],
      ['post /v1/contacts', '/v1/contacts', { name: 'Twin', externalId: 'ext-c1' }, { status: 409, code: 'external_id_taken' }],
      ['post /v1/seekers', '/v1/seekers', { name: 'Ada', email: 'not an email' }, { status: 400, code: 'validation_failed' }],
      ['post /v1/contacts', '/v1/contacts', { name: 'Ada', linkedinUrl: 'javascript:alert(1)' }, { status: 400, code: 'validation_failed' }],
      ['post /v1/contacts', '/v1/contacts', { name: 'Ada', linkedinUrl: 'ftp://example.com/x' }, { status: 400, code: 'validation_failed' }],
      ['post /v1/interviews/{id}/request', `/v1/interviews/${fresh.id}/request`, { ...GOOD_REQUEST, channel: 'carrier_pigeon' }, { status: 400, code: 'validation_failed' }],
      ['post /v1/interviews/{id}/schedule', `/v1/interviews/${requested.id}/schedule`, { scheduledAt: '2026-13-45T00:00:00Z', mode: 'video' }, { status: 400, code: 'validation_failed' }],
      ['post /v1/interviews/{id}/schedule', `/v1/interviews/${requested.id}/schedule`, { scheduledAt: '2026-12-10T15:00:00Z', mode: 'hologram' }, { status: 400, code: 'validation_failed' }],
      ['post /v1/interviews/{id}/request', `/v1/interviews/${fresh.id}/request`, { ...GOOD_REQUEST, message: 'Hi Pat,\u0000 could I have 20 minutes?' }, { status: 400 }],
      ['post /v1/interviews/{id}/request', `/v1/interviews/${fresh.id}/request`, { ...GOOD_REQUEST, message: 'Hi Pat, \ud800 could I have 20 minutes?' }, { status: 400 }],
      ['post /v1/seekers', '/v1/seekers', { name: 'Lone \udc00 surrogate' }, { status: 400 }],
    ];
    const failures: string[] = [];
    for (const [key, url, body, expect] of extra) {
      const route = routes.get(key);
      if (!route) {
        failures.push(`${key}: no such route`);
        continue;
      }
      const problems = await send(route, url, { label: '', body: JSON.stringify(body), contentType: json, expect });
      problems.push(...(await changes('though it answered 4xx')));
      for (const p of problems) failures.push(`${key} ${JSON.stringify(body).slice(0, 90)}: ${p}`);
    }
    t.same(failures, [], `${extra.length} schema-valid but wrong bodies answered a clean 4xx and wrote nothing`);
  });

  await t.test('bad path ids on every route with an id', async (t) => {
    for (const route of routes.values()) {
      const params = (route.op?.parameters ?? []).filter((p) => p.in === 'path');
      if (params.length === 0) continue;
      const schema = route.op && bodySchemaOf(route.op);
      const body = schema ? JSON.stringify(tools.sample(schema)) : undefined;
      const cases: Case[] = [];
      for (const p of params) {
        // An upsert's key: any text is a valid one (a new record); its own bad values are in upsert.test.ts.
        if (p.name === 'externalId') continue;
        const prefix = p.schema ? tools.branches(p.schema).map(tools.idPrefix).find(Boolean) : undefined;
        const values: [string, string, Case['expect']][] = [
          ['not-an-id', 'not-an-id', { status: 400, code: 'validation_failed' }],
          ["SQL-ish", encodeURIComponent("' OR '1'='1' --"), { status: 400, code: 'validation_failed' }],
          ['NUL', '%00', { status: 400 }],
          ['bad percent-encoding', '%E0%A4%A', { status: 400 }],
          ['a 5,000-char id', 'a'.repeat(5_000), undefined],
          ['a 100-char id', 'b'.repeat(100), { status: 400 }],
          ['__proto__', '__proto__', { status: 400 }],
          ['constructor', 'constructor', { status: 400 }],
        ];
        if (prefix) {
          values.push(['upper-cased id', idFor(prefix).toUpperCase(), { status: 400 }]);
          values.push(['id with a trailing space', encodeURIComponent(`${idFor(prefix)} `), { status: 400 }]);
          values.push(['well-formed id that does not exist', nonexistent(prefix), { status: 404, code: 'not_found' }]);
          const wrong = otherKind[prefix];
          if (wrong) values.push([`a ${wrong.slice(0, 3)}_ id`, wrong, { status: 400, code: 'validation_failed' }]);
        }
        for (const [label, value, expect] of values) {
          const c: Case = { label: `${p.name} = ${label}`, url: fillPath(route, { name: p.name, value }), expect };
          if (body !== undefined) Object.assign(c, { body, contentType: 'application/json' });
          cases.push(c);
        }
      }
      report(t, route, await sendAll(route, '', cases), 'bad ids', cases.length);
    }
  });

  await t.test('bad query strings on every list', async (t) => {
    for (const route of routes.values()) {
      const query = (route.op?.parameters ?? []).filter((p) => p.in === 'query');
      if (route.method !== 'get' || query.length === 0) continue;
      const url = fillPath(route);
      const cases: Case[] = [];
      const add = (label: string, qs: string, expect: Case['expect'] = { status: 400 }) => cases.push({ label, url: `${url}?${qs}`, expect });
      add('unknown parameter', 'notAParam=1');
      add('__proto__ parameter', '__proto__=x');
      add('constructor parameter', 'constructor=x');
      add('nested-looking parameter', 'a[b]=1');
      for (const p of query) {
        const q = (v: string) => `${p.name}=${encodeURIComponent(v)}`;
        const types = tools.branches(p.schema).flatMap(tools.typesOf);
        add(`${p.name} repeated`, `${q(String(tools.sample(p.schema)))}&${q(String(tools.sample(p.schema)))}`);
        if (types.includes('integer') || types.includes('number')) {
          const b = tools.resolve(p.schema);
          for (const v of ['abc', '1.5', '-1', 'NaN', 'Infinity', '9'.repeat(400), ...(b.minimum !== undefined ? [String(b.minimum - 1)] : []), ...(b.maximum !== undefined ? [String(b.maximum + 1)] : [])]) add(`${p.name}=${v.slice(0, 20)}`, q(v));
        } else {
          const b = tools.branches(p.schema)[0] ?? {};
          const strs = ['garbage!', "' OR '1'='1", 'x'.repeat(300), 'a\u0000b', `c1.${Buffer.from('junk').toString('base64url')}`, `c1.${Buffer.from('zzz_01jdz3v4k8q2w5e7r9t1y3v5z7').toString('base64url')}`, 'yesterday', '2026-13-45T00:00:00Z', ''];
          const prefix = tools.idPrefix(b);
          if (prefix && otherKind[prefix]) strs.push(otherKind[prefix]);
          // A value the parameter's own pattern accepts is not bad input (types=yesterday is just a type with no events).
          const fits = (v: string) => b.pattern !== undefined && !b.format && new RegExp(b.pattern).test(v);
          for (const v of strs.filter((x) => !fits(x))) add(`${p.name}=${JSON.stringify(v.slice(0, 30))}`, q(v), { status: 400, code: ['validation_failed', 'invalid_cursor'] });
        }
      }
      report(t, route, await sendAll(route, url, cases), 'bad query strings', cases.length);
    }
  });

  await t.test('bad If-Match headers on writes that take one', async (t) => {
    for (const route of routes.values()) {
      if (!route.op?.parameters?.some((p) => p.in === 'header' && p.name === 'if-match')) continue;
      const schema = bodySchemaOf(route.op);
      const body = schema ? JSON.stringify(tools.sample(schema)) : undefined;
      const values = ['junk', '"abc"', '"99999999999"', '"-1"', 'W/', 'x'.repeat(8_000)];
      const cases = values.map((v): Case => {
        const c: Case = { label: `If-Match ${v.slice(0, 20)}`, headers: { 'if-match': v }, expect: { status: 412, code: 'version_conflict' } };
        if (body !== undefined) Object.assign(c, { body, contentType: 'application/json' });
        return c;
      });
      report(t, route, await sendAll(route, fillPath(route), cases), 'bad If-Match values', cases.length);
    }
  });

  t.comment(`${sent} bad requests sent`);
  t.ok(sent > 1000, 'a large corpus was sent');

  // After the whole corpus: the same rows, versions and timestamps.
  t.same(
    {
      seekers: await db.prisma.seeker.count(),
      contacts: await db.prisma.contact.count(),
      interviews: await db.prisma.interview.count(),
      events: await db.prisma.event.count(),
      institutions: await db.prisma.institution.count(),
      apiKeys: await db.prisma.apiKey.count(),
    },
    before.counts,
    'no table gained or lost a row',
  );
  t.same(await db.prisma.interview.findMany({ select: { id: true, version: true, updatedAt: true, state: true }, orderBy: { id: 'asc' } }), before.interviews, 'interviews: same version, state and updatedAt');
  t.same(await db.prisma.seeker.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } }), before.seekers, 'seekers unchanged');
  t.same(await db.prisma.contact.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } }), before.contacts, 'contacts unchanged');
  t.same(await db.prisma.institution.findMany({ select: { id: true, updatedAt: true, policy: true, eventSeq: true }, orderBy: { id: 'asc' } }), before.institutions, 'institutions unchanged');
});
