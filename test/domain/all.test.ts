// The domain's table tests are pure and take milliseconds each, while a test
// process costs a second or two to start (tsx, tap). So one process runs
// every *.cases.ts here; each still runs alone too:
// node --import tsx test/domain/<name>.cases.ts
import { readdirSync } from 'node:fs';
import t from 'tap';

// Run directly with node, tap's own limit for a file is 30 s; under the runner, package.json's.
if (!process.env.TAP) t.setTimeout(300_000);

for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.cases.ts')).sort()) {
  await import(`./${file}`);
}
