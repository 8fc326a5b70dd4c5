import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
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

/** Refuses an operation that would issue more than `max` grants (variables included). */
function grantBudget(max: number): ApolloServerPlugin<object> {
  const listener: GraphQLRequestListener<object> = {
    async didResolveOperation({ request, document, schema, operationName }) {
      const variables = request.variables ?? {};
      const requested = countGrants(() =>
        getComplexity({
          estimators: [grantEstimator],
          schema,
          query: document,
          variables,
          operationName: operationName ?? undefined,
        }),
      );
      if (requested <= max) return;
      throw new GraphQLError(`this request would issue ${requested} grants; at most ${max} are issued per request`, {
        extensions: { code: ErrorCode.REQUEST_TOO_LARGE, limit: max, requested, http: { status: 400 } },
      });
    },
  };
  return { requestDidStart: async () => listener };
}

// Variables that do not coerce make the count throw; execution reports them properly.
function countGrants(count: () => number): number {
  try {
    return count();
  } catch {
    return 0;
  }
}
