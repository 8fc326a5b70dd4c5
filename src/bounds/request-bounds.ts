import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Config } from "../config/config";
import { createGrantBudget } from "./grant-budget";

/** What replaces a "Did you mean …?" hint when the schema is not public. */
const HIDDEN_SUGGESTION = "[Suggestion hidden]";

/**
 * Bounds on the work of one request, checked before anything is resolved: a token limit at parse
 * time (graphql-js's own), depth, alias, directive and cost limits (GraphQL Armor's validation
 * rules), the number of grants the operation would issue across all aliases, batches and pages,
 * and no "Did you mean …?" hints when the schema is not public. Over a bound → one error, HTTP 400;
 * nothing is signed or recorded.
 * `lane` is what the direct lane (http/direct-execution.ts) does itself, and the plugins whose work
 * that is: every other check reads the document, which Apollo has passed before the lane runs it.
 */
export function requestBounds(limits: Config["graphql"]["limits"], publicSchema: boolean) {
  const armor = new ApolloArmor({
    // Armor's token plugin throws from a parse hook, which Apollo answers with HTTP 500; graphql-js's
    // parser counts the same tokens and fails as a syntax error (400).
    maxTokens: { enabled: false },
    // Depth counts fields only: selecting an UploadGrant's kind (`... on PutUploadGrant { url }`)
    // or a named fragment adds no level of work.
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    // Masked below, by the one function the lane calls too.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const budget = createGrantBudget(limits.maxGrants);
  const hideSuggestions = publicSchema
    ? undefined
    : (message: string) => message.replace(/Did you mean ".+"/g, HIDDEN_SUGGESTION);
  const mirrored = [budget.plugin, ...(hideSuggestions ? [rewriteErrorMessages(hideSuggestions)] : [])];
  return {
    // Armor's own plugins (none with these settings) are not mirrored: a new one turns the lane off.
    plugins: [...(armor.plugins as ApolloServerPlugin<object>[]), ...mirrored],
    validationRules: armor.validationRules,
    parseOptions: { maxLexicalTokens: limits.maxTokens },
    lane: { grantRefusal: budget.refusal, hideSuggestions, mirrors: mirrored },
  };
}

/** Rewrites every error of an answer before it is formatted (as Armor's suggestion plugin did). */
function rewriteErrorMessages(rewrite: (message: string) => string): ApolloServerPlugin<object> {
  return {
    requestDidStart: async () => ({
      async didEncounterErrors({ errors }) {
        for (const error of errors) error.message = rewrite(error.message);
      },
    }),
  };
}
