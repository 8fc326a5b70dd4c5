import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { BREAK, GraphQLError, visit, type DocumentNode } from "graphql";
import { getComplexity } from "graphql-query-complexity";
import type { Config } from "../config/config";
import { grantEstimator } from "../context/grant-cost";
import { ErrorCode } from "../errors/codes";

/**
 * Bounds on the work of one request, checked before anything is resolved: parse-time token,
 * depth, alias, directive and cost limits (GraphQL Armor), the number of grants the operation
 * would issue across all aliases, batches and pages, and no "Did you mean …?" hints when the
 * schema is not public. Over a bound → one error; nothing is signed or recorded.
 */
export function requestBounds(limits: Config["graphql"]["limits"], publicSchema: boolean) {
  const armor = new ApolloArmor({
    maxTokens: { n: limits.maxTokens },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: !publicSchema },
  }).protect();
  return {
    plugins: [...armor.plugins, grantBudget(limits.maxGrants)] as ApolloServerPlugin<object>[],
    validationRules: armor.validationRules,
  };
}

/**
 * Refuses an operation that would issue more than `max` grants (variables included). Apollo hands
 * every request of the same query the same parsed document, so a count that no variable can change
 * (no list length, count or page size read, no @skip or @include) is counted once per document and
 * operation, not on every request.
 */
function grantBudget(max: number): ApolloServerPlugin<object> {
  const fixedCounts = new WeakMap<DocumentNode, Map<string, number>>();
  const listener: GraphQLRequestListener<object> = {
    async didResolveOperation({ request, document, schema, operationName }) {
      const operation = operationName ?? "";
      let requested = fixedCounts.get(document)?.get(operation);
      if (requested === undefined) {
        let readsArguments = false;
        const counted = countGrants(() =>
          getComplexity({
            estimators: [grantEstimator(() => (readsArguments = true))],
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: operationName ?? undefined,
          }),
        );
        requested = counted ?? 0;
        if (counted !== undefined && !readsArguments && !hasConditionalFields(document)) {
          fixedCounts.set(document, (fixedCounts.get(document) ?? new Map<string, number>()).set(operation, counted));
        }
      }
      if (requested <= max) return;
      throw new GraphQLError(`this request would issue ${requested} grants; at most ${max} are issued per request`, {
        extensions: { code: ErrorCode.REQUEST_TOO_LARGE, limit: max, requested, http: { status: 400 } },
      });
    },
  };
  return { requestDidStart: async () => listener };
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
