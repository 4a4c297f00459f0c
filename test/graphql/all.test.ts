// Each GraphQL test file took a second or two of CPU just to start (tsx,
// tap, the app's imports) on top of its own work. So one process runs
// every *.cases.ts here; each still runs alone too:
// node --import tsx test/graphql/<name>.cases.ts
import { readdirSync } from 'node:fs';
import t from 'tap';

// Run directly with node, tap's own limit for a file is 30 s; under the runner, package.json's.
if (!process.env.TAP) t.setTimeout(300_000);

for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.cases.ts')).sort()) {
  await import(`./${file}`);
}
