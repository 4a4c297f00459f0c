#!/usr/bin/env node
// The `rapport` command. Runs the compiled CLI, compiling it first in a source
// checkout where `npm run build` has not run yet or src/ changed since (a
// fresh clone, a `git pull`). The image ships dist/ without src/: run as is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = new URL('../dist/cli.js', import.meta.url);
const src = fileURLToPath(new URL('../src', import.meta.url));

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(cli) || (existsSync(src) && newestIn(src) > statSync(cli).mtimeMs);
if (stale) {
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
await import(cli.href);
