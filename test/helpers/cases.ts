import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';

/**
 * Runs every `*.cases.ts` in `dir` in this one process: a test process costs
 * a second or two of CPU to start (tsx, tap, the app's imports), more than
 * many of these files spend on their own work. Each still runs alone with
 * `node --import tsx <dir>/<name>.cases.ts`.
 */
export async function runCasesIn(dir: string): Promise<void> {
  // Run directly with node, tap's own limit for a file is 30 s; under the runner, package.json's.
  if (!process.env.TAP) t.setTimeout(300_000);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cases.ts')).sort()) {
    await import(pathToFileURL(path.join(dir, file)).href);
  }
}
