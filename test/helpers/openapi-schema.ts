// The OpenAPI document read as data, for tests that walk every route it
// lists (bad-input.test.ts, tenancy.test.ts): schema resolution and a value
// each schema accepts, so a new route is covered the day it is added.

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = (typeof METHODS)[number];

export interface Schema {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  default?: unknown;
}
export interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface Doc {
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}



/**
 * Schema tools over one document. `idFor` gives an id of the caller's own for
 * an id prefix (`skr`, `int`…); without one, a well-formed id of nobody's.
 */
export function makeSchemaTools(doc: Doc, idFor: (prefix: string) => string | undefined, text = 'Valid text') {
  const resolve = (s: Schema | undefined): Schema => {
    let cur = s ?? {};
    for (let i = 0; cur.$ref && i < 20; i++) {
      const name = cur.$ref.replace('#/components/schemas/', '');
      cur = doc.components?.schemas?.[name] ?? {};
    }
    return cur;
  };
  const branches = (s: Schema | undefined): Schema[] => {
    const r = resolve(s);
    const alts = r.anyOf ?? r.oneOf;
    if (alts) return alts.flatMap((b) => branches(b));
    return [r];
  };
  const typesOf = (b: Schema): string[] => {
    if (b.type) return Array.isArray(b.type) ? b.type : [b.type];
    if (b.enum) return [...new Set(b.enum.map(kindOf))];
    if (b.const !== undefined) return [kindOf(b.const)];
    if (b.properties) return ['object'];
    return [];
  };
  /** Whether any branch accepts a value of this JSON kind (ignoring constraints). */
  const acceptsKind = (s: Schema | undefined, kind: string): boolean =>
    branches(s).some((b) => {
      const types = typesOf(b);
      if (types.length === 0) return true;
      return types.includes(kind) || (kind === 'integer' && types.includes('number'));
    });
  const idPrefix = (b: Schema): string | undefined => /^\^([a-z]{2,5})_/.exec(b.pattern ?? '')?.[1];

  /** A value the schema accepts (shape-wise), for bases and path ids. */
  const sample = (s: Schema | undefined, depth = 0): unknown => {
    const all = branches(s);
    const b = all.find((x) => !typesOf(x).includes('null')) ?? all[0] ?? {};
    if (b.default !== undefined) return b.default;
    if (b.enum) return b.enum[0];
    if (b.const !== undefined) return b.const;
    const type = typesOf(b)[0];
    switch (type) {
      case 'string': {
        const prefix = idPrefix(b);
        if (prefix) return idFor(prefix) ?? `${prefix}_00000000000000000000000000`;
        if (b.format === 'date-time') return '2026-12-10T15:00:00Z';
        if (b.format === 'email') return 'probe@example.edu';
        if (b.format === 'uri') return 'https://example.com/probe';
        return text.padEnd(b.minLength ?? 0, 'x').slice(0, b.maxLength ?? 100);
      }
      case 'integer':
      case 'number':
        return Math.min(Math.max(20, b.minimum ?? 20), b.maximum ?? 20);
      case 'boolean':
        return false;
      case 'array':
        return Array.from({ length: b.minItems ?? 0 }, () => sample(b.items, depth + 1));
      case 'object': {
        const out: Record<string, unknown> = {};
        if (depth < 5) for (const k of b.required ?? []) out[k] = sample(b.properties?.[k], depth + 1);
        return out;
      }
      default:
        return null;
    }
  };
  /** A JSON body the operation accepts, or undefined when it takes none. */
  const bodyOf = (op: Operation | undefined) => {
    const s = op?.requestBody?.content?.['application/json']?.schema;
    return s === undefined ? undefined : sample(s);
  };
  /** The id prefix a schema (or any of its branches) demands, e.g. `int`. */
  const prefixOf = (s: Schema | undefined) => branches(s).map(idPrefix).find(Boolean);
  return { resolve, branches, acceptsKind, sample, bodyOf, idPrefix, prefixOf, typesOf };
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
