import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { bearerToken, type TokenVerifier } from "../auth/verify-token";
import type { AuthState } from "../auth/viewer";
import { AppError } from "../errors/app-error";
import type { ServiceDeps } from "../services/deps";

/** Per-request state: who is asking (verified once), and the services to ask. */
export interface Context extends AuthState {
  requestId: string;
  services: ServiceDeps;
}

export function createContextFactory(verify: TokenVerifier, services: ServiceDeps) {
  return async ({ headers }: { headers: IncomingHttpHeaders }): Promise<Context> => {
    const requestId = requestIdFrom(headers["x-request-id"]);
    const token = bearerToken(headers.authorization);
    if (token === null) return { viewer: null, authError: null, requestId, services };
    if (token instanceof AppError) return { viewer: null, authError: token, requestId, services };
    try {
      return { viewer: await verify(token), authError: null, requestId, services };
    } catch (e) {
      if (e instanceof AppError) return { viewer: null, authError: e, requestId, services };
      throw e;
    }
  };
}

/** The caller's X-Request-Id when it is short and plain (safe to log and store), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}
