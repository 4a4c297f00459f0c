// Proves the image's build steps where there is no Docker engine (CI here):
// reads the Dockerfile itself and carries out its instructions on this
// machine — each stage in its own directory standing for the container's
// root, the build context a clean copy of the repository — then starts the
// final stage's CMD against PostgreSQL and runs its HEALTHCHECK until it
// passes. The Dockerfile is the one source of the commands, so the two
// cannot drift; an instruction this script does not know stops it, so a new
// kind of step has to be taught here before it lands.
//
// Not emulated: the base image (this machine's Node runs the steps; the image
// has node:24-slim's), USER (files stay ours), EXPOSE. Usage:
//   npm run image:dry-run     (PostgreSQL as for the tests: TEST_DATABASE_URL or the local server)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ADMIN_URL, dropDatabase } from '../test/helpers/database.js';
import { freePort } from '../test/helpers/process.js';

const repo = path.resolve(import.meta.dirname, '..');

interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** Dockerfile lines joined across `\` continuations, comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buffer = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!buffer && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (!buffer) start = i + 1;
    if (line.endsWith('\\')) {
      buffer += line.slice(0, -1) + ' ';
      return;
    }
    buffer += line;
    const m = /^\s*(\w+)\s+([\s\S]*)$/.exec(buffer);
    if (!m) throw new Error(`Dockerfile:${start}: cannot read "${buffer}"`);
    out.push({ op: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start });
    buffer = '';
  });
  return out;
}

interface Stage {
  name: string;
  root: string;
  workdir: string; // inside the container
  env: Record<string, string>;
  cmd?: string[];
  healthcheck?: string;
}

// The image's user does not exist here and files stay ours (USER is not
// emulated), so RUN sees a chown that only says what it would have done.
function shims(work: string): string {
  const dir = path.join(work, 'shims');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'chown'), '#!/bin/sh\necho "   (chown $* not applied: USER is not emulated)"\n', { mode: 0o755 });
  // The npm cache here is this machine's, shared with everything else: keep it.
  const npm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(
    path.join(dir, 'npm'),
    `#!/bin/sh\nif [ "$1" = cache ] && [ "$2" = clean ]; then echo "   (npm cache clean not applied: the cache is the host's)"; exit 0; fi\nexec "${npm}" "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}

