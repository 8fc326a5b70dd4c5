import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import type { ObjectRecord, ShareRecord } from "../store/types";
import { toStoredObject } from "./object.resolver";
import { listSharedWith, listSharesOf, revokeShare, shareObject } from "./share.service";
import { Share, ShareObjectInput } from "./share.type";
import { StoredObject, StoredObjectConnection } from "./stored-object.type";

@Authorized()
@Resolver(() => StoredObject)
export class ShareResolver {
  @Mutation(() => Share, {
    description:
      "Lets one viewer, or every holder of one role, read one of your AVAILABLE objects (downloads and object(key)) until the share expires or is revoked. NOT_FOUND unless you own the object or are an admin.",
  })
  shareObject(@Arg("input") input: ShareObjectInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<ShareRecord> {
    return shareObject(ctx.services, viewer, input.key, input);
  }

  @Mutation(() => Share, {
    description:
      "Ends a share at once, on every instance (owner or admin; NOT_FOUND otherwise). URLs already handed out stay valid at S3 until they expire: keep download lifetimes short.",
  })
  revokeShare(@Arg("id", () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<ShareRecord> {
    return revokeShare(ctx.services, viewer, id);
  }

  @Query(() => StoredObjectConnection, {
    description: "AVAILABLE objects an active share lets you read (by your id or one of your roles), newest first.",
  })
  async sharedWithMe(@Args() { first, after }: PageArgsInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return toConnection(await listSharedWith(ctx.services, viewer, { first, after }), toStoredObject);
  }

  @FieldResolver(() => [Share], {
    nullable: true,
    description: "The object's shares, newest first, ended ones too. Owner or admin only: null for anyone else.",
  })
  shares(@Root() object: ObjectRecord, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<ShareRecord[] | null> {
    return listSharesOf(ctx.services, viewer, object);
  }
}
