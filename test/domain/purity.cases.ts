// src/domain is pure: it imports nothing but zod, eld (language identification:
// functions over n-gram tables shipped inside the package, no I/O) and its own
// files, and it never reads the clock. (The lint rule is the other half of this check.)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const DOMAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const SPECIFIER = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)|\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g;

const PURE_PACKAGES = new Set(['zod', 'eld/small']);

t.test('src/domain imports only zod, eld and its own files', async (t) => {
  const files = filesUnder(DOMAIN);
  t.ok(files.length >= 10, 'found the domain files');
  for (const file of files) {
    const name = relative(DOMAIN, file);
    t.match(name, /\.ts$/, `${name} is TypeScript`);
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
    for (const specifier of specifiers) {
      if (PURE_PACKAGES.has(specifier)) continue;
      t.ok(specifier.startsWith('./') || specifier.startsWith('../'), `${name}: "${specifier}" is relative, zod or eld`);
      t.ok(resolve(dirname(file), specifier).startsWith(DOMAIN), `${name}: "${specifier}" stays inside src/domain`);
      t.match(specifier, /\.js$/, `${name}: "${specifier}" names its .js file (NodeNext)`);
    }
    t.notMatch(source, /\brequire\s*\(/, `${name}: no require`);
  }
});

t.test('src/domain never reads the clock', async (t) => {
  for (const file of filesUnder(DOMAIN)) {
    const source = readFileSync(file, 'utf8');
    const name = relative(DOMAIN, file);
    t.notMatch(source, /Date\.now\s*\(/, `${name}: no Date.now()`);
    t.notMatch(source, /new Date\s*\(\s*\)/, `${name}: no new Date()`);
    t.notMatch(source, /\bprocess\./, `${name}: no process`);
    t.notMatch(source, /performance\.now/, `${name}: no performance.now`);
  }
});

t.test('files stay small', async (t) => {
  for (const file of filesUnder(DOMAIN)) {
    const lines = readFileSync(file, 'utf8').split('\n').length;
    t.ok(lines <= 300, `${relative(DOMAIN, file)}: ${lines} lines`);
  }
});
