import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';
import { create, follow, following, listen } from './subscribe.js';
import { waitFor } from '../helpers/process.js';

// PGlite is one connection in one process: there the event subscription
// rides the same LISTEN/NOTIFY, in-process only.
t.test('on the embedded database subscriptions work in-process', async (t) => {
  const { app } = await buildTestApp(t, { embedded: true });
  const a = await createTenant(app);
  const url = await listen(app);
  const sub = follow(t, url, a.key);
  await following(app, a.institutionId);
  await create(a, 'Embedded');
  await waitFor('the embedded event', () => (sub.got.length >= 1 ? true : undefined), 30_000);
  t.same(sub.got.map((e) => e.type), ['seeker.created']);
});
