// Prisma 7 reads its settings here. The service never runs the Prisma CLI's
// migrate (its engine can't be downloaded here); see src/db/migrator.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/rapport' },
});
