// `prisma generate` needs no engine, but the CLI insists a schema-engine
// binary exists and would download one. Point it at any existing file (node
// itself) so nothing is fetched, which also works offline.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const r = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
