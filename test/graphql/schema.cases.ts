import t from 'tap';
import { buildSchema, isInputObjectType, isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { ACTIONS, actionInputSchemas, actionOverrideSchema, policyPatchSchema, policySchema } from '../../src/domain/index.js';
import { enumsSdl, GRAPHQL_ENUMS } from '../../src/graphql/enums.js';
import { ACTION_MUTATIONS } from '../../src/graphql/resolvers/mutation.js';
import { readSdl } from '../../src/graphql/sdl.js';
import { eventSchema } from '../../src/schemas/events.js';
import { institutionPatchSchema, institutionSchema } from '../../src/schemas/institution.js';
import { interviewCreateSchema, interviewPatchSchema, interviewSchema, overrideRecordSchema } from '../../src/schemas/interviews.js';
import { contactCreateSchema, contactPatchSchema, contactSchema, seekerCreateSchema, seekerPatchSchema, seekerSchema } from '../../src/schemas/people.js';
import { readFile } from 'node:fs/promises';

// The SDL cannot drift from the REST contract: every input type has exactly
// the fields of the zod schema that validates it, every view field is
// exposed, every action has its mutation, and every root field a resolver.

const noDatabase = new Proxy({} as Database, {
  get: (_t, prop) => {
    if (prop === 'kind') return 'postgres';
    throw new Error(`the schema must not need the database (${String(prop)})`);
  },
});

async function served(t: { teardown(fn: () => unknown): void }): Promise<GraphQLSchema> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, false), db: noDatabase });
  await app.ready();
  t.teardown(() => app.close());
  return app.graphql.schema;
}

const keys = (s: { shape: Record<string, unknown> }) => Object.keys(s.shape).sort();

t.test('the served schema is schema/*.graphql, and the enums are the domain', async (t) => {
  const schema = await served(t);
  t.equal(printSchema(lexicographicSortSchema(schema)), printSchema(lexicographicSortSchema(buildSchema(await readSdl()))));
  t.equal(await readFile(new URL('../../schema/enums.graphql', import.meta.url), 'utf8'), enumsSdl(), 'schema/enums.graphql is generated from src/domain');
  for (const name of Object.keys(GRAPHQL_ENUMS)) t.ok(schema.getType(name), `enum ${name}`);
});

t.test('input types mirror the zod schemas that validate them', async (t) => {
  const schema = buildSchema(await readSdl());
  const pairs: [string, { shape: Record<string, unknown> }][] = [
    ['CreateInterviewInput', interviewCreateSchema],
    ['UpdateInterviewInput', interviewPatchSchema],
    ['RequestInterviewInput', actionInputSchemas.request],
    ['ScheduleInterviewInput', actionInputSchemas.schedule],
    ['RescheduleInterviewInput', actionInputSchemas.reschedule],
    ['ConfirmInterviewInput', actionInputSchemas.confirm],
    ['MeetInterviewInput', actionInputSchemas.meet],
    ['ThankInterviewInput', actionInputSchemas.thank],
    ['FollowUpInterviewInput', actionInputSchemas.follow_up],
    ['EndInterviewInput', actionInputSchemas.decline],
    ['ExpireInterviewInput', actionInputSchemas.expire],
    ['AddReferralInput', actionInputSchemas.add_referral],
    ['ActionOverrideInput', actionOverrideSchema],
    ['CreateSeekerInput', seekerCreateSchema],
    ['UpdateSeekerInput', seekerPatchSchema],
    ['CreateContactInput', contactCreateSchema],
    ['UpdateContactInput', contactPatchSchema],
    ['UpdateInstitutionInput', institutionPatchSchema],
    ['PolicyPatchInput', policyPatchSchema],
  ];
  for (const [name, zod] of pairs) {
    const type = schema.getType(name);
    t.ok(isInputObjectType(type), name);
    if (isInputObjectType(type)) t.same(Object.keys(type.getFields()).sort(), keys(zod), `${name} has the fields of its schema`);
  }
});

t.test('object types expose every field of the REST views', async (t) => {
  const schema = buildSchema(await readSdl());
  const views: [string, { shape: Record<string, unknown> }][] = [
    ['Interview', interviewSchema],
    ['Seeker', seekerSchema],
    ['Contact', contactSchema],
    ['Event', eventSchema],
    ['Institution', institutionSchema],
    ['Policy', policySchema],
    ['ActionOverride', overrideRecordSchema],
  ];
  for (const [name, zod] of views) {
    const type = schema.getType(name);
    if (!isObjectType(type)) {
      t.fail(`${name} is an object type`);
      continue;
    }
    const missing = keys(zod).filter((k) => !(k in type.getFields()));
    t.same(missing, [], `${name} exposes every field of its view`);
  }
});

t.test('every action has its mutation, every root field its resolver', async (t) => {
  const schema = await served(t);
  const mutations = schema.getMutationType()!.getFields();
  for (const action of ACTIONS) {
    const field = mutations[ACTION_MUTATIONS[action]];
    t.ok(field, `${action} → ${ACTION_MUTATIONS[action]}`);
    const input = field?.args.find((a) => a.name === 'input');
    const fields = Object.keys(actionInputSchemas[action].shape);
    if (fields.length) t.ok(input, `${action} takes an input`);
    t.ok(field?.args.some((a) => a.name === 'expectedVersion'), `${action} takes expectedVersion`);
  }
  for (const type of [schema.getQueryType()!, schema.getMutationType()!]) {
    for (const field of Object.values(type.getFields())) t.type(field.resolve, 'function', `${type.name}.${field.name} has a resolver`);
  }
  t.type(schema.getSubscriptionType()!.getFields().events!.subscribe, 'function', 'Subscription.events subscribes');
});
