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
  },
});
