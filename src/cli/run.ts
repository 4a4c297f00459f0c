import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { runWorkerProcess } from '../jobs/worker-process.js';
import { apiKeyCreateSchema, apiKeyIdSchema } from '../schemas/api-keys.js';
import { institutionCreateSchema } from '../schemas/institution.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../services/api-key-admin.js';
import { SCOPES } from '../services/api-keys.js';
import type { Actor } from '../services/context.js';
import { createInstitution } from '../services/institutions.js';

// `rapport`: operator tasks that work offline, straight on the database the
// service would use (DATABASE_URL, or the embedded one under DATA_DIR; stop an
// embedded server first, its database belongs to one process).

const ENVIRONMENT = 'Environment: DATABASE_URL (unset: the embedded database under DATA_DIR, default ./data).\n';

const HELP: Record<string, string> = {
  '': `Usage: rapport <command> [options]

Commands:
  institution create   Create an institution and its first admin API key
  apikey create        Issue an API key for an institution
  apikey revoke        Revoke an API key at once
  apikey list          List an institution's keys (never their secrets)
  migrate              Apply pending database migrations and exit
  worker               Deliver webhooks and send reminders (no API); needs DATABASE_URL

Run "rapport <command> --help" for a command's options.
${ENVIRONMENT}`,
  'institution create': `Usage: rapport institution create --name <name> [--time-zone <IANA zone>] [--json]

Creates an institution and prints its first admin API key (shown once).
${ENVIRONMENT}`,
  'apikey create': `Usage: rapport apikey create --institution <ins_…> [--name <label>] [--scopes <list>] [--json]

Issues a key and prints its secret (shown once). --scopes is a comma-separated
list of ${SCOPES.join(', ')} (default: read,write). write implies read; review
lets a counsellor override text checks on actions (give it with write); admin
grants everything.
${ENVIRONMENT}`,
  'apikey revoke': `Usage: rapport apikey revoke <key_…> [--json]

Revokes the key: the next request with it answers 401. Revoking a revoked key
changes nothing.
${ENVIRONMENT}`,
  'apikey list': `Usage: rapport apikey list --institution <ins_…> [--json]

Lists the institution's keys: id, name, first characters, scopes, revoked or not.
${ENVIRONMENT}`,
  migrate: `Usage: rapport migrate

Applies pending migrations (the service also does so when it starts) and exits.
${ENVIRONMENT}`,
  worker: `Usage: rapport worker

Runs a worker process: webhook delivery, reminders and housekeeping, no API.
Run any number beside API processes; SIGTERM finishes work in flight and exits.
Needs DATABASE_URL (PostgreSQL).
`,
};

const CLI_ACTOR: Actor = { type: 'operator', id: 'cli' };

class UsageError extends Error {}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = { env: process.env, out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Runs one command; answers the exit code (0 done, 1 failed, 2 usage error). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        'time-zone': { type: 'string' },
        institution: { type: 'string' },
        scopes: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${HELP['']!}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const known = Object.keys(HELP).filter(Boolean);
  const command = known.find((c) => positionals.slice(0, c.split(' ').length).join(' ') === c);
  const rest = command ? positionals.slice(command.split(' ').length) : positionals;

  if (!command) {
    if (positionals.length > 0) io.err(`Unknown command "${positionals.join(' ')}".\n\n${HELP['']!}`);
    else io.out(HELP['']!);
    return values.help && positionals.length === 0 ? 0 : 2;
  }
  if (values.help) {
    io.out(HELP[command]!);
    return 0;
  }
  const print = (json: unknown, text: string) => io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);

  try {
    if (command === 'worker') {
      await runWorkerProcess(loadConfig(io.env));
      return await new Promise<number>(() => {}); // runs until a signal ends the process
    }
    if (command === 'migrate') {
      await withDatabase(io, async () => io.err('database is up to date\n'));
      return 0;
    }
    if (command === 'institution create') {
      const input = valid(institutionCreateSchema.safeParse({ name: values.name, timeZone: values['time-zone'] }), { timeZone: 'time-zone' });
      const created = await withDatabase(io, (db) => createInstitution(db, () => new Date(), CLI_ACTOR, input));
      print(created, `Created ${created.institution.name} (${created.institution.id}).\nAdmin API key (shown once): ${created.apiKey.secret}`);
      return 0;
    }
    if (command === 'apikey create') {
      const scopes = (values.scopes ?? 'read,write').split(',').map((s) => s.trim()).filter(Boolean);
      const input = valid(apiKeyCreateSchema.safeParse({ institutionId: values.institution, name: values.name ?? 'CLI key', scopes }), { institutionId: 'institution' });
      const issued = await withDatabase(io, (db) => issueApiKey(db, () => new Date(), CLI_ACTOR, input));
      print(issued, `Created key ${issued.apiKey.id} (${issued.apiKey.scopes.join(', ')}) for ${input.institutionId}.\nAPI key (shown once): ${issued.secret}`);
      return 0;
    }
    if (command === 'apikey revoke') {
      if (rest.length !== 1) throw new UsageError('Give exactly one key id: rapport apikey revoke <key_…>');
      const id = valid(apiKeyIdSchema.safeParse(rest[0]), {}, 'key');
      const result = await withDatabase(io, (db) => revokeApiKey(db, () => new Date(), CLI_ACTOR, id));
      print(result, result.alreadyRevoked ? `Key ${id} was already revoked (${result.apiKey.revokedAt}).` : `Revoked key ${id}.`);
      return 0;
    }
    if (command === 'apikey list') {
      const institution = valid(apiKeyCreateSchema.shape.institutionId.safeParse(values.institution), {}, 'institution');
      const keys = await withDatabase(io, (db) => listApiKeys(db, institution));
      const lines = keys.map((k) => `${k.id}  ${k.prefix}…  ${k.scopes.join(',').padEnd(20)}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}  ${k.name}`);
      print(keys, lines.join('\n') || 'No keys.');
      return 0;
    }
    throw new Error(`unhandled command ${command}`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${HELP[command]!}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** The zod result's data, or a usage error naming the flag. */
function valid<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }, flags: Record<string, string>, argument?: string): T {
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    const field = String(i.path[0] ?? argument ?? '');
    return `${argument && i.path.length === 0 ? argument : `--${flags[field] ?? field}`}: ${i.message}`;
  });
  throw new UsageError(`Invalid input: ${issues.join('; ')}`);
}

async function withDatabase<T>(io: CliIo, fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (m) => io.err(`${m}\n`) });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
