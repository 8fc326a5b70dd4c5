import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** The root field selections of an operation, through inline fragments and fragment spreads. */
export function rootFieldNodes(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value) && fragments.has(s.name.value)) {
        seen.add(s.name.value);
        walk(fragments.get(s.name.value)!);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

const MAX_NAMED = 4;

/**
 * What an operation does, for the request log: its distinct root field names, sorted, joined by
 * "+" ("me+uploadProfiles"); "multiple" past four. Too many combinations to label a metric.
 */
export function fieldsLabel(fields: readonly FieldNode[]): string {
  const names = [...new Set(fields.map((f) => f.name.value))].sort();
  if (names.length === 0) return "none";
  return names.length > MAX_NAMED ? "multiple" : names.join("+");
}

/** The values the `operation` metric label takes besides the name of a root field. */
export const OperationLabel = {
  /** Two or more distinct root fields. */
  MULTIPLE: "multiple",
  /** A root field the schema's root type does not have (an introspection field, __typename). */
  OTHER: "other",
  /** A request to /graphql whose operation never passed validation. */
  UNPARSED: "unparsed",
  /** A request to a path that does not exist. */
  NOT_FOUND: "not_found",
} as const;

/**
 * The metric label of a validated operation: the name of its one root field (aliases of it count
 * once), or an OperationLabel. Every value it can take is fixed by the schema, so no client can
 * add a metric series, each of which costs memory and scrape time for the rest of the process.
 */
export function operationLabel(schema: GraphQLSchema, operation: OperationDefinitionNode, fields: readonly FieldNode[]): string {
  const names = new Set(fields.map((f) => f.name.value));
  if (names.size > 1) return OperationLabel.MULTIPLE;
  const [name] = names;
  return name !== undefined && schema.getRootType(operation.operation)?.getFields()[name] ? name : OperationLabel.OTHER;
}
