import type { Seeker } from '../generated/prisma/client.js';
import type { SeekerCreate } from '../schemas/people.js';
import { recordService } from './records.js';
import { toSeeker } from './serialize.js';

export const seekers = recordService<Seeker, ReturnType<typeof toSeeker>, SeekerCreate>({
  kind: 'seeker',
  label: 'seeker',
  delegate: (tx) => tx.seeker,
  view: toSeeker,
});
