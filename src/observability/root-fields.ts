import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

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
 * A label for what an operation does: its distinct root field names, sorted, joined by "+"
 * ("requestDownloads+viewer"); "multiple" past four. Unlike the client's operation name it is
 * bounded by the schema, so it can label metrics.
 */
export function fieldsLabel(fields: readonly FieldNode[]): string {
  const names = [...new Set(fields.map((f) => f.name.value))].sort();
  if (names.length === 0) return "none";
  return names.length > MAX_NAMED ? "multiple" : names.join("+");
}
