import t from 'tap';
import { buildTestApp, createTenant } from '../helpers/app.js';

// The change feed is a sync contract: a reader that keeps polling with
// after=<last id> must never see a later sequence before an earlier one has
// committed, or it would skip that event for good. Writers race here while a
// reader polls; every page must continue exactly where the last one ended.
t.test('a polling reader never sees a gap while writers race', async (t) => {
  const { app } = await buildTestApp(t);
  const a = await createTenant(app);
  const WRITERS = 6;
  const EACH = 15;
  let writing = true;
  const writers = Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; n < EACH; n++) {
        const r = await a.call({ method: 'POST', url: '/v1/seekers', payload: { name: `W${w}-${n}` } });
        if (r.statusCode !== 201) throw new Error(r.body);
      }
    }),
  ).finally(() => (writing = false));

  const total = 1 + WRITERS * EACH;
  let last = 0;
  let after: string | undefined;
  let polls = 0;
  let gaps = 0;
  while (last < total) {
    const res = await a.call({ method: 'GET', url: `/v1/events?limit=100${after ? `&after=${after}` : ''}` });
    const page = res.json<{ data: { id: string; sequence: number }[] }>().data;
    polls++;
    for (const e of page) {
      if (e.sequence !== last + 1) gaps++;
      last = e.sequence;
      after = e.id;
    }
    if (!writing && page.length === 0 && last < total) break;
  }
  await writers;
  t.equal(gaps, 0, `no gaps over ${polls} polls`);
  t.equal(last, total, 'the reader caught up with every event');
});
