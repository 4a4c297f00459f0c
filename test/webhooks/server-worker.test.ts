import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { freshDatabaseUrl } from '../helpers/database.js';
import { freePort, spawnTs, waitFor } from '../helpers/process.js';
import { receiver } from '../helpers/webhooks.js';

// The API process delivers webhooks itself by default (WORKERS=true), and
// stops its worker cleanly on SIGTERM; WORKERS=false leaves it to
// `npm run worker` processes.

const OPERATOR_TOKEN = 'server-worker-operator-token-0123';

async function startServer(databaseUrl: string, workers: boolean) {
  const port = await freePort();
  const proc = spawnTs('src/server.ts', [], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    OPERATOR_TOKEN,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WORKERS: String(workers),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('readiness', async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined), 30_000);
  return { ...proc, base };
}

async function post<T>(url: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

t.test('npm start delivers webhooks in-process, and WORKERS=false does not', async (t) => {
  const databaseUrl = await freshDatabaseUrl(t);
  const rx = await receiver(t);

  const off = await startServer(databaseUrl, false);
  t.teardown(() => off.child.kill('SIGKILL'));
  const { apiKey } = await post<{ apiKey: { secret: string } }>(`${off.base}/operator/institutions`, OPERATOR_TOKEN, { name: 'Server U' });
  const ep = await post<{ secret: string }>(`${off.base}/v1/webhook-endpoints`, apiKey.secret, { url: `${rx.url}/in` });
  await post(`${off.base}/v1/seekers`, apiKey.secret, { name: 'Queued while no worker runs' });
  await new Promise((r) => setTimeout(r, 1_500));
  t.equal(rx.received.length, 0, 'WORKERS=false: nothing sent');
  off.child.kill('SIGTERM');
  t.equal(await off.exited, 0);

  const on = await startServer(databaseUrl, true);
  t.teardown(() => on.child.kill('SIGKILL'));
  await rx.waitFor(1, 30_000); // hang guards, not speed checks
  t.pass('the queued delivery goes out once a process with a worker starts');
  await post(`${on.base}/v1/seekers`, apiKey.secret, { name: 'Live' });
  await rx.waitFor(2, 30_000);
  const names = rx.received.map((r) => (new Webhook(ep.secret).verify(r.body, r.headers as Record<string, string>) as { data: { seeker: { name: string } } }).data.seeker.name);
  t.same(names, ['Queued while no worker runs', 'Live']);
  on.child.kill('SIGTERM');
  t.equal(await on.exited, 0, 'SIGTERM stops the worker with the server, exit 0');
});
