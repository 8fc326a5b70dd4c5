import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ADMIN_ROLE, type Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { IssuesGrants } from "../context/grant-cost";
import { issueDownloadGrantFor } from "../grants/download-grant.service";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import type { ObjectRecord } from "../store/types";
import { ViewerType } from "../viewer/viewer.type";
import { completeUpload } from "./complete-upload.service";
import { deleteObject, findVisibleObject, listObjects } from "./object.service";
import { StoredObject, StoredObjectConnection } from "./stored-object.type";

/**
 * Registry rows reach GraphQL with the verified size and type when known, the declared ones before.
 * The id is the id of the upload grant that created the row: unique, and fixed for the row's life.
 */
export const toStoredObject = (o: ObjectRecord): StoredObject & Omit<ObjectRecord, "size" | "contentType"> => ({
  ...o,
  id: o.grantId,
  size: o.size ?? o.declaredSize,
  contentType: o.contentType ?? o.declaredContentType,
});

@Authorized()
@Resolver(() => StoredObject)
export class StoredObjectResolver {
  @Mutation(() => StoredObject, { description: "Verifies the upload of your grant (size, type, magic bytes); idempotent." })
  async completeUpload(@Arg("grantId", () => ID) grantId: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return toStoredObject(await completeUpload(ctx.services, viewer, grantId));
  }

  @Query(() => StoredObjectConnection, {
    description: "Your own objects, newest first (admins too: `objects` lists everyone's).",
  })
  async myObjects(@Args() { first, after }: PageArgsInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return toConnection(await listObjects(ctx.services, { ownerId: viewer.id, first, after }), toStoredObject);
  }

  @Query(() => StoredObject, {
    nullable: true,
    description:
      "The object at the key: yours (or any, for admins) in every state; another's once AVAILABLE when its profile's read rule or a share lets you read it. Null otherwise, whether or not it exists.",
  })
  async object(@Arg("key") key: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    const object = await findVisibleObject(ctx.services, viewer, key);
    return object && toStoredObject(object);
  }

  @Mutation(() => Boolean, { description: "Removes the object from the bucket and the registry (owner or admin)." })
  deleteObject(@Arg("key") key: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<boolean> {
    return deleteObject(ctx.services, viewer, key);
  }

  @IssuesGrants(1)
  @FieldResolver(() => String, {
    nullable: true,
    description: "A fresh presigned GET (recorded as a download grant); null unless the object is AVAILABLE and readable by you.",
  })
  async downloadUrl(
    @Root() object: ObjectRecord,
    @Arg("expiresIn", () => Int, { nullable: true }) expiresIn: number | null,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<string | null> {
    const grant = await issueDownloadGrantFor(ctx.services, viewer, object, { expiresIn }, ctx.requestId);
    return grant?.url ?? null;
  }

  @Authorized(ADMIN_ROLE)
  @FieldResolver(() => ViewerType, { nullable: true, description: "Admin only: who uploaded the object." })
  owner(@Root() object: ObjectRecord): ViewerType {
    return { id: object.ownerId, roles: [] };
  }
}
