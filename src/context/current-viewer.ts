import { createParameterDecorator } from "type-graphql";
import { unauthenticated } from "../errors/app-error";
import type { Context } from "./context";

/**
 * The authenticated viewer as a resolver parameter. @Authorized() has already refused anonymous
 * callers on every field that takes it, so the throw only guards a field that lost its guard.
 */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }) => {
    if (context.viewer) return context.viewer;
    throw context.authError ?? unauthenticated();
  });
}
