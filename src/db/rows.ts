// Plain-SQL rows come back snake_case; the rest of the code speaks the
// camelCase of Prisma's models (every @map is the snake_case of its field).
// Column names are few and repeat on every row: convert each name once.
const names = new Map<string, string>();
const camel = (s: string) => {
  let c = names.get(s);
  if (c === undefined) names.set(s, (c = s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())));
  return c;
};

/** Copies a row with camelCase keys, leaving out those that start with `skipPrefix`. */
export function camelRow<T>(raw: Record<string, unknown>, skipPrefix?: string): T {
  const row: Record<string, unknown> = {};
  for (const k in raw) if (!skipPrefix || !k.startsWith(skipPrefix)) row[camel(k)] = raw[k];
  return row as T;
}
