import type { Seeker } from '../generated/prisma/client.js';
import { seekerErased } from '../errors.js';
import type { SeekerCreate } from '../schemas/people.js';
import { recordService } from './records.js';
import { toSeeker } from './serialize.js';

export const seekers = recordService<Seeker, ReturnType<typeof toSeeker>, SeekerCreate>({
  kind: 'seeker',
  label: 'seeker',
  delegate: (tx) => tx.seeker,
  view: toSeeker,
  // An erased seeker (services/privacy.ts) takes no more writes. The row
  // lock makes an erasure committing meanwhile seen here, not overwritten.
  beforeUpdate: async (tx, ctx, id) => {
    const [row] = await tx.$queryRaw<{ erased_at: Date | null }[]>`
      SELECT erased_at FROM seekers WHERE id = ${id} AND institution_id = ${ctx.tenant.id} FOR UPDATE`;
    if (row?.erased_at) throw seekerErased(id);
  },
});
