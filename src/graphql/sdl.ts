import { readdir, readFile } from 'node:fs/promises';

// schema/*.graphql is the SDL the server serves: read from the repository
// root both from src/ (tsx) and from dist/ (the build), one level down each.
export const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

export async function readSdl(): Promise<string> {
  const files = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.graphql')).sort();
  const parts = await Promise.all(files.map((f) => readFile(new URL(f, SCHEMA_DIR), 'utf8')));
  return parts.join('\n');
}
