// Prisma reports constraint failures differently per driver adapter (seen
// with Prisma 7.10 and both adapters): pg nests the constraint name under meta.driverAdapterError,
// PGlite gives fields. Everything that needs to know asks here.

interface PrismaLikeError {
  code?: string;
  meta?: Record<string, unknown>;
  message?: string;
}

export function isUniqueViolation(err: unknown, constraintHint?: string): boolean {
  const e = err as PrismaLikeError;
  if (e?.code !== 'P2002') return false;
  if (!constraintHint) return true;
  return JSON.stringify(e.meta ?? {}).includes(constraintHint) || String(e.message).includes(constraintHint);
}

export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as PrismaLikeError;
  return e?.code === 'P2003' || /foreign key/i.test(JSON.stringify(e?.meta ?? {}));
}
