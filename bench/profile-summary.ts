/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the CPU time
 * went, by package / source file, and the heaviest functions by self and by
 * inclusive time. Used to find what Rapport spends beyond the baseline:
 *
 *   RAPPORT_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" BENCH_SKIP_EMBEDDED=1 npm run bench
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;

// Self time per node from the samples and their deltas (µs).
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = [...self.values()].reduce((a, b) => a + b, 0);

function group(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (nm) {
    if (nm[1] === '.prisma' || url.includes('/generated/prisma/')) return 'prisma (generated client)';
    return nm[1]!;
  }
  const own = /\/(dist|src|bench)\/(.*)$/.exec(url);
  if (own) return `${own[1]}/${own[2]!.replace(/\.js$|\.ts$/, '')}`;
  if (url.startsWith('node:')) return 'node: internals';
  return url;
}

const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${group(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;

const groups = new Map<string, number>();
const selfFn = new Map<string, number>();
const inclFn = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const g = group(n.callFrame.url, n.callFrame.functionName);
  groups.set(g, (groups.get(g) ?? 0) + t);
  selfFn.set(label(n), (selfFn.get(label(n)) ?? 0) + t);
  // Inclusive: credit each distinct function on the stack once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclFn.set(l, (inclFn.get(l) ?? 0) + t);
  }
}

const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
const print = (title: string, m: Map<string, number>, n = top) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(t)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('Self time by package / file', groups);
print('Self time by function', selfFn);
print('Inclusive time by function', inclFn, top * 2);
