import type { ComplexityEstimator } from "graphql-query-complexity";
import { Extensions } from "type-graphql";
import { pageSize } from "../policy/page-size";

const KEY = "valetGrants";

/**
 * How many grants one resolution of a field issues: a fixed number, one per item of a list
 * argument, or as many as an Int argument says (its default when absent, as graphql-js applies it).
 */
export type GrantCost = number | { perItemOf: string } | { countOf: string };

/** Marks a field that issues grants, so a request's total can be bounded before anything runs. */
export const IssuesGrants = (cost: GrantCost) => Extensions({ [KEY]: cost });

/**
 * graphql-query-complexity estimator counting grants: a field's own grants plus its children's,
 * the children multiplied by the page size on paginated fields (a downloadUrl under myObjects
 * issues one grant per listed object). Aliases and fragments are walked by the library.
 * `onArgumentRead` is told whenever the count depends on an argument's value (a list's length, a
 * count, a page size): a count it was never told about is the same whatever the variables are.
 */
export function grantEstimator(onArgumentRead: () => void = () => undefined): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const cost = field.extensions?.[KEY] as GrantCost | undefined;
    const paged = field.args.some((a) => a.name === "first");
    if (paged || (cost !== undefined && typeof cost !== "number")) onArgumentRead();
    return ownGrants(cost, args) + childComplexity * (paged ? pageOf(args) : 1);
  };
}

function ownGrants(cost: GrantCost | undefined, args: Record<string, unknown>): number {
  if (cost === undefined) return 0;
  if (typeof cost === "number") return cost;
  if ("countOf" in cost) {
    const count = args[cost.countOf];
    return typeof count === "number" && count > 0 ? count : 0;
  }
  const list = args[cost.perItemOf];
  return Array.isArray(list) ? list.length : 0;
}

const pageOf = (args: Record<string, unknown>) => pageSize(typeof args.first === "number" ? args.first : undefined);