function run(stage: Stage, command: string, shimDir: string) {
  const started = performance.now();
  const env = hostEnv(stage);
  env.PATH = `${shimDir}:${env.PATH ?? ''}`;
  const r = spawnSync('sh', ['-c', command], { cwd: hostPath(stage, stage.workdir), env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`RUN ${command} failed (exit ${r.status})`);
  console.log(`   … ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function hostPath(stage: Stage, containerPath: string): string {
  const absolute = path.posix.isAbsolute(containerPath) ? containerPath : path.posix.join(stage.workdir, containerPath);
  return path.join(stage.root, absolute);
}

/** The stage's ENV, with absolute paths moved under the stage's root. */
function hostEnv(stage: Stage): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: process.env.npm_config_cache };
  for (const [k, v] of Object.entries(stage.env)) env[k] = v.startsWith('/') ? path.join(stage.root, v) : v;
  return env;
}

/** A clean copy of the build context: the repository's files that git knows, less .dockerignore. */
function buildContext(dir: string) {
  const ignored = readFileSync(path.join(repo, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  let n = 0;
  for (const file of files) {
    if (ignored.some((p) => file === p || file.startsWith(`${p}/`))) continue;
    if (!existsSync(path.join(repo, file))) continue; // deleted, not yet committed
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(repo, file), path.join(dir, file));
    n++;
  }
  return n;
}

function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return env;
}

async function main() {
  const instructions = parseDockerfile(readFileSync(path.join(repo, 'Dockerfile'), 'utf8'));
  const work = mkdtempSync(path.join(tmpdir(), 'rapport-image-'));
  const context = path.join(work, 'context');
  console.log(`build context: ${buildContext(context)} files copied to ${context}`);
  const shimDir = shims(work);
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  const current = () => {
    if (!stage) throw new Error('an instruction before FROM');
    return stage;
  };

  for (const ins of instructions) {
    console.log(`\n[${stage?.name ?? '-'}] ${ins.op} ${ins.args}`);
    switch (ins.op) {
      case 'FROM': {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
        if (!m) throw new Error(`Dockerfile:${ins.line}: FROM ${ins.args}`);
        const name = m[2] ?? `stage${stages.length}`;
        stage = { name, root: path.join(work, name), workdir: '/', env: {} };
        mkdirSync(stage.root, { recursive: true });
        stages.push(stage);
        console.log(`   (base image ${m[1]} not pulled: this machine's Node ${process.version} runs the steps)`);
        break;
      }
      case 'WORKDIR':
        current().workdir = path.posix.resolve(current().workdir, ins.args);
        mkdirSync(hostPath(current(), current().workdir), { recursive: true });
        break;
      case 'ENV':
        Object.assign(current().env, parseEnv(ins.args));
        break;
      case 'COPY': {
        const parts = ins.args.split(/\s+/);
        const flags = parts.filter((p) => p.startsWith('--'));
        const paths = parts.filter((p) => !p.startsWith('--'));
        const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
        const unknown = flags.filter((f) => !f.startsWith('--from=') && !f.startsWith('--chown='));
        if (unknown.length) throw new Error(`Dockerfile:${ins.line}: COPY flags not emulated: ${unknown.join(' ')}`);
        const dest = paths.pop()!;
        const source = from ? stages.find((s) => s.name === from) : undefined;
        if (from && !source) throw new Error(`Dockerfile:${ins.line}: no stage ${from}`);
        for (const p of paths) {
          const src = source ? hostPath(source, p) : path.join(context, p);
          if (!existsSync(src)) throw new Error(`Dockerfile:${ins.line}: COPY source ${p} does not exist`);
          const target = hostPath(current(), dest.endsWith('/') ? path.posix.join(dest, path.posix.basename(p)) : dest);
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(src, target, { recursive: true });
        }
        break;
      }
      case 'RUN':
        run(current(), ins.args, shimDir);
        break;
      case 'VOLUME':
        for (const v of JSON.parse(ins.args) as string[]) mkdirSync(hostPath(current(), v), { recursive: true });
        break;
      case 'USER':
      case 'EXPOSE':
        console.log('   (not emulated)');
        break;
      case 'HEALTHCHECK': {
        const m = /CMD\s+([\s\S]+)$/.exec(ins.args);
        if (!m) throw new Error(`Dockerfile:${ins.line}: HEALTHCHECK without CMD`);
        current().healthcheck = m[1]!;
        break;
      }
      case 'CMD':
        current().cmd = JSON.parse(ins.args) as string[];
        break;
      default:
        throw new Error(`Dockerfile:${ins.line}: ${ins.op} is not emulated by scripts/dockerfile-dry-run.ts; teach it before using it`);
    }
  }

  const final = stages.at(-1)!;
  if (!final.cmd || !final.healthcheck) throw new Error('the final stage needs CMD and HEALTHCHECK');
  const app = hostPath(final, final.workdir);
  for (const dev of ['typescript', 'tap', 'prisma', 'eslint']) {
    if (existsSync(path.join(app, 'node_modules', dev))) throw new Error(`the final stage has the dev dependency ${dev}`);
  }
  console.log('\nfinal stage has no dev dependencies (typescript, tap, prisma, eslint absent)');

  // Start it as `docker run -e DATABASE_URL=…` would, on a database of its own,
  // then as a plain `docker run` would, on the embedded database in the volume.
  const dbName = `rapport_image_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    await startAndCheck(final, { DATABASE_URL: url.toString() }, `DATABASE_URL=…/${dbName}`);
    const shipped = readdirSync(hostPath(final, 'prisma/migrations'), { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    await db.end();
    console.log(`   migrations applied at start: ${rows[0]!.n} of ${shipped}`);
    if (rows[0]!.n !== shipped || shipped === 0) throw new Error('migrations were not applied at start');
    await startAndCheck(final, {}, 'embedded database in the DATA_DIR volume');
  } finally {
    await dropDatabase(ADMIN_URL, dbName).catch((err: unknown) => console.error(`could not drop ${dbName}: ${String(err)}`));
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\nThe Dockerfile\'s steps build and start: OK');
}

/** Runs the final stage's CMD, waits for its HEALTHCHECK to pass, checks /health/ready, stops it with SIGTERM. */
async function startAndCheck(final: Stage & { cmd?: string[]; healthcheck?: string }, extra: Record<string, string>, label: string) {
  const app = hostPath(final, final.workdir);
  const port = await freePort();
  const stage: Stage = { ...final, env: { ...final.env, ...extra, PORT: String(port), HOST: '127.0.0.1' } };
  console.log(`\nCMD ${final.cmd!.join(' ')} (${label}, PORT=${port})`);
  const child = spawn(final.cmd![0]!, final.cmd!.slice(1), { cwd: app, env: hostEnv(stage), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    let healthy = false;
    for (let i = 0; i < 120 && !healthy && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 500));
      healthy = spawnSync('sh', ['-c', final.healthcheck!], { cwd: app, env: hostEnv(stage), timeout: 3000 }).status === 0;
    }
    if (!healthy) throw new Error(`HEALTHCHECK never passed. Output:\n${output}`);
    console.log('   HEALTHCHECK passed');
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    console.log(`   GET /health/ready → ${ready.status}`);
    if (ready.status !== 200) throw new Error('not ready');
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`exit ${code} after SIGTERM. Output:\n${output}`);
    console.log('   SIGTERM → exit 0');
  } finally {
    child.kill('SIGKILL');
  }
}

await main();
