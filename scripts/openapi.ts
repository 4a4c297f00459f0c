// Writes openapi/openapi.json from the routes' zod schemas, or with --check
// fails when the committed file differs from what the routes produce now.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';

const FILE = new URL('../openapi/openapi.json', import.meta.url);

// Building the document touches no database; any use of this one is a bug.
const noDatabase = new Proxy({} as Database, {
  get: (_t, prop) => {
    if (prop === 'kind') return 'postgres';
    throw new Error(`openapi generation must not use the database (${String(prop)})`);
  },
});

const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, false), db: noDatabase });
await app.ready();
const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
await app.close();

if (process.argv.includes('--check')) {
  const committed = await readFile(FILE, 'utf8').catch(() => '');
  if (committed !== doc) {
    console.error('openapi/openapi.json is out of date with the routes: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi/openapi.json matches the routes');
} else {
  await mkdir(new URL('.', FILE), { recursive: true });
  await writeFile(FILE, doc);
  console.log('wrote openapi/openapi.json');
}
