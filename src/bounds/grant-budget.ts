import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLSchema } from "graphql";
import { getComplexity } from "graphql-query-complexity";
import { grantEstimator } from "../context/grant-cost";
import { ErrorCode } from "../errors/codes";

/** One request's operation, as the grant budget reads it. */
export interface CountedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
}

/**
 * Refuses an operation that would issue more than `max` grants (variables included), for Apollo
 * (`plugin`) and for the direct lane (`refusal`). Every request of the same query text gets the
 * same parsed document, so a count that no variable can change (no list length, count or page
 * size read, no @skip or @include) is counted once per document and operation, not per request.
 */
export function createGrantBudget(max: number) {
  const fixedCounts = new WeakMap<DocumentNode, Map<string, number>>();
  const requested = ({ schema, document, operationName, variables }: CountedOperation): number => {
    const operation = operationName ?? "";
    const known = fixedCounts.get(document)?.get(operation);
    if (known !== undefined) return known;
    let readsArguments = false;
    const counted = countGrants(() =>
      getComplexity({
        estimators: [grantEstimator(() => (readsArguments = true))],
        schema,
        query: document,
        variables: variables ?? {},
        operationName: operationName ?? undefined,
      }),
    );
    if (counted !== undefined && !readsArguments && !hasConditionalFields(document)) {
      fixedCounts.set(document, (fixedCounts.get(document) ?? new Map<string, number>()).set(operation, counted));
    }
    return counted ?? 0;
  };
  /** The error refusing the operation, or undefined when it is within the budget. */
  const refusal = (operation: CountedOperation): GraphQLError | undefined => {
    const count = requested(operation);
    if (count <= max) return undefined;
    return new GraphQLError(`this request would issue ${count} grants; at most ${max} are issued per request`, {
      extensions: { code: ErrorCode.REQUEST_TOO_LARGE, limit: max, requested: count, http: { status: 400 } },
    });
  };
  const plugin: ApolloServerPlugin<object> = {
    requestDidStart: async () => ({
      async didResolveOperation({ request, document, schema, operationName }) {
        const refused = refusal({ schema, document, operationName, variables: request.variables });
        if (refused) throw refused;
      },
    }),
  };
  return { plugin, refusal };
}

// Variables that do not coerce make the count throw (undefined here); execution reports them properly.
function countGrants(count: () => number): number | undefined {
  try {
    return count();
  } catch {
    return undefined;
  }
}

/** Whether a @skip or @include anywhere in the document may leave fields out, depending on variables. */
function hasConditionalFields(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === "skip" || node.name.value === "include") {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}
