import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { institutionCreateSchema } from './schemas/institution.js';
import { createInstitution } from './services/institutions.js';

// `rapport`: operator tasks that work offline, straight on the database the
// service would use (DATABASE_URL, or the embedded one under DATA_DIR).

const HELP = `Usage: rapport <command> [options]

Commands:
  institution create --name <name> [--time-zone <IANA zone>] [--json]
      Create an institution and print its first admin API key (shown once).
  migrate
      Apply pending database migrations and exit.

Environment: DATABASE_URL (unset: embedded database under DATA_DIR, default ./data).
`;

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !command) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  if (command === 'migrate') {
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (m) => console.error(m) });
    await db.close();
    console.error('database is up to date');
    return 0;
  }
  if (command === 'institution create') {
    const input = institutionCreateSchema.safeParse({ name: values.name, timeZone: values['time-zone'] });
    if (!input.success) {
      console.error(`Invalid input: ${input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return 2;
    }
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (m) => console.error(m) });
    try {
      const created = await createInstitution(db, () => new Date(), { type: 'operator', id: 'cli' }, input.data);
      if (values.json) {
        process.stdout.write(JSON.stringify(created, null, 2) + '\n');
      } else {
        process.stdout.write(`Created ${created.institution.name} (${created.institution.id}).\nAdmin API key (shown once): ${created.apiKey.secret}\n`);
      }
    } finally {
      await db.close();
    }
    return 0;
  }
  console.error(`Unknown command "${command}".\n`);
  process.stderr.write(HELP);
  return 2;
}

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof TypeError ? err.message : err);
    process.exit(1);
  },
);
