import type { Contact, Seeker } from '../generated/prisma/client.js';

// Public shapes. Dates leave as ISO strings; nothing internal (institutionId)
// leaves at all.

export function toSeeker(r: Seeker) {
  return {
    id: r.id,
    externalId: r.externalId,
    name: r.name,
    email: r.email,
    notes: r.notes,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type SeekerView = ReturnType<typeof toSeeker>;

export function toContact(r: Contact) {
  return {
    id: r.id,
    externalId: r.externalId,
    name: r.name,
    email: r.email,
    linkedinUrl: r.linkedinUrl,
    organization: r.organization,
    title: r.title,
    field: r.field,
    howWeMet: r.howWeMet,
    introducedById: r.introducedById,
    mayUseName: r.mayUseName,
    researchNotes: r.researchNotes,
    tags: r.tags,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type ContactView = ReturnType<typeof toContact>;
