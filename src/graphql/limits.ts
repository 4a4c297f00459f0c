import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';

// Depth and cost limits, as a validation rule: a query over either answers
// `query_too_complex` before anything runs. Introspection (`__schema`,
// `__type`, `__typename`) is free and unlimited, so GraphiQL and codegen work.

export const QUERY_LIMITS = {
  /** Nested field levels, e.g. interviews › edges › node › contact › name is 5. */
  maxDepth: 10,
  /**
   * Each field costs 1 for every item it may return: a connection multiplies
   * what is below it by `first` (its default when absent, 100 when a variable).
   */
  maxCost: 10_000,
  maxPage: 100,
} as const;

interface Measure {
  depth: number;
  cost: number;
}

function pageSize(field: GraphQLField<unknown, unknown> | undefined, node: { arguments?: readonly { name: { value: string }; value: { kind: Kind; value?: string } }[] }): number {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  if (arg) {
    if (arg.value.kind === Kind.INT) return Math.max(1, Math.min(Number(arg.value.value), QUERY_LIMITS.maxPage));
    return QUERY_LIMITS.maxPage;
  }
  const dflt = field?.args.find((a) => a.name === 'first')?.defaultValue;
  return typeof dflt === 'number' ? dflt : 1;
}

function measure(
  set: SelectionSetNode | undefined,
  type: GraphQLNamedType | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  lookup: (name: string) => GraphQLNamedType | undefined,
  visiting: Set<string>,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const sel of set?.selections ?? []) {
    let inner: Measure = { depth: 0, cost: 0 };
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[sel.name.value] : undefined;
      const below = measure(sel.selectionSet, field && getNamedType(field.type), fragments, lookup, visiting);
      inner = { depth: below.depth + 1, cost: 1 + pageSize(field, sel as never) * below.cost };
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(sel.selectionSet, sel.typeCondition ? lookup(sel.typeCondition.name.value) : type, fragments, lookup, visiting);
    } else {
      const fragment = fragments.get(sel.name.value);
      // Unknown or cyclic fragments are reported by graphql's own rules.
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      inner = measure(fragment.selectionSet, lookup(fragment.typeCondition.name.value), fragments, lookup, visiting);
      visiting.delete(fragment.name.value);
    }
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
  }
  return { depth, cost };
}

export const queryLimits: ValidationRule = (context) => {
  const schema = context.getSchema();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const lookup = (name: string) => schema.getType(name) ?? undefined;
  return {
    OperationDefinition(node) {
      const root = schema.getRootType(node.operation) ?? undefined;
      const { depth, cost } = measure(node.selectionSet, root, fragments, lookup, new Set());
      const name = node.name ? `"${node.name.value}"` : 'The query';
      if (depth > QUERY_LIMITS.maxDepth) {
        context.reportError(
          new GraphQLError(`${name} is ${depth} levels deep; the limit is ${QUERY_LIMITS.maxDepth}. Nest less, or split it into several requests.`, {
            nodes: [node],
            extensions: { code: 'query_too_complex', limit: 'depth', depth, maxDepth: QUERY_LIMITS.maxDepth },
          }),
        );
      }
      if (cost > QUERY_LIMITS.maxCost) {
        context.reportError(
          new GraphQLError(`${name} could return about ${cost} fields; the limit is ${QUERY_LIMITS.maxCost}. Ask for smaller pages (first) or fewer nested lists.`, {
            nodes: [node],
            extensions: { code: 'query_too_complex', limit: 'cost', cost, maxCost: QUERY_LIMITS.maxCost },
          }),
        );
      }
    },
  };
};
