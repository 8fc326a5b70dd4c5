import type { GraphQLFormattedError } from "graphql";
import { GrantKind } from "../domain/model";
import { QUOTA_NAMES } from "../domain/quota";
import { ErrorCode } from "../errors/codes";
import { codeOf, type GrantAsk } from "./grant-refusals";

/** A limit that refused a request: a per-minute rate budget, or one of the upload quotas. */
export type LimitName = "uploadsPerMinute" | "downloadsPerMinute" | (typeof QUOTA_NAMES)[number];

const QUOTAS: ReadonlySet<unknown> = new Set(QUOTA_NAMES);

/**
 * The limits named by an answer's RATE_LIMITED and QUOTA_EXCEEDED errors, one per error: the rate
 * budget by the kind of grant field the error sits at, the quota by the error's `quota` extension.
 */
export function limitRejections(asks: ReadonlyMap<string, GrantAsk>, errors: readonly GraphQLFormattedError[]): LimitName[] {
  const limits: LimitName[] = [];
  for (const error of errors) {
    const code = codeOf(error);
    if (code === ErrorCode.QUOTA_EXCEEDED && QUOTAS.has(error.extensions?.quota)) {
      limits.push(error.extensions!.quota as LimitName);
    } else if (code === ErrorCode.RATE_LIMITED) {
      const ask = error.path ? asks.get(String(error.path[0])) : undefined;
      if (ask) limits.push(ask.kind === GrantKind.UPLOAD ? "uploadsPerMinute" : "downloadsPerMinute");
    }
  }
  return limits;
}
