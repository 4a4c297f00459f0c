import { request } from 'node:http';
import t from 'tap';
import { freshDataDir } from '../helpers/database.js';
import { freePort, spawnTs, waitFor } from '../helpers/process.js';

// The real process: first start on an empty embedded database, a clean
// SIGTERM with a request in flight, a restart that keeps everything, and the
// offline CLI.

async function startServer(dataDir: string) {
  const port = await freePort();
  const proc = spawnTs('src/server.ts', [], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  await waitFor('readiness', async () => ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok ? true : undefined));
  return { ...proc, base: `http://127.0.0.1:${port}`, port };
}

t.test('embedded start, demo key, graceful SIGTERM, restart keeps data, CLI', async (t) => {
  const dataDir = await freshDataDir(t);
  const first = await startServer(dataDir);
  t.teardown(() => first.child.kill('SIGKILL'));
  const key = /(rk_[A-Za-z0-9_-]+)/.exec(first.output())?.[1];
  t.ok(key, 'the first start prints a demo API key');
  t.match(first.output(), /curl -H "Authorization: Bearer rk_/, 'with a curl line to try');
  const auth = { authorization: `Bearer ${key}` };
  const inst = await fetch(`${first.base}/v1/institution`, { headers: auth });
  t.equal(inst.status, 200);

  // A request whose body is still arriving when SIGTERM lands must complete.
  const body = JSON.stringify({ name: 'In-flight Seeker' });
  const inflight = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${first.base}/v1/seekers`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 5));
    setTimeout(() => {
      first.child.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(5)), 300);
    }, 200);
  });
  const done = await inflight;
  t.equal(done.status, 201, 'the in-flight request finished');
  t.equal(await first.exited, 0, 'exit code 0 after SIGTERM');

  const second = await startServer(dataDir);
  t.teardown(() => second.child.kill('SIGKILL'));
  t.notMatch(second.output(), /rk_/, 'no second demo institution');
  const seekers = await (await fetch(`${second.base}/v1/seekers`, { headers: auth })).json() as { data: { name: string }[] };
  t.same(seekers.data.map((s) => s.name), ['In-flight Seeker'], 'data and key survive a restart');
  second.child.kill('SIGTERM');
  t.equal(await second.exited, 0);

  const cli = spawnTs('src/cli.ts', ['institution', 'create', '--name', 'Offline U', '--json'], { DATA_DIR: dataDir });
  t.equal(await cli.exited, 0, cli.output());
  const created = JSON.parse(cli.output().slice(cli.output().indexOf('{'))) as { institution: { name: string }; apiKey: { secret: string; scopes: string[] } };
  t.equal(created.institution.name, 'Offline U');
  t.match(created.apiKey.secret, /^rk_/);
  t.same(created.apiKey.scopes, ['admin']);

  const bad = spawnTs('src/cli.ts', ['institution', 'create', '--json'], { DATA_DIR: dataDir });
  t.equal(await bad.exited, 2, 'a missing --name is a usage error');
  t.match(bad.output(), /--name/);
});

t.test('the rapport bin answers --help (building itself on a fresh clone)', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['bin/rapport.js', '--help'], { encoding: 'utf8', timeout: 120_000 });
  t.equal(r.status, 0, r.stderr);
  t.match(r.stdout, /institution create/);
  t.match(r.stdout, /apikey revoke/);
});
