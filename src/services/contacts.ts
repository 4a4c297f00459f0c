import type { Contact } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import type { ContactCreate } from '../schemas/people.js';
import { recordService } from './records.js';
import { toContact } from './serialize.js';

export const contacts = recordService<Contact, ReturnType<typeof toContact>, ContactCreate>({
  kind: 'contact',
  label: 'contact',
  delegate: (tx) => tx.contact,
  view: toContact,
  // The introducer must be another contact of the same institution.
  async check(tx, ctx, input, id) {
    const introducer = input.introducedById;
    if (!introducer) return;
    if (introducer === id) {
      throw new AppError('validation_failed', 'A contact cannot introduce themselves.', {
        violations: [{ rule: 'self_reference', message: 'introducedById must name another contact', field: 'introducedById' }],
      });
    }
    const found = await tx.contact.findFirst({ where: { id: introducer, institutionId: ctx.tenant.id }, select: { id: true } });
    if (!found) {
      throw new AppError('related_not_found', `No contact with id ${introducer} exists here.`, {
        violations: [{ rule: 'not_found', message: 'introducedById must name an existing contact', field: 'introducedById' }],
      });
    }
    // The referral graph is a tree: refuse an introduction that would close a loop.
    const ancestors = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE up(id, depth) AS (
        SELECT introduced_by_id, 1 FROM contacts WHERE id = ${introducer} AND institution_id = ${ctx.tenant.id}
        UNION ALL
        SELECT c.introduced_by_id, up.depth + 1 FROM contacts c JOIN up ON c.id = up.id WHERE up.depth < 1000
      )
      SELECT id FROM up WHERE id = ${id} LIMIT 1`;
    if (ancestors.length > 0) {
      throw new AppError('validation_failed', 'That introduction would make a loop: this contact already introduced the other, directly or through others.', {
        violations: [{ rule: 'introduction_loop', message: 'introducedById would create a cycle', field: 'introducedById' }],
      });
    }
  },
});
