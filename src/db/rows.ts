// Plain-SQL rows come back snake_case; the rest of the code speaks the
// camelCase of Prisma's models (every @map is the snake_case of its field).
const camel = (s: string) => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

export function camelRow<T>(raw: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) row[camel(k)] = v;
  return row as T;
}
