import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import type { Context } from "../context/context";
import { issueDownloadGrantFor } from "../grants/download-grant.service";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import type { ObjectRecord } from "../store/types";
import { ViewerType } from "../viewer/viewer.type";
import { completeUpload } from "./complete-upload.service";
import { deleteObject, findVisibleObject, listVisibleObjects } from "./object.service";
import { StoredObject, StoredObjectConnection } from "./stored-object.type";

/** Registry rows reach GraphQL with the verified size and type when known, the declared ones before. */
export const toStoredObject = (o: ObjectRecord): StoredObject & Omit<ObjectRecord, "size" | "contentType"> => ({
  ...o,
  size: o.size ?? o.declaredSize,
  contentType: o.contentType ?? o.declaredContentType,
});

@Authorized()
@Resolver(() => StoredObject)
export class StoredObjectResolver {
  @Mutation(() => StoredObject, { description: "Verifies the upload of your grant (size, type, magic bytes); idempotent." })
  async completeUpload(@Arg("grantId", () => ID) grantId: string, @Ctx() ctx: Context) {
    return toStoredObject(await completeUpload(ctx.services, ctx.viewer!, grantId));
  }

  @Query(() => StoredObjectConnection, { description: "Your objects, newest first (admins: everyone's)." })
  async myObjects(@Args() { first, after }: PageArgsInput, @Ctx() ctx: Context) {
    return toConnection(await listVisibleObjects(ctx.services, ctx.viewer!, { first: first ?? undefined, after }), toStoredObject);
  }

  @Query(() => StoredObject, { nullable: true, description: "Null when there is no such object or it is not yours." })
  async object(@Arg("key") key: string, @Ctx() ctx: Context) {
    const object = await findVisibleObject(ctx.services, ctx.viewer!, key);
    return object && toStoredObject(object);
  }

  @Mutation(() => Boolean, { description: "Removes the object from the bucket and the registry (owner or admin)." })
  deleteObject(@Arg("key") key: string, @Ctx() ctx: Context): Promise<boolean> {
    return deleteObject(ctx.services, ctx.viewer!, key);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "A fresh presigned GET (recorded as a download grant); null unless the object is AVAILABLE and readable by you.",
  })
  async downloadUrl(
    @Root() object: ObjectRecord,
    @Arg("expiresIn", () => Int, { nullable: true }) expiresIn: number | null,
    @Ctx() ctx: Context,
  ): Promise<string | null> {
    const grant = await issueDownloadGrantFor(ctx.services, ctx.viewer!, object, { expiresIn }, ctx.requestId);
    return grant?.url ?? null;
  }

  @Authorized(ADMIN_ROLE)
  @FieldResolver(() => ViewerType, { nullable: true, description: "Admin only: who uploaded the object." })
  owner(@Root() object: ObjectRecord): ViewerType {
    return { id: object.ownerId, roles: [] };
  }
}
