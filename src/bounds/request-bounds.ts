import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Config } from "../config/config";
import { createGrantBudget } from "./grant-budget";

/** What replaces a "Did you mean …?" hint when the schema is not public. */
const HIDDEN_SUGGESTION = "[Suggestion hidden]";

/**
 * Bounds on the work of one request, checked before anything is resolved: parse-time token,
 * depth, alias, directive and cost limits (GraphQL Armor), the number of grants the operation
 * would issue across all aliases, batches and pages, and no "Did you mean …?" hints when the
 * schema is not public. Over a bound → one error; nothing is signed or recorded.
 * `direct` is what the direct lane (http/direct-execution.ts) checks per request itself: the
 * rest are checks of the document, which Apollo has passed before the lane ever runs it.
 */
export function requestBounds(limits: Config["graphql"]["limits"], publicSchema: boolean) {
  const armor = new ApolloArmor({
    maxTokens: { n: limits.maxTokens },
    // Depth counts fields only: selecting an UploadGrant's kind (`... on PutUploadGrant { url }`)
    // or a named fragment adds no level of work.
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: !publicSchema, mask: HIDDEN_SUGGESTION },
  }).protect();
  const budget = createGrantBudget(limits.maxGrants);
  return {
    plugins: [...armor.plugins, budget.plugin] as ApolloServerPlugin<object>[],
    validationRules: armor.validationRules,
    direct: {
      grantRefusal: budget.refusal,
      // As Armor's plugin does to every error of an answer.
      hideSuggestions: publicSchema ? undefined : (message: string) => message.replace(/Did you mean ".+"/g, HIDDEN_SUGGESTION),
    },
  };
}
