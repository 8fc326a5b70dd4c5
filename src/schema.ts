import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { authChecker } from "./auth/auth-checker";
import { ErrorExtensions } from "./errors/error-code.type";
import { GrantAdminResolver } from "./grants/grant-admin.resolver";
import { GrantResolver } from "./grants/grant.resolver";
import { UploadPartsResolver } from "./grants/upload-parts.resolver";
import { AbortUploadResolver } from "./objects/abort-upload.resolver";
import { ObjectAdminResolver } from "./objects/object-admin.resolver";
import { StoredObjectResolver } from "./objects/object.resolver";
import { ShareLinkResolver } from "./objects/share-link.resolver";
import { ShareResolver } from "./objects/share.resolver";
import { UploadProfileResolver } from "./profiles/upload-profile.resolver";
import { ViewerResolver } from "./viewer/viewer.resolver";
import { WebhookAdminResolver } from "./webhooks/webhook-admin.resolver";

/** Every resolver class; each carries @Authorized() so a new field cannot ship unguarded. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as `Function`
export const resolvers: NonEmptyArray<Function> = [
  ViewerResolver,
  UploadProfileResolver,
  GrantResolver,
  UploadPartsResolver,
  StoredObjectResolver,
  AbortUploadResolver,
  ShareResolver,
  ShareLinkResolver,
  GrantAdminResolver,
  ObjectAdminResolver,
  WebhookAdminResolver,
];

let cached: Promise<GraphQLSchema> | undefined;

/** The executable schema; built once per process (type-graphql metadata is global anyway). */
export function buildValetSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers, orphanedTypes: [ErrorExtensions], authChecker, authMode: "error", validate: false });
  return cached;
}
